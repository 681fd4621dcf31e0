import { DataSource, EntityManager } from 'typeorm';
import { applyRequestChanges } from './rollup-delta';
import { markRequestsDirty, recomputeDays } from './rollup.service';

const DAYS_PER_BATCH = 31;
// Big enough that a day's worth of changes (70,000) is a handful of transactions, small enough that one
// transaction's working tables and row locks stay modest.
const REQUESTS_PER_BATCH = 10_000;
const OVERDUE_WATERMARK = 'rollup.reply-deadlines-seen-until';

export interface IncrementalRollupDeps {
  dataSource: DataSource;
  timeZone: string;
  now: Date;
}

export interface IncrementalRollupResult {
  /** Local days recomputed whole (marked stale by a migration, the demo seed or an operator). */
  days: string[];
  /** Requests whose changes were applied. */
  requests: number;
}

/**
 * `overdueOpen` changes with time alone: when a lead assignment's reply deadline passes, its request's
 * contribution is stale although nothing was written. Mark those requests, from the last run up to now.
 */
async function markDeadlinesPassed(deps: IncrementalRollupDeps): Promise<void> {
  await deps.dataSource.transaction(async (em) => {
    const rows: { value: Date }[] = await em.query('SELECT value FROM analytics_state WHERE name = $1 FOR UPDATE', [OVERDUE_WATERMARK]);
    const since = rows[0]?.value ?? new Date(0);
    const requests: { request_id: string }[] = await em.query(
      `SELECT DISTINCT request_id FROM assignment
       WHERE role = 'LEAD' AND due_at > $1 AND due_at <= $2 AND status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`,
      [since, deps.now],
    );
    await markRequestsDirty(em, requests.map((r) => r.request_id), deps.now);
    await em.query(
      `INSERT INTO analytics_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
      [OVERDUE_WATERMARK, deps.now],
    );
  });
}

/**
 * Takes marks out of a dirty-mark table, `limit` at a time and skipping those another run holds, and handles each
 * batch in the transaction that took it, until none is left. Returns every key handled.
 */
async function drain(
  deps: IncrementalRollupDeps, mark: { table: string; column: string; asText: string }, limit: number,
  handle: (em: EntityManager, keys: string[]) => Promise<unknown>,
): Promise<string[]> {
  const handled: string[] = [];
  for (;;) {
    const batch = await deps.dataSource.transaction(async (em) => {
      // A SELECT around the DELETE: TypeORM answers a bare DELETE … RETURNING with [rows, count], not rows.
      const claimed: { key: string }[] = await em.query(
        `WITH claimed AS (
           DELETE FROM ${mark.table} WHERE ${mark.column} IN (
             SELECT ${mark.column} FROM ${mark.table} ORDER BY ${mark.column} LIMIT $1 FOR UPDATE SKIP LOCKED
           ) RETURNING ${mark.column}
         ) SELECT ${mark.asText} AS key FROM claimed`,
        [limit],
      );
      const keys = claimed.map((c) => c.key);
      await handle(em, keys);
      return keys;
    });
    if (batch.length === 0) return handled;
    handled.push(...batch);
  }
}

/** Recomputes every stale day, then applies every stale request's change, a batch per transaction. */
export async function runIncrementalRollup(deps: IncrementalRollupDeps): Promise<IncrementalRollupResult> {
  await markDeadlinesPassed(deps);
  // Days first: a day marked stale may lack its requests' contributions, which a request's change subtracts.
  const days = await drain(deps, { table: 'rollup_dirty_day', column: 'day', asText: `to_char(day, 'YYYY-MM-DD')` }, DAYS_PER_BATCH,
    (em, batch) => recomputeDays(em, batch, deps));
  const requests = await drain(deps, { table: 'rollup_dirty_request', column: 'request_id', asText: 'request_id::text' }, REQUESTS_PER_BATCH,
    (em, batch) => applyRequestChanges(em, batch, deps));
  return { days, requests: requests.length };
}
