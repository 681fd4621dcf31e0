import { DataSource } from 'typeorm';
import { Config } from '../config';
import { createDataSource } from '../db/data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { Logger } from './logger';
import type { Shutdown } from './shutdown';
import { StartupError } from './entry-point';

export const EMBEDDED_DATABASE = 'hotline';

export interface Database {
  dataSource: DataSource;
  url: string;
  /** True when this process runs the embedded PostgreSQL (no DATABASE_URL). */
  embedded: boolean;
}

/** DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR; both closed by `shutdown`. */
export async function openDatabase(config: Config, shutdown: Shutdown, log: Logger): Promise<Database> {
  let url = config.databaseUrl;
  if (!url) {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: EMBEDDED_DATABASE, log });
    shutdown.add('the embedded PostgreSQL', embedded.stop);
    url = embedded.url;
  }
  const dataSource = await createDataSource(url).initialize();
  shutdown.add('the database connections', () => dataSource.destroy());
  return { dataSource, url, embedded: !config.databaseUrl };
}

/**
 * The API's own pool, apart from the one migrations and jobs use: every statement of a request is cancelled after
 * API_STATEMENT_TIMEOUT, and gives up waiting for a lock after API_LOCK_TIMEOUT (answered as QUERY_TOO_COMPLEX and
 * CONFLICT, src/db/database-refusals.ts). A transaction left open by hand, or a query that went wrong, then costs
 * one request an error instead of holding connections until the pool is gone and every request waits.
 */
export function openApiDatabase(config: Config, url: string, applicationName = 'hotline-api'): Promise<DataSource> {
  return createDataSource(url, {
    applicationName,
    statementTimeoutMs: config.apiStatementTimeoutSeconds * 1000,
    lockTimeoutMs: config.apiLockTimeoutSeconds * 1000,
  }).initialize();
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that replicas starting together migrate and
 * seed one after the other instead of racing.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('hotline:startup'))`);
    return await work();
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('hotline:startup'))`).catch(() => undefined);
    await runner.release();
  }
}

/** Applies pending migrations (MIGRATE_ON_START), or refuses to run against an outdated schema. */
export async function migrate(dataSource: DataSource, config: Config, log: Logger): Promise<void> {
  if (!config.migrateOnStart) {
    if (await dataSource.showMigrations()) {
      throw new StartupError('the database has pending migrations: run `npm run migration:run`, or start with MIGRATE_ON_START=true');
    }
    return;
  }
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
}
