import { DataSource } from 'typeorm';
import { REQUEST_CHANGES_CURSOR } from '../services/analytics/request-change-feed';
import { OutboxTopic } from '../services/outbox';

// Outbox retention. Every mutation writes outbox rows; at 70,000 requests a day they would outgrow every other
// table and slow the relay's and the analytics feed's scans. A row may go once its work is done (sent_at), a
// while ago (kept for inspection: what was sent, when), and after the analytics feed — which reads
// REQUEST_CHANGED rows by transaction id, not by sent_at — has read past it.

export interface OutboxRetention {
  /** How long a handled row is kept (default 7 days). */
  keepMs: number;
  /** Rows deleted per transaction: short transactions, no long lock on the table. */
  batchSize?: number;
  /** Batches per run, so that the first run after a long pause cannot hold the worker for long. */
  maxBatches?: number;
}

export const DEFAULT_OUTBOX_RETENTION: OutboxRetention = { keepMs: 7 * 24 * 3_600_000, batchSize: 5_000, maxBatches: 200 };

/** Deletes handled rows older than the retention that the analytics feed has read. Returns how many went. */
export async function pruneOutbox(dataSource: DataSource, now: Date, retention: OutboxRetention = DEFAULT_OUTBOX_RETENTION): Promise<number> {
  const cutoff = new Date(now.getTime() - retention.keepMs);
  const batchSize = retention.batchSize ?? DEFAULT_OUTBOX_RETENTION.batchSize!;
  const maxBatches = retention.maxBatches ?? DEFAULT_OUTBOX_RETENTION.maxBatches!;
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    // In id order along the primary key: the oldest rows come first and are almost all handled, so each batch
    // reads little more than it deletes. A CTE + count, because TypeORM's query() gives no row count for DELETE.
    const [{ n }] = await dataSource.query(
      `WITH doomed AS (
         SELECT id FROM outbox_event
         WHERE sent_at < $1
           AND (topic <> $4 OR txid < COALESCE((SELECT position FROM analytics_state WHERE name = $2), 0))
         ORDER BY id LIMIT $3
       ), gone AS (DELETE FROM outbox_event WHERE id IN (SELECT id FROM doomed) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff, REQUEST_CHANGES_CURSOR, batchSize, OutboxTopic.REQUEST_CHANGED],
    );
    deleted += n;
    if (n < batchSize) break;
  }
  return deleted;
}
