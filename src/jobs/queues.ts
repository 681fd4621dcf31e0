import { DefaultJobOptions } from 'bullmq';

// Every queue and its default job options, in one place. Names carry a {hotline} hash tag so that all
// of a queue's keys land in one Redis Cluster slot (DESIGN.md §10).

export const QUEUE = {
  /** Outbox events moved from the database: notification fan-out, deadline re-arming, analytics dirtiness. */
  events: 'hotline-events',
  /** Repeatable: the relay and the deadline scan, which read the database and need nothing from Redis. */
  schedule: 'hotline-schedule',
  /** HTTP deliveries to department webhooks, with retries. */
  webhooks: 'hotline-webhooks',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** BullMQ key prefix: `{hotline}` keeps keys of one deployment in one cluster slot; tests use their own. */
export const DEFAULT_PREFIX = '{hotline}';

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 10_000 },
};
