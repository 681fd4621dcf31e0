import { DataSource } from 'typeorm';
import { OutboxTopic } from '../outbox';
import { markRequestsDirty } from './rollup.service';

/** analytics_state row: REQUEST_CHANGED rows of transactions below this id have been read (outbox retention keeps the rest). */
export const REQUEST_CHANGES_CURSOR = 'rollup.request-changes-consumed-below-txid';
const CURSOR = REQUEST_CHANGES_CURSOR;

/**
 * Reads the REQUEST_CHANGED rows of the outbox that the rollups have not seen and marks those requests' KPI
 * contributions as stale. Rows are taken by writing transaction, below the oldest transaction still running: a
 * transaction that commits late (with a lower sequence id than rows already read) is still below the
 * horizon next time, so no change is ever skipped. Returns how many requests changed.
 */
export async function consumeRequestChanges(dataSource: DataSource, timeZone: string, now: Date): Promise<number> {
  return dataSource.transaction(async (em) => {
    const [{ horizon }] = await em.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon`);
    const state: { position: string | null }[] = await em.query('SELECT position FROM analytics_state WHERE name = $1 FOR UPDATE', [CURSOR]);
    const from = state[0]?.position ?? '0';
    const changed: { request_id: string }[] = await em.query(
      `SELECT DISTINCT payload->>'requestId' AS request_id FROM outbox_event WHERE topic = $1 AND txid >= $2 AND txid < $3`,
      [OutboxTopic.REQUEST_CHANGED, from, horizon],
    );
    await markRequestsDirty(em, changed.map((c) => c.request_id).filter(Boolean), now);
    await em.query(
      `INSERT INTO analytics_state (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
      [CURSOR, horizon],
    );
    return changed.length;
  });
}
