import { ManualClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import { startServer, RunningServer } from '../../../src/server';
import { seedDemoRequests } from '../../../src/seed/demo-requests.seed';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { seededRandom } from '../../../src/seed/random';
import { runIncrementalRollup } from '../../../src/services/analytics/incremental-rollup';
import { daysBetween, markRequestsDirty, recomputeDays } from '../../../src/services/analytics/rollup.service';
import { GraphQLClient } from '../support/graphql-client';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { COUNTERS, groupFacts, referenceFacts } from './kpi-reference';

// 三率 (DESIGN.md §7) over a generated history driven through the services: the rollups answer exactly what
// plain queries over the raw tables say, and the incremental job agrees with a full rebuild.

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-03-20T06:00:00Z');
const REQUESTS = Number(process.env.KPI_TEST_REQUESTS ?? 5000);
const FIRST_DAY = '2026-01-10';
const LAST_DAY = '2026-03-25';

let db: TestDatabase;
let server: RunningServer;
let clock: ManualClock;
let analyst: GraphQLClient;

async function login(username: string): Promise<GraphQLClient> {
  const anon = new GraphQLClient(server.url);
  const { login: l } = await anon.ok('mutation($u: String!) { login(username: $u, password: "demo12345") { token } }', { u: username });
  return new GraphQLClient(server.url, l.token);
}

async function rebuildAll(now: Date): Promise<void> {
  const days = daysBetween(FIRST_DAY, LAST_DAY);
  await db.dataSource.transaction((em) => recomputeDays(em, days, { timeZone: TZ, now }));
}

/** Rows in one table and not the other, both ways: a short diff instead of two huge arrays. */
function difference(a: string[], b: string[]) {
  const inB = new Set(b);
  const inA = new Set(a);
  return { onlyIncremental: a.filter((x) => !inB.has(x)).slice(0, 10), onlyRebuild: b.filter((x) => !inA.has(x)).slice(0, 10), sizes: [a.length, b.length] };
}

async function rollupTable(): Promise<string[]> {
  const rows: Record<string, unknown>[] = await db.dataSource.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, department_id, category_id, region_id, channel, request_type, received, resolved_at_intake,
            closed, reopened, dispatched, accepted_on_time, returned, replied, replied_on_time, overdue_open, followed_up,
            satisfied, dissatisfied, resolved FROM kpi_rollup`);
  return rows.map((r) => JSON.stringify(r)).sort();
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedReferenceData(db.dataSource.manager, { demoPassword: 'demo12345' });
  const seeded = await seedDemoRequests({ dataSource: db.dataSource, timeZone: TZ, count: REQUESTS, now: NOW, random: seededRandom(4) });
  expect(seeded.created).toBeGreaterThanOrEqual(REQUESTS * 0.95);
  clock = new ManualClock(NOW);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, TOKEN_TTL: '3650d' });
  server = await startServer({ config, dataSource: db.dataSource, clock, redis: null, port: 0 });
  analyst = await login('analyst01');
  await rebuildAll(NOW);
}, 1_800_000); // 5,000 requests through the services: minutes, more on a busy machine

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const KPI = `query($q: KpiQuery!) { kpis(query: $q) { key ${COUNTERS.join(' ')} responseRate resolutionRate satisfactionRate onTimeReplyRate } }`;
const sortRows = (rows: { key: string[] }[]) => [...rows].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
const counters = (rows: any[]) => rows.map((r) => ({ key: r.key, ...Object.fromEntries(COUNTERS.map((c) => [c, r[c]])) }));

describe('kpis equal a plain computation over the raw tables', () => {
  const window = { from: '2026-01-26T00:00:00+08:00', to: '2026-03-21T00:00:00+08:00' };

  test('the history covers every path', async () => {
    const [row] = await db.dataSource.query(`SELECT
      count(*) FILTER (WHERE resolved_at_intake_at IS NOT NULL) AS intake, count(*) FILTER (WHERE reopen_count > 0) AS reopened,
      count(*) FILTER (WHERE status = 'MERGED') AS merged, count(*) FILTER (WHERE status = 'VOID') AS voided,
      (SELECT count(*) FROM assignment WHERE status = 'RETURNED') AS returned,
      (SELECT count(*) FROM extension_request WHERE status = 'APPROVED') AS extended,
      (SELECT count(*) FROM assignment WHERE replied_on_time = false) AS late, (SELECT count(*) FROM assignment WHERE replied_on_time) AS on_time,
      (SELECT count(*) FROM follow_up WHERE NOT reached) AS unreached, (SELECT count(*) FROM follow_up WHERE reached) AS reached
      FROM service_request`);
    for (const [name, count] of Object.entries(row)) expect([name, Number(count)]).toEqual([name, expect.any(Number)]);
    for (const [name, count] of Object.entries(row)) expect(`${name}: ${Number(count) > 0}`).toBe(`${name}: true`);
  });

  test.each([
    [['DEPARTMENT']], [['CATEGORY']], [['REGION']], [['CHANNEL', 'REQUEST_TYPE']], [['DAY']], [['WEEK', 'DEPARTMENT']], [['MONTH']], [[]],
  ])('grouped by %j', async (groupBy) => {
    const { kpis } = await analyst.ok(KPI, { q: { ...window, groupBy } });
    const expected = groupFacts(await referenceFacts(db.dataSource, NOW), groupBy, '2026-01-26', '2026-03-20');
    const got = sortRows(counters(kpis)).map((r) => JSON.stringify(r));
    const want = sortRows(expected).map((r) => JSON.stringify(r));
    expect({ missing: want.filter((w) => !got.includes(w)).slice(0, 5), extra: got.filter((g) => !want.includes(g)).slice(0, 5) }).toEqual({ missing: [], extra: [] });
    expect(kpis.length).toBeGreaterThan(0);
    for (const r of kpis) {
      expect(r.responseRate).toBe(r.dispatched ? r.acceptedOnTime / r.dispatched : null);
      expect(r.satisfactionRate).toBe(r.followedUp ? r.satisfied / r.followedUp : null);
    }
  });

  test('filters by department, category and region subtree', async () => {
    const { kpis } = await analyst.ok(KPI, { q: { ...window, groupBy: ['DEPARTMENT'], departmentCode: 'D01' } });
    expect(kpis.length).toBeGreaterThan(0);
    expect(kpis.every((r: any) => /^D01/.test(r.key[0]))).toBe(true);
    const byCategory = (await analyst.ok(KPI, { q: { ...window, groupBy: ['CATEGORY'], categoryCode: 'URBAN' } })).kpis;
    expect(byCategory.every((r: any) => r.key[0].startsWith('URBAN_'))).toBe(true);
    const byRegion = (await analyst.ok(KPI, { q: { ...window, groupBy: ['REGION'], regionCode: 'D02' } })).kpis;
    expect(byRegion.every((r: any) => r.key[0].startsWith('D02'))).toBe(true);
  });
});

const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeReplyRate'];
const SERIES = `query($q: KpiQuery!) { kpiSeries(query: $q) { keys ${COUNTERS.join(' ')} ${RATES.join(' ')} } }`;

/** kpis rows from a kpiSeries answer: row i is element i of every list. */
function rowsOfSeries(series: Record<string, unknown[]>): Record<string, unknown>[] {
  const fields = [...COUNTERS, ...RATES];
  for (const f of fields) expect([f, series[f].length]).toEqual([f, series.keys.length]);
  return series.keys.map((key, i) => ({ key, ...Object.fromEntries(fields.map((f) => [f, series[f][i]])) }));
}

describe('kpiSeries: the same answer, column by column', () => {
  test.each([[['DAY', 'CATEGORY']], [['DEPARTMENT']], [[]]])('grouped by %j, with every counter and rate', async (groupBy) => {
    const q = { from: '2026-02-01T00:00:00+08:00', to: '2026-03-21T00:00:00+08:00', groupBy };
    const { kpis } = await analyst.ok(`query($q: KpiQuery!) { kpis(query: $q) { key ${COUNTERS.join(' ')} ${RATES.join(' ')} } }`, { q });
    const { kpiSeries } = await analyst.ok(SERIES, { q });
    expect(kpis.length).toBeGreaterThan(0);
    expect(rowsOfSeries(kpiSeries)).toEqual(kpis);
  });

  test('the same refusals: bad input, and roles without KPIs', async () => {
    const q = { from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z', groupBy: ['DAY'] };
    expect(await analyst.errorCode(SERIES, { q })).toBe('BAD_USER_INPUT');
    expect(await analyst.errorCode(SERIES, { q: { ...q, from: '2026-01-01T00:00:00Z', departmentCode: 'NOPE' } })).toBe('BAD_USER_INPUT');
    expect(await new GraphQLClient(server.url).errorCode(SERIES, { q: { ...q, from: '2026-01-01T00:00:00Z' } })).toBe('UNAUTHENTICATED');
  });
});

describe('incremental rollups', () => {
  test('after further events, the incremental job equals a full rebuild, bucket for bucket', async () => {
    const mark = (await db.dataSource.query('SELECT coalesce(max(id), 0) AS id FROM outbox_event'))[0].id;
    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    await seedDemoRequests({ dataSource: db.dataSource, timeZone: TZ, count: 300, now: later, random: seededRandom(99) });
    // What the analytics run does with REQUEST_CHANGED: mark the requests' contributions stale.
    const changed: { request_id: string }[] = await db.dataSource.query(
      `SELECT DISTINCT payload->>'requestId' AS request_id FROM outbox_event WHERE id > $1 AND topic = 'request.changed'`, [mark]);
    expect(changed.length).toBeGreaterThan(0);
    await db.dataSource.transaction((em) => markRequestsDirty(em, changed.map((c) => c.request_id), later));
    const recomputed = await runIncrementalRollup({ dataSource: db.dataSource, timeZone: TZ, now: later });
    expect(recomputed.requests).toBeGreaterThanOrEqual(changed.length); // and those whose deadlines passed meanwhile
    const incremental = await rollupTable();
    await rebuildAll(later);
    const rebuilt = await rollupTable();
    expect(difference(incremental, rebuilt)).toEqual({ onlyIncremental: [], onlyRebuild: [], sizes: [rebuilt.length, rebuilt.length] });
  }, 600_000);

  test('time alone makes work overdue: the job recomputes the days whose reply deadlines passed', async () => {
    const later = new Date(NOW.getTime() + 40 * 86_400_000);
    await runIncrementalRollup({ dataSource: db.dataSource, timeZone: TZ, now: later });
    const incremental = await rollupTable();
    await rebuildAll(later);
    const rebuilt = await rollupTable();
    expect(difference(incremental, rebuilt)).toEqual({ onlyIncremental: [], onlyRebuild: [], sizes: [rebuilt.length, rebuilt.length] });
  });
});

describe('who sees which rows', () => {
  test('a liaison\'s kpis never contain another department\'s rows', async () => {
    const liaison = await login('liaison_d01');
    const { kpis } = await liaison.ok(KPI, { q: { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00', groupBy: ['DEPARTMENT'] } });
    expect(kpis.length).toBeGreaterThan(0);
    expect(kpis.every((r: any) => r.key[0] === 'D01' || r.key[0].startsWith('D01S'))).toBe(true);
    const { kpiSeries } = await liaison.ok(SERIES, { q: { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00', groupBy: ['DEPARTMENT'] } });
    expect(kpiSeries.keys).toEqual(kpis.map((r: any) => r.key));
  });

  test('an analyst cannot read a request or a citizen', async () => {
    expect(await analyst.errorCode('{ serviceRequests { totalCount } }')).toBe('FORBIDDEN');
    expect(await analyst.errorCode('query { citizen(id: "Q2l0aXplbjox") { name } }')).toBe('FORBIDDEN');
  });

  test('bad queries are BAD_USER_INPUT', async () => {
    const bad = [
      { from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z', groupBy: ['DAY'] },
      { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', groupBy: ['DAY', 'DAY'] },
      { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', groupBy: ['DAY'], departmentCode: 'NOPE' },
    ];
    for (const q of bad) expect(await analyst.errorCode(KPI, { q })).toBe('BAD_USER_INPUT');
  });
});

