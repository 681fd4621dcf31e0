import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Clock, systemClock } from './clock';
import { Config } from './config';
import { startAnalyticsWorker } from './jobs/analytics.job';
import { DEFAULT_PREFIX } from './jobs/queues';
import { startJobWorkers } from './jobs/workers';
import { migrate, openDatabase, withStartupLock } from './runtime/database';
import { loadConfigOrExit, runEntryPoint, StartupError } from './runtime/entry-point';
import { createLogger, Logger } from './runtime/logger';
import { openRedis } from './runtime/redis';
import { Shutdown } from './runtime/shutdown';

// The background-job process (DESIGN.md §6). `npm start` runs these workers inside the API process;
// `npm run worker` runs them alone, next to API processes, against a shared database and Redis.

export interface WorkerDeps {
  config: Config;
  dataSource: DataSource;
  /** Each BullMQ worker opens its own blocking connection from this URL. */
  redisUrl: string;
  log: Logger;
  /** Tests: their own clock, BullMQ key prefix and job periods. */
  clock?: Clock;
  prefix?: string;
  analyticsEveryMs?: number;
  /** How often the deadline scan runs (default 30 s). */
  scanEveryMs?: number;
}

/** kpis must reflect a change within 60 s (issue 4): a rollup run every 15 s leaves room for a slow one. */
const ANALYTICS_EVERY_MS = 15_000;

export interface RunningWorkers {
  close(): Promise<void>;
}

interface Closable { close(): Promise<unknown> }

/**
 * Starts every job worker: the outbox relay, events, deadline scan and webhook deliveries, and the analytics
 * rollups. `close()` lets running jobs finish (BullMQ returns unstarted ones to their queue) and stops them.
 */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const workers: Closable[] = [];
  const clock = deps.clock ?? systemClock;
  const prefix = deps.prefix ?? DEFAULT_PREFIX;
  workers.push(await startJobWorkers({
    dataSource: deps.dataSource, redisUrl: deps.redisUrl, timeZone: deps.config.hotlineTz, log: deps.log, clock, prefix,
    scanEveryMs: deps.scanEveryMs,
  }));
  workers.push(await startAnalyticsWorker({
    dataSource: deps.dataSource, clock, timeZone: deps.config.hotlineTz,
    redisUrl: deps.redisUrl, prefix, everyMs: deps.analyticsEveryMs ?? ANALYTICS_EVERY_MS, log: deps.log,
  }));
  deps.log.info({ workers: workers.length }, 'job workers started');
  return { close: async () => { await Promise.all(workers.map((w) => w.close())); } };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.databaseUrl || !config.redisUrl) {
    throw new StartupError('the worker alone needs DATABASE_URL and REDIS_URL (`npm start` runs the workers inside the API process, with the embedded database)');
  }
  const log = createLogger(config, 'hotline-worker');
  const shutdown = new Shutdown(log);
  shutdown.exitOnSignals();
  try {
    const { url } = await openRedis(config, shutdown, log);
    const { dataSource } = await openDatabase(config, shutdown, log);
    await withStartupLock(dataSource, () => migrate(dataSource, config, log));
    const workers = await startWorkers({ config, dataSource, redisUrl: url, log });
    shutdown.add('the job workers', () => workers.close());
  } catch (err) {
    await shutdown.run();
    throw err;
  }
}

if (require.main === module) runEntryPoint(main);
