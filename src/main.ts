import 'reflect-metadata';
import { Config } from './config';
import { startServer } from './server';
import { startWorkers } from './worker';
import { startupBanner } from './runtime/banner';
import { migrate, openApiDatabase, openDatabase, withStartupLock } from './runtime/database';
import { loadConfigOrExit, runEntryPoint, StartupError } from './runtime/entry-point';
import { createLogger } from './runtime/logger';
import { openRedis } from './runtime/redis';
import { Shutdown } from './runtime/shutdown';
import { hasStaff, listDemoAccounts, seedDemoData } from './seed/demo-data';

// `npm start`: API and job workers in one process (DESIGN.md §9). Without DATABASE_URL / REDIS_URL it
// runs its own PostgreSQL and redis-server, and loads the demo data on the first start.

function refuseDevelopmentServicesInProduction(config: Config): void {
  if (config.nodeEnv !== 'production') return;
  if (!config.databaseUrl) throw new StartupError('NODE_ENV=production needs DATABASE_URL (the embedded PostgreSQL is for development)');
  if (!config.redisUrl) throw new StartupError('NODE_ENV=production needs REDIS_URL (starting a redis-server from PATH is for development)');
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  refuseDevelopmentServicesInProduction(config);
  const log = createLogger(config, 'hotline');
  const shutdown = new Shutdown(log);
  shutdown.exitOnSignals();
  try {
    // Redis first: a missing redis-server should stop the start before minutes of database set-up.
    const { redis, url: redisUrl } = await openRedis(config, shutdown, log);
    const { dataSource, url: databaseUrl, embedded } = await openDatabase(config, shutdown, log);
    await withStartupLock(dataSource, async () => {
      await migrate(dataSource, config, log);
      if ((embedded || config.seedDemo) && !(await hasStaff(dataSource))) await seedDemoData(dataSource, config, log);
    });
    const workers = await startWorkers({ config, dataSource, redisUrl, log });
    shutdown.add('the job workers', () => workers.close());
    const apiDataSource = await openApiDatabase(config, databaseUrl);
    shutdown.add("the API's database connections", () => apiDataSource.destroy());
    const server = await startServer({ config, dataSource: apiDataSource, redis, port: config.port });
    shutdown.add('the HTTP server', () => server.close());
    const demoAccounts = config.nodeEnv === 'production' ? [] : await listDemoAccounts(dataSource);
    process.stdout.write(startupBanner({ server, embedded, demoAccounts, demoPassword: config.demoPassword }));
  } catch (err) {
    await shutdown.run();
    throw err;
  }
}

runEntryPoint(main);
