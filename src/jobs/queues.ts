import { DefaultJobOptions } from 'bullmq';
import { OutboxTopic } from '../services/outbox';

// Every queue, job name and default job option, in one place. The `{hotline}` key prefix is a Redis Cluster
// hash tag: all of a deployment's BullMQ keys land in one slot, which BullMQ's multi-key scripts need
// (DESIGN.md §10). Tests pass a prefix of their own.

export const QUEUE = {
  /** Outbox events moved from the database: notification fan-out, deadline re-checks. */
  events: 'hotline-events',
  /** Repeatable: the deadline scan, which reads the database and needs nothing from Redis but the trigger. */
  schedule: 'hotline-schedule',
  /** HTTP deliveries to department webhooks, with retries. */
  webhooks: 'hotline-webhooks',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Job names of the schedule queue (the events and webhooks queues name their jobs by outbox topic). */
export const JOB = {
  deadlineScan: 'deadline-scan',
  /** Deletes handled outbox rows past their retention (src/jobs/outbox-retention.ts). */
  outboxPrune: 'outbox-prune',
} as const;

/** Scheduler ids (`upsertJobScheduler`): one per repeatable job, whatever the number of workers. */
export const SCHEDULER = {
  deadlineScan: 'deadline-scan-every-period',
  outboxPrune: 'outbox-prune-hourly',
} as const;

/** BullMQ key prefix: `{hotline}` keeps keys of one deployment in one cluster slot; tests use their own. */
export const DEFAULT_PREFIX = '{hotline}';

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 10_000 },
};

/** A scan that fails is not retried: the next one, a period later, covers the same ground. */
export const SCHEDULE_JOB_OPTIONS: DefaultJobOptions = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } };

export interface WebhookRetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** First retry after this long; each further one waits twice as long as the last. */
  backoffMs: number;
}

/** 5 tries over about 2.5 minutes (10 s, 20 s, 40 s, 80 s between them) before a delivery is given up. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { attempts: 5, backoffMs: 10_000 };

export function webhookJobOptions(retry: WebhookRetryPolicy): DefaultJobOptions {
  return { ...DEFAULT_JOB_OPTIONS, attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.backoffMs } };
}

/** Which queue each outbox topic is relayed to; topics not listed have no job (analytics reads them itself). */
export const TOPIC_QUEUE: Partial<Record<OutboxTopic, QueueName>> = {
  [OutboxTopic.ASSIGNMENT_DISPATCHED]: QUEUE.events,
  [OutboxTopic.RETURN_DECIDED]: QUEUE.events,
  [OutboxTopic.EXTENSION_DECIDED]: QUEUE.events,
  [OutboxTopic.REPLY_REJECTED]: QUEUE.events,
  [OutboxTopic.REHANDLING]: QUEUE.events,
  [OutboxTopic.SUPERVISED]: QUEUE.events,
  [OutboxTopic.DEADLINES_CHANGED]: QUEUE.events,
  [OutboxTopic.WEBHOOK_DELIVERY]: QUEUE.webhooks,
};

/** The data of every job relayed from the outbox: the row's id (to mark it handled) and its id-only payload. */
export interface OutboxJobData {
  outboxId: string;
  payload: Record<string, unknown>;
}

/** Job ids have a prefix and no colon (BullMQ reserves it); the same row always gets the same id. */
export const outboxJobId = (outboxId: string) => `outbox-${outboxId}`;
