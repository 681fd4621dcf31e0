import 'reflect-metadata';
import { createDataSource } from '../db/data-source';
import { migrate, withStartupLock } from '../runtime/database';
import { loadConfigOrExit, runEntryPoint, StartupError } from '../runtime/entry-point';
import { createLogger } from '../runtime/logger';
import { seedDemoData } from './demo-data';

// `npm run seed`: migrates DATABASE_URL and loads the demo data into it (reference data are upserted;
// demo requests only go into a database without requests).

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.databaseUrl) throw new StartupError('set DATABASE_URL to the database to seed');
  const log = createLogger(config, 'hotline-seed');
  const dataSource = await createDataSource(config.databaseUrl, { applicationName: 'hotline-seed' }).initialize();
  try {
    await withStartupLock(dataSource, async () => {
      await migrate(dataSource, { ...config, migrateOnStart: true }, log);
      await seedDemoData(dataSource, config, log);
    });
  } finally {
    await dataSource.destroy();
  }
}

runEntryPoint(main);
