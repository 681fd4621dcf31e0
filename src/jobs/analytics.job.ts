import { Job, Queue, Worker } from 'bullmq';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { countJobFailure } from '../observability/process-metrics';
import { detectHotspots } from '../services/analytics/hotspot.service';
import { runIncrementalRollup } from '../services/analytics/incremental-rollup';
import { consumeRequestChanges } from '../services/analytics/request-change-feed';
import { DEFAULT_JOB_OPTIONS } from './queues';

// Analytics on BullMQ (DESIGN.md §7): a repeatable job that turns the outbox's REQUEST_CHANGED rows into stale
// requests, applies what changed in their KPI contributions, and looks for hotspots. kpis reflects a change
// within one period.

export const ANALYTICS_QUEUE = 'hotline-analytics';
export const ROLLUP_JOB = 'rollup';

export interface AnalyticsJobDeps {
  dataSource: DataSource;
  clock: Clock;
  timeZone: string;
}

export interface AnalyticsRunResult { changedRequests: number; recomputedDays: number; updatedRequests: number; hotspots: number }

/** One run: plain function, so tests and the rebuild tooling can call it without Redis. */
export async function runAnalytics(deps: AnalyticsJobDeps): Promise<AnalyticsRunResult> {
  const now = deps.clock.now();
  const changedRequests = await consumeRequestChanges(deps.dataSource, deps.timeZone, now);
  const rollup = await runIncrementalRollup({ dataSource: deps.dataSource, timeZone: deps.timeZone, now });
  const alerts = await deps.dataSource.transaction((em) => detectHotspots(em, now, deps.timeZone));
  return { changedRequests, recomputedDays: rollup.days.length, updatedRequests: rollup.requests, hotspots: alerts.length };
}

export interface AnalyticsWorkerOptions extends AnalyticsJobDeps {
  redisUrl: string;
  prefix: string;
  everyMs: number;
  log: Logger;
}

/** The repeatable job and its worker (concurrency 1: runs never overlap; the rollup also takes a lock). */
export async function startAnalyticsWorker(o: AnalyticsWorkerOptions): Promise<{ close(): Promise<void> }> {
  const connection = { url: o.redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(ANALYTICS_QUEUE, { connection, prefix: o.prefix, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, attempts: 1 } });
  await queue.upsertJobScheduler('analytics-every-period', { every: o.everyMs }, { name: ROLLUP_JOB });
  const worker = new Worker(ANALYTICS_QUEUE, (job: Job) => (job.name === ROLLUP_JOB ? runAnalytics(o) : Promise.reject(new Error(`unknown job ${job.name}`))), {
    connection, prefix: o.prefix, concurrency: 1,
  });
  // Redis trouble: BullMQ reconnects by itself and the outbox keeps the work; say so in the log (an unheard
  // queue error would go to console.error instead).
  worker.on('error', (err) => o.log.warn({ err }, 'analytics worker: redis error'));
  queue.on('error', (err) => o.log.warn({ err }, 'analytics queue: redis error'));
  worker.on('failed', (job, err) => {
    countJobFailure(ANALYTICS_QUEUE);
    o.log.error({ err, queue: ANALYTICS_QUEUE, job: job?.id }, 'analytics run failed');
  });
  return {
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
