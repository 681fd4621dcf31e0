import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { outboxJobId, OutboxJobData, QueueName, TOPIC_QUEUE } from './queues';
import { OutboxTopic } from '../services/outbox';

export interface RelayOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** Batches per call, so that one call cannot run for ever behind a flood. */
  maxBatches?: number;
  /** A row relayed but still not handled after this long is relayed again (its job was lost with Redis). */
  redeliverAfterMs?: number;
}

interface OutboxRow { id: string; topic: string; payload: Record<string, unknown> }

const DEFAULTS = { batchSize: 200, maxBatches: 25, redeliverAfterMs: 5 * 60_000 };

/**
 * Moves owed outbox rows onto their BullMQ queues (DESIGN.md §6). Rows are claimed with FOR UPDATE SKIP LOCKED,
 * so relays in several processes share the work; each job's id is `outbox-<row id>`, so a row relayed twice
 * (a crash between add and commit, a redelivery) is one job. Rows are marked handled by their job, not here:
 * if Redis loses a job, the row is still owed and goes out again after `redeliverAfterMs`.
 * Redis down: the add throws, the transaction rolls back, nothing is lost. Returns the number of rows moved.
 */
export async function relayOutbox(dataSource: DataSource, queues: Record<QueueName, Queue>, now: Date, options: RelayOptions = {}): Promise<number> {
  const o = {
    batchSize: options.batchSize ?? DEFAULTS.batchSize,
    maxBatches: options.maxBatches ?? DEFAULTS.maxBatches,
    redeliverAfterMs: options.redeliverAfterMs ?? DEFAULTS.redeliverAfterMs,
  };
  let moved = 0;
  for (let i = 0; i < o.maxBatches; i++) {
    const n = await dataSource.transaction((em) => relayBatch(em, queues, now, o));
    moved += n;
    if (n < o.batchSize) break;
  }
  return moved;
}

async function relayBatch(em: EntityManager, queues: Record<QueueName, Queue>, now: Date, o: typeof DEFAULTS): Promise<number> {
  const rows: OutboxRow[] = await em.query(
    `SELECT id, topic, payload FROM outbox_event
     WHERE sent_at IS NULL AND (relayed_at IS NULL OR relayed_at <= $1)
     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [new Date(now.getTime() - o.redeliverAfterMs), o.batchSize],
  );
  if (!rows.length) return 0;
  const jobless: string[] = [];
  const byQueue = new Map<QueueName, OutboxRow[]>();
  for (const row of rows) {
    const queue = TOPIC_QUEUE[row.topic as OutboxTopic];
    if (!queue) jobless.push(String(row.id));
    else byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
  }
  for (const [queue, queued] of byQueue) {
    await queues[queue].addBulk(queued.map((r) => ({
      name: r.topic,
      data: { outboxId: String(r.id), payload: r.payload } satisfies OutboxJobData,
      opts: { jobId: outboxJobId(String(r.id)) },
    })));
  }
  const relayed = [...byQueue.values()].flat().map((r) => String(r.id));
  if (relayed.length) {
    await em.query(`UPDATE outbox_event SET relayed_at = $2, attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [relayed, now]);
  }
  // Topics no job consumes (request.changed: analytics reads those rows itself, by transaction id) are done.
  if (jobless.length) await em.query(`UPDATE outbox_event SET sent_at = $2 WHERE id = ANY($1::bigint[])`, [jobless, now]);
  return rows.length;
}

/** A job's last step, in its own transaction: the row's work is done and it is never relayed again. */
export async function markOutboxHandled(em: EntityManager, outboxId: string, now: Date): Promise<void> {
  await em.query(`UPDATE outbox_event SET sent_at = $2 WHERE id = $1 AND sent_at IS NULL`, [outboxId, now]);
}

/** What the relay needs of a Redis client: a queue's own connection (`await queue.client`). */
interface RedisMarkClient {
  hexists(key: string, field: string): Promise<number>;
  hset(key: string, data: Record<string, string>): Promise<number>;
}

/**
 * A Redis that lost its data (flushed, restarted without persistence, failed over to an empty replica) lost the
 * jobs relayed to it, and their rows would wait out the redelivery period. The relay keeps a mark in Redis; when
 * the mark is gone, every relayed-but-unhandled row is owed again at once (a row still queued becomes the same
 * job again: job ids are `outbox-<row>`). The mark is set only after the rows are released, so a failure in
 * between is retried on the next tick. Returns the number of rows released.
 */
export async function redeliverIfRedisForgot(dataSource: DataSource, redis: RedisMarkClient, prefix: string): Promise<number> {
  const mark = `${prefix}:outbox-relay:memory`;
  if (await redis.hexists(mark, 'since')) return 0;
  const [{ n }] = await dataSource.query(
    `WITH released AS (
       UPDATE outbox_event SET relayed_at = NULL WHERE sent_at IS NULL AND relayed_at IS NOT NULL RETURNING 1
     ) SELECT count(*)::int AS n FROM released`,
  );
  await redis.hset(mark, { since: new Date().toISOString() });
  return n;
}
