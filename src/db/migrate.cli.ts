import 'reflect-metadata';
import { loadConfig } from '../config';
import { createDataSource } from './data-source';

async function main() {
  const config = loadConfig();
  const ds = await createDataSource(config.databaseUrl).initialize();
  const done = await ds.runMigrations({ transaction: 'each' });
  console.log(done.length ? `applied: ${done.map((m) => m.name).join(', ')}` : 'no pending migrations');
  await ds.destroy();
}

main().catch((err) => { console.error(err); process.exit(1); });
