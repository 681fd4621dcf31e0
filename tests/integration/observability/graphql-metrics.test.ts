import { LAG_SQL } from '../../../src/observability/outbox-lag';
import { startTestServer, TestServer } from '../support/test-server';
import { GraphQLClient } from '../support/graphql-client';
import { CREATE, requestInput } from '../support/operations';
import { sample, samples, scrape } from './support/prometheus-text';

// GET /metrics of an API server without Redis: request counts and latency per operation, errors per code,
// the outbox lag read from the database, Node's process metrics; and a label set that stays bounded.

let t: TestServer;
let agent: GraphQLClient;
let analyst: GraphQLClient;

const DURATION = 'hotline_graphql_request_duration_seconds';

beforeAll(async () => {
  t = await startTestServer({ env: { RATE_LIMIT_PER_STAFF: '0', RATE_LIMIT_PER_IP: '0' } });
  [agent, analyst] = await t.loginAll('agent01', 'analyst01');
});
afterAll(async () => { await t?.close(); });

/** Requests are counted as their responses close: scrape until `ready` holds (a bounded wait, not a timing). */
async function scrapeUntil(ready: (text: string) => boolean): Promise<string> {
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = (await scrape(t.url)).text;
    if (ready(text)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  return text;
}

test('requests are counted and timed per operation name, type and outcome; errors per code', async () => {
  for (let i = 0; i < 3; i++) await agent.ok('query DeskWhoAmI { me { id } }');
  await agent.ok('{ me { username } }');
  for (let i = 0; i < 2; i++) await analyst.request(CREATE.replace('mutation(', 'mutation DeskIntake('), { input: requestInput() });
  await agent.ok(CREATE.replace('mutation(', 'mutation DeskIntake('), { input: requestInput() });
  await agent.request('query DeskBroken { me { id ');

  const text = await scrapeUntil((s) => sample(s, `${DURATION}_count`, { operation: 'unresolved' }) === 1);
  const count = (operation: string, type: string, outcome: string) => sample(text, `${DURATION}_count`, { operation, type, outcome });
  expect(count('DeskWhoAmI', 'query', 'ok')).toBe(3);
  expect(count('anonymous', 'query', 'ok')).toBe(1);
  expect(count('DeskIntake', 'mutation', 'error')).toBe(2);
  expect(count('DeskIntake', 'mutation', 'ok')).toBe(1);
  expect(count('unresolved', 'unknown', 'error')).toBe(1);
  // The histogram's buckets are cumulative: the last one holds every request of its series.
  expect(sample(text, `${DURATION}_bucket`, { operation: 'DeskWhoAmI', type: 'query', outcome: 'ok', le: '+Inf' })).toBe(3);
  expect(sample(text, `${DURATION}_sum`, { operation: 'DeskWhoAmI', type: 'query', outcome: 'ok' })).toBeGreaterThan(0);

  expect(sample(text, 'hotline_graphql_errors_total', { operation: 'DeskIntake', code: 'FORBIDDEN' })).toBe(2);
  expect(sample(text, 'hotline_graphql_errors_total', { operation: 'unresolved', code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
  expect(sample(text, 'hotline_graphql_errors_total', { operation: 'DeskWhoAmI' })).toBeUndefined();
});

test('Node process metrics are there, queue depths are not (no Redis), and the database is reported up', async () => {
  const { status, text, contentType } = await scrape(t.url);
  expect(status).toBe(200);
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  expect(samples(text, 'hotline_queue_jobs')).toEqual([]);
  expect(sample(text, 'hotline_metrics_source_up', { source: 'database' })).toBe(1);
  expect(sample(text, 'hotline_metrics_source_up', { source: 'redis' })).toBeUndefined();
});

test('the outbox lag shows the unsent rows and the age of the oldest, by the server clock', async () => {
  const db = t.db.dataSource;
  await db.query('UPDATE outbox_event SET sent_at = created_at WHERE sent_at IS NULL'); // a relay caught up
  let text = (await scrape(t.url)).text;
  expect(sample(text, 'hotline_outbox_unsent_events')).toBe(0);
  expect(sample(text, 'hotline_outbox_oldest_unsent_age_seconds')).toBe(0);

  // No relay runs next to this server: the rows of a registered call stay owed, and age as the clock moves.
  await agent.ok(CREATE, { input: requestInput() });
  const [{ owed }] = await db.query('SELECT count(*)::int AS owed FROM outbox_event WHERE sent_at IS NULL');
  expect(owed).toBeGreaterThan(0);
  t.clock.advance(90_000);
  text = (await scrape(t.url)).text;
  expect(sample(text, 'hotline_outbox_unsent_events')).toBe(owed);
  expect(sample(text, 'hotline_outbox_oldest_unsent_age_seconds')).toBe(90);
  t.clock.advance(30_000);
  expect(sample((await scrape(t.url)).text, 'hotline_outbox_oldest_unsent_age_seconds')).toBe(120);
});

test('while the database does not answer, scrapes report it down and share one lag query instead of piling them up', async () => {
  const blocker = t.db.dataSource.createQueryRunner();
  await blocker.connect();
  await blocker.startTransaction();
  const waitingLagQueries = async () => Number((await t.db.dataSource.query(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM outbox_event WHERE sent_at IS NULL%'`,
  ))[0].n);
  try {
    await blocker.query('LOCK TABLE outbox_event IN ACCESS EXCLUSIVE MODE');
    const burst = await Promise.all(Array.from({ length: 8 }, () => scrape(t.url)));
    const later = await scrape(t.url); // after the burst gave up waiting: the stuck query is still the one
    for (const { status, text } of [...burst, later]) {
      expect(status).toBe(200);
      expect(sample(text, 'hotline_metrics_source_up', { source: 'database' })).toBe(0);
      expect(sample(text, 'hotline_outbox_unsent_events')).toBeUndefined();
    }
    expect(await waitingLagQueries()).toBe(1);
  } finally {
    await blocker.rollbackTransaction();
    await blocker.release();
  }
  expect(sample((await scrape(t.url)).text, 'hotline_metrics_source_up', { source: 'database' })).toBe(1);
  expect(await waitingLagQueries()).toBe(0);
});

test('the lag query reads the partial index of owed rows, not the table', async () => {
  const plan: { 'QUERY PLAN': string }[] = await t.db.dataSource.query(`EXPLAIN ${LAG_SQL}`);
  const text = plan.map((r) => r['QUERY PLAN']).join('\n');
  expect(text).toContain('outbox_event_unsent_idx');
  expect(text).not.toMatch(/Seq Scan on outbox_event/);
});

test('operation names beyond the first hundred are counted as "other": clients cannot grow the label set', async () => {
  for (let i = 0; i < 120; i++) await agent.ok(`query Probe${i} { me { id } }`);
  const text = await scrapeUntil((s) => (sample(s, `${DURATION}_count`, { operation: 'other', type: 'query', outcome: 'ok' }) ?? 0) >= 20);
  const names = new Set(samples(text, `${DURATION}_count`).map((s) => s.labels.operation));
  expect(names.size).toBeLessThanOrEqual(100 + 3); // admitted names, plus anonymous, unresolved and other
  expect(names.has('other')).toBe(true);
  const total = samples(text, `${DURATION}_count`).filter((s) => /^Probe\d+$|^other$/.test(s.labels.operation)).reduce((n, s) => n + s.value, 0);
  expect(total).toBe(120); // nothing is lost, only pooled
});
