import 'reflect-metadata';
import { loadConfig } from '../config';
import { createDataSource } from './data-source';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('set DATABASE_URL to the database to migrate');
  const ds = await createDataSource(config.databaseUrl).initialize();
  const done = await ds.runMigrations({ transaction: 'each' });
  console.log(done.length ? `applied: ${done.map((m) => m.name).join(', ')}` : 'no pending migrations');
  await ds.destroy();
}

main().catch((err) => { console.error(err); process.exit(1); });
