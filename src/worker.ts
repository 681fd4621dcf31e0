import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Config } from './config';
import { migrate, openDatabase, withStartupLock } from './runtime/database';
import { loadConfigOrExit, runEntryPoint } from './runtime/entry-point';
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
}

export interface RunningWorkers {
  close(): Promise<void>;
}

interface Closable { close(): Promise<unknown> }

/** Starts every job worker; `close()` lets running jobs finish and stops them. */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  // The reminder, notification and analytics workers (issue 3 onwards) are started here.
  const workers: Closable[] = [];
  deps.log.info({ workers: workers.length }, 'job workers started');
  return { close: async () => { await Promise.all(workers.map((w) => w.close())); } };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.databaseUrl || !config.redisUrl) {
    throw new Error('the worker alone needs DATABASE_URL and REDIS_URL (`npm start` runs the workers inside the API process, with the embedded database)');
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
