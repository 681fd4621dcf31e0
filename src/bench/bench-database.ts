import { Client } from 'pg';
import { createDataSource } from '../db/data-source';
import { seedKnowledgeArticles } from '../seed/knowledge-articles.seed';
import { seedReferenceData } from '../seed/reference-data.seed';
import { seedRoutingRules } from '../seed/routing-rules.seed';

// The bench database: created on the PostgreSQL server of BENCH_DATABASE_URL, migrated by the app's own
// migrations, and given the app's reference data (departments, categories, regions, SLA, calendar,
// knowledge base, routing rules, demo staff) so that the demo accounts can log in. A call center of a city
// of 70,000 calls a day has more than two agents: bench agents and supervisors share agent01's password.

export const BENCH_AGENTS = 40;
export const BENCH_SUPERVISORS = 6;
/** analytics_state row naming the loaded history (position = requests; value = its "now"). */
export const HISTORY_MARKER = 'bench.history';

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function serverUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(url: string): Promise<boolean> {
  return withClient(serverUrl(url), async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName(url)])).rowCount === 1);
}

/** What history the database holds, if any: requests loaded and the instant the history ends. */
export async function loadedHistory(url: string): Promise<{ requests: number; now: Date } | null> {
  if (!(await databaseExists(url))) return null;
  return withClient(url, async (c) => {
    const table = await c.query(`SELECT to_regclass('analytics_state') AS t`);
    if (!table.rows[0].t) return null;
    const { rows } = await c.query('SELECT position, value FROM analytics_state WHERE name = $1', [HISTORY_MARKER]);
    return rows.length ? { requests: Number(rows[0].position), now: rows[0].value as Date } : null;
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to drop a database named "${name}"`);
  await withClient(serverUrl(url), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A reused history gets the migrations written since it was loaded (the API child expects the current schema). */
export async function migrateBenchDatabase(url: string): Promise<string[]> {
  const ds = await createDataSource(url, { poolSize: 2, applicationName: 'hotline-bench' }).initialize();
  try {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * The API child runs as production does (NODE_ENV=production: graphql-js and Apollo skip their development
 * checks, errors carry no stack traces), and production refuses demo accounts. The bench database is the
 * benchmark's own, so its accounts become ordinary ones there, on every run (reused histories included).
 */
export async function makeAccountsOrdinary(db: Client): Promise<void> {
  await db.query('UPDATE staff SET demo = false WHERE demo');
}

/** A fresh database with the schema and reference data, ready for the history. */
export async function createBenchDatabase(url: string, demoPassword: string): Promise<void> {
  const name = databaseName(url);
  await dropDatabase(url);
  await withClient(serverUrl(url), (c) => c.query(`CREATE DATABASE ${name}`));
  const ds = await createDataSource(url, { poolSize: 2, applicationName: 'hotline-bench' }).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await ds.transaction(async (em) => {
      await seedReferenceData(em, { demoPassword });
      await seedKnowledgeArticles(em);
      await seedRoutingRules(em, new Date());
      await em.query(
        `INSERT INTO staff (username, display_name, password_hash, roles, department_id, active, demo)
         SELECT format('bench_agent_%s', lpad(i::text, 3, '0')), format('话务员 %s号', i), s.password_hash, ARRAY['AGENT']::role[], NULL::bigint, true, true
         FROM staff s, generate_series(1, $1) i WHERE s.username = 'agent01'
         UNION ALL
         SELECT format('bench_supervisor_%s', lpad(i::text, 2, '0')), format('值班长 %s号', i), s.password_hash, ARRAY['SUPERVISOR']::role[], NULL::bigint, true, true
         FROM staff s, generate_series(1, $2) i WHERE s.username = 'agent01'`,
        [BENCH_AGENTS, BENCH_SUPERVISORS],
      );
    });
  } finally {
    await ds.destroy();
  }
}
