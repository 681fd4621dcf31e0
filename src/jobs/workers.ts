import { Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock, systemClock } from '../clock';
import { countJobFailure } from '../observability/process-metrics';
import { CalendarCache } from '../services/calendar-cache';
import { runDeadlineScan } from './deadline-scan.job';
import { JobDeps } from './job-deps';
import { handleOutboxEvent } from './outbox-events.job';
import { redeliverIfRedisForgot, relayOutbox } from './outbox-relay';
import { DEFAULT_OUTBOX_RETENTION, OutboxRetention, pruneOutbox } from './outbox-retention';
import { startPollLoop } from './poll-loop';
import {
  DEFAULT_JOB_OPTIONS, DEFAULT_PREFIX, DEFAULT_WEBHOOK_RETRY, JOB, OutboxJobData, QUEUE, QueueName, SCHEDULE_JOB_OPTIONS,
  SCHEDULER, webhookJobOptions, WebhookRetryPolicy,
} from './queues';
import { deliverWebhook } from './webhook-delivery.job';

export interface JobWorkersOptions {
  dataSource: DataSource;
  /** Redis for BullMQ; every worker opens its own blocking connection from it. */
  redisUrl: string;
  timeZone: string;
  log: Logger;
  clock?: Clock;
  calendars?: CalendarCache;
  /** BullMQ key prefix (default `{hotline}`); tests use one of their own. */
  prefix?: string;
  /** How often the deadline scan runs (default 30 s). */
  scanEveryMs?: number;
  /** How often the relay looks at the outbox (default 1 s). */
  relayEveryMs?: number;
  /** A relayed row not handled after this long is relayed again (default 5 min). */
  redeliverAfterMs?: number;
  /** How often the repeatable jobs are checked and re-created if Redis lost them (default 30 s). */
  schedulerCheckEveryMs?: number;
  webhookRetry?: WebhookRetryPolicy;
  webhookTimeoutMs?: number;
  /** How long handled outbox rows are kept (default 7 days); pruned hourly. */
  outboxRetention?: OutboxRetention;
}

export interface RunningJobWorkers {
  queues: Record<QueueName, Queue>;
  /** Stops the relay, lets running jobs finish (BullMQ returns unstarted ones to the queue), closes connections. */
  close(): Promise<void>;
}

/**
 * The reminder, notification and webhook workers (DESIGN.md §6) and the outbox relay. The relay is a timer
 * in this process, not a job, so that it keeps trying while Redis is away; the deadline scan is a repeatable
 * job, so that one worker among many runs it each period.
 */
export async function startJobWorkers(o: JobWorkersOptions): Promise<RunningJobWorkers> {
  const deps: JobDeps = { dataSource: o.dataSource, clock: o.clock ?? systemClock, timeZone: o.timeZone, calendars: o.calendars ?? new CalendarCache() };
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const queues = openQueues(o.redisUrl, prefix, o.webhookRetry ?? DEFAULT_WEBHOOK_RETRY);
  for (const q of Object.values(queues)) watch(q, o.log);
  const workerConnection = { url: o.redisUrl, maxRetriesPerRequest: null };
  const workers = [
    new Worker<OutboxJobData>(QUEUE.events, (job) => handleOutboxEvent(deps, job.name, job.data), { connection: workerConnection, prefix, concurrency: 8 }),
    new Worker(QUEUE.schedule, (job: Job) => runScheduled(deps, job, o.outboxRetention ?? DEFAULT_OUTBOX_RETENTION), { connection: workerConnection, prefix, concurrency: 1 }),
    new Worker<OutboxJobData>(QUEUE.webhooks, (job) => deliverWebhook(deps, job, { timeoutMs: o.webhookTimeoutMs ?? 10_000 }), {
      connection: workerConnection, prefix, concurrency: 10,
    }),
  ];
  for (const w of workers) watch(w, o.log);
  const schedulers = schedulerKeeper(queues[QUEUE.schedule], o.scanEveryMs ?? 30_000, o.schedulerCheckEveryMs ?? 30_000);
  const relay = startPollLoop({
    name: 'outbox relay', everyMs: o.relayEveryMs ?? 1_000, maxBackoffMs: 10_000, log: o.log,
    task: async () => {
      await redeliverIfRedisForgot(o.dataSource, await queues[QUEUE.events].getBackend().client, prefix);
      await relayOutbox(o.dataSource, queues, deps.clock.now(), { redeliverAfterMs: o.redeliverAfterMs });
      await schedulers.ensure();
    },
  });
  return {
    queues,
    close: async () => {
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

/**
 * Producers fail fast while Redis is away (no offline queue, a command timeout): the relay holds outbox rows
 * locked while it adds their jobs, so it must give up quickly, roll back and try again later.
 */
function openQueues(redisUrl: string, prefix: string, webhookRetry: WebhookRetryPolicy): Record<QueueName, Queue> {
  const connection = { url: redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 5_000 };
  return {
    [QUEUE.events]: new Queue(QUEUE.events, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
    [QUEUE.schedule]: new Queue(QUEUE.schedule, { connection, prefix, defaultJobOptions: SCHEDULE_JOB_OPTIONS }),
    [QUEUE.webhooks]: new Queue(QUEUE.webhooks, { connection, prefix, defaultJobOptions: webhookJobOptions(webhookRetry) }),
  } as Record<QueueName, Queue>;
}

function runScheduled(deps: JobDeps, job: Job, retention: OutboxRetention): Promise<unknown> {
  if (job.name === JOB.deadlineScan) return runDeadlineScan(deps);
  if (job.name === JOB.outboxPrune) return pruneOutbox(deps.dataSource, deps.clock.now(), retention);
  return Promise.reject(new Error(`unknown job ${job.name} in ${QUEUE.schedule}`));
}

/**
 * Keeps the repeatable jobs (the deadline scan, the hourly outbox prune) registered: at start, and again
 * whenever a check finds one gone (a flushed or replaced Redis forgets them) or with another period (a changed
 * setting). An unchanged scheduler is left alone, so it keeps its rhythm.
 */
function schedulerKeeper(queue: Queue, scanEveryMs: number, checkEveryMs: number) {
  const wanted = [
    { id: SCHEDULER.deadlineScan, name: JOB.deadlineScan, every: scanEveryMs },
    { id: SCHEDULER.outboxPrune, name: JOB.outboxPrune, every: OUTBOX_PRUNE_EVERY_MS },
  ];
  let checkedAt: number | null = null;
  return {
    ensure: async () => {
      const now = Date.now(); // real time: the process's rhythm; the scan itself reads the injected clock
      if (checkedAt !== null && now - checkedAt < checkEveryMs) return;
      for (const w of wanted) {
        const current = await queue.getJobScheduler(w.id);
        if (current?.every !== w.every) await queue.upsertJobScheduler(w.id, { every: w.every }, { name: w.name, opts: SCHEDULE_JOB_OPTIONS });
      }
      checkedAt = now;
    },
  };
}

const OUTBOX_PRUNE_EVERY_MS = 3_600_000;

/** Redis trouble: BullMQ reconnects by itself and the outbox keeps the work; log each new error once. */
function watch(emitter: Worker | Queue, log: Logger): void {
  let lastError = '';
  const role = emitter instanceof Worker ? 'worker' : 'queue';
  (emitter as Queue).on('error', (err: Error) => {
    if (err.message !== lastError) log.warn({ err, queue: emitter.name }, `job ${role}: redis error`);
    lastError = err.message;
  });
  if (!(emitter instanceof Worker)) return;
  emitter.on('ready', () => { lastError = ''; });
  emitter.on('failed', (job, err) => {
    countJobFailure(emitter.name); // hotline_job_failures_total on /metrics when the API runs in this process
    log.warn({ err, queue: emitter.name, job: job?.id, name: job?.name, attempt: job?.attemptsMade }, 'job failed');
  });
}
