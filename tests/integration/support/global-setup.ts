import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../../../src/db/data-source';
import { ADMIN_URL, TEMPLATE_DB, databaseUrl } from './test-db-urls';

// Once per test run: a template database migrated through the real migrations. Each test file then
// copies it (CREATE DATABASE … TEMPLATE …), which takes a fraction of a second.
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const ds = await createDataSource(databaseUrl(TEMPLATE_DB), { poolSize: 2 }).initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
