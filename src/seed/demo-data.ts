import { DataSource, DataSourceOptions } from 'typeorm';
import { Config } from '../config';
import { Role } from '../domain/enums';
import type { DemoAccount } from '../runtime/banner';
import type { Logger } from '../runtime/logger';
import { seedDemoRequests } from './demo-requests.seed';
import { seedReferenceData } from './reference-data.seed';
import { seedDemoHotspot } from './demo-hotspot.seed';
import { seedKnowledgeArticles } from './knowledge-articles.seed';
import { seedRoutingRules } from './routing-rules.seed';
import { seedDemoRoutingHistory } from './demo-routing-history.seed';

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
 * The demo requests are ~2,500 small transactions, and waiting for each commit's WAL flush doubles the
 * first start. They go through a short-lived pool of the same database with synchronous_commit off: a
 * crash can lose only the last commits of a seed that would be incomplete anyway, never corrupt anything.
 */
async function withFastCommits<T>(dataSource: DataSource, work: (fast: DataSource) => Promise<T>): Promise<T> {
  const options = dataSource.options as DataSourceOptions & { extra?: Record<string, unknown> };
  const fast = await new DataSource({
    ...options, extra: { ...options.extra, max: 2, application_name: 'hotline-seed', options: '-c synchronous_commit=off' },
  } as DataSourceOptions).initialize();
  try {
    return await work(fast);
  } finally {
    await fast.destroy();
  }
}

/**
 * Reference data (departments, regions, categories, demo staff, SLA policies, calendar) and, into a database
 * without articles, the demo knowledge base; then — unless the database already has requests — a few hundred
 * demo requests in every state.
 */
export async function seedDemoData(dataSource: DataSource, config: Config, log: Logger): Promise<void> {
  const started = Date.now();
  const articles = await dataSource.transaction(async (em) => {
    await seedReferenceData(em, { demoPassword: config.demoPassword });
    return seedKnowledgeArticles(em);
  });
  log.info({ ms: Date.now() - started, articles }, 'demo reference data loaded');
  if (await hasRequests(dataSource)) {
    log.info('the database already has service requests: no demo requests added');
    return;
  }
  const { created, failedSteps, hotspotCalls } = await withFastCommits(dataSource, async (fast) => ({
    ...await seedDemoRequests({ dataSource: fast, timeZone: config.hotlineTz }),
    hotspotCalls: await seedDemoHotspot({ dataSource: fast, timeZone: config.hotlineTz }),
  }));
  if (failedSteps.length) log.warn({ failedSteps: failedSteps.slice(0, 20), count: failedSteps.length }, 'some demo steps were refused');
  log.info({ created: created + hotspotCalls, ms: Date.now() - started }, 'demo requests loaded');
  // After the live requests, which were dispatched by hand as a center without rules does: from now on the
  // rules suggest and, for two categories, dispatch at intake. The finished history behind them is written
  // straight to the tables (its first dispatches follow the rules, so it needs them).
  const rules = await seedRoutingRules(dataSource.manager, new Date());
  const history = await seedDemoRoutingHistory(dataSource, new Date(), config.hotlineTz);
  log.info({ rules, history }, 'demo routing rules and finished history loaded');
}
