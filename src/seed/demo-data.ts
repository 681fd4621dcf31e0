import { DataSource } from 'typeorm';
import { Config } from '../config';
import { Role } from '../domain/enums';
import type { DemoAccount } from '../runtime/banner';
import type { Logger } from '../runtime/logger';
import { seedDemoRequests } from './demo-requests.seed';
import { seedReferenceData } from './reference-data.seed';
import { seedDemoHotspot } from './demo-hotspot.seed';

// The demo data as a whole: what `npm start` loads into an empty database and `npm run seed` into any.

export async function hasStaff(dataSource: DataSource): Promise<boolean> {
  const [{ present }] = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM staff) AS present`);
  return present === true;
}

export async function hasRequests(dataSource: DataSource): Promise<boolean> {
  const [{ present }] = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM service_request) AS present`);
  return present === true;
}

export async function listDemoAccounts(dataSource: DataSource): Promise<DemoAccount[]> {
  const rows: { username: string; roles: Role[] }[] = await dataSource.query(
    `SELECT username, roles::text[] AS roles FROM staff WHERE demo AND active ORDER BY id`,
  );
  return rows;
}

/**
 * Reference data (departments, regions, categories, demo staff, SLA policies, calendar), then — unless the
 * database already has requests — a few hundred demo requests in every state.
 */
export async function seedDemoData(dataSource: DataSource, config: Config, log: Logger): Promise<void> {
  const started = Date.now();
  await dataSource.transaction((em) => seedReferenceData(em, { demoPassword: config.demoPassword }));
  log.info({ ms: Date.now() - started }, 'demo reference data loaded');
  if (await hasRequests(dataSource)) {
    log.info('the database already has service requests: no demo requests added');
    return;
  }
  const { created, failedSteps } = await seedDemoRequests({ dataSource, timeZone: config.hotlineTz });
  if (failedSteps.length) log.warn({ failedSteps: failedSteps.slice(0, 20), count: failedSteps.length }, 'some demo steps were refused');
  const hotspotCalls = await seedDemoHotspot({ dataSource, timeZone: config.hotlineTz });
  log.info({ created: created + hotspotCalls, ms: Date.now() - started }, 'demo requests loaded');
}
