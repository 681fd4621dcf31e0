import { KpiDimension } from '../../../src/domain/enums';
import { COARSE_GRAINS, FINE_GRAIN, GRAIN_COLUMN, KpiGrain, ROLLUP_TABLES } from '../../../src/domain/kpi-grain';
import { Staff } from '../../../src/entities';
import { seedDemoRequests } from '../../../src/seed/demo-requests.seed';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { seededRandom } from '../../../src/seed/random';
import { runIncrementalRollup } from '../../../src/services/analytics/incremental-rollup';
import { KpiQuery, planKpiQuery, queryKpis } from '../../../src/services/analytics/kpi-query.service';
import { COUNTER_COLUMNS } from '../../../src/services/analytics/rollup-sql';
import { DERIVED_ANALYTICS_TABLES, daysBetween, markRequestsDirty, rebuildRollups } from '../../../src/services/analytics/rollup.service';
import { ServiceContext } from '../../../src/services/service-context';
import { contextFor } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-db';

// The coarse KPI rollups (src/domain/kpi-grain.ts): kept equal to sums of kpi_rollup by the rebuild and by the
// incremental job, and every question routed to one answers exactly what kpi_rollup answers.

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-03-20T06:00:00Z');
const REQUESTS = Number(process.env.KPI_TEST_REQUESTS ?? 2000);
const FIRST_DAY = '2026-01-10';
const LAST_DAY = '2026-03-25';
const WINDOW = { from: new Date('2026-01-26T00:00:00+08:00'), to: new Date('2026-03-21T00:00:00+08:00') };

let db: TestDatabase;

const rebuildAll = (now: Date) => rebuildRollups(db.dataSource, daysBetween(FIRST_DAY, LAST_DAY), { timeZone: TZ, now }, { daysPerTransaction: 31 });

async function context(username: string): Promise<ServiceContext> {
  const staff = await db.dataSource.getRepository(Staff).findOneByOrFail({ username });
  return contextFor(db.dataSource.manager, staff, NOW);
}

const ALL_GRAINS = [FINE_GRAIN, ...COARSE_GRAINS];

/** Every row of a grain's table, as sorted strings. */
async function tableRows(grain: KpiGrain): Promise<string[]> {
  const key = [`to_char(day, 'YYYY-MM-DD') AS day`, ...grain.dimensions.map((d) => GRAIN_COLUMN[d])].join(', ');
  const rows: Record<string, unknown>[] = await db.dataSource.query(`SELECT ${key}, ${COUNTER_COLUMNS.join(', ')} FROM ${grain.table}`);
  return rows.map((r) => JSON.stringify(r)).sort();
}

/** The rows a coarse table must hold: kpi_rollup summed over the dimensions it leaves out. */
async function summedFromFine(grain: KpiGrain): Promise<string[]> {
  const key = ['day', ...grain.dimensions.map((d) => GRAIN_COLUMN[d])];
  const rows: Record<string, unknown>[] = await db.dataSource.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, ${[...key.slice(1), ...COUNTER_COLUMNS.map((c) => `sum(${c})::int AS ${c}`)].join(', ')}
     FROM kpi_rollup GROUP BY ${key.join(', ')}`);
  return rows.map((r) => JSON.stringify(r)).sort();
}

async function coarseTablesAreSumsOfFine(): Promise<void> {
  for (const grain of COARSE_GRAINS) {
    const [have, want] = [await tableRows(grain), await summedFromFine(grain)];
    expect({ table: grain.table, missing: want.filter((w) => !have.includes(w)).slice(0, 3), extra: have.filter((h) => !want.includes(h)).slice(0, 3) })
      .toEqual({ table: grain.table, missing: [], extra: [] });
    expect(have.length).toBeGreaterThan(0);
  }
}

/** request_hour_count must hold exactly the requests per UTC hour, category and district, as counted from the requests. */
async function hourCountsMatchRequests(): Promise<void> {
  const kept = (await db.dataSource.query(
    `SELECT hour, category_id, district_id, received FROM request_hour_count`)).map((r: unknown) => JSON.stringify(r)).sort();
  const counted = (await db.dataSource.query(
    `SELECT date_trunc('hour', r.created_at, 'UTC') AS hour, r.category_id, district.id AS district_id, count(*)::int AS received
     FROM service_request r JOIN region g ON g.id = r.region_id
     JOIN region district ON district.level = 'DISTRICT' AND g.path LIKE district.path || '%'
     GROUP BY 1, 2, 3`)).map((r: unknown) => JSON.stringify(r)).sort();
  expect({ missing: counted.filter((c: string) => !kept.includes(c)).slice(0, 3), extra: kept.filter((k: string) => !counted.includes(k)).slice(0, 3) })
    .toEqual({ missing: [], extra: [] });
  expect(kept.length).toBeGreaterThan(100);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedReferenceData(db.dataSource.manager, { demoPassword: 'demo12345' });
  const seeded = await seedDemoRequests({ dataSource: db.dataSource, timeZone: TZ, count: REQUESTS, now: NOW, random: seededRandom(7) });
  expect(seeded.created).toBeGreaterThanOrEqual(REQUESTS * 0.95);
  await rebuildAll(NOW);
}, 900_000);

afterAll(async () => {
  await db?.drop();
});

describe('the rebuild', () => {
  test('fills every coarse table with kpi_rollup summed over the dimensions it leaves out', coarseTablesAreSumsOfFine);

  test('counts the requests of every hour by category and district, for hotspot detection', hourCountsMatchRequests);

  test('leaves every rollup table analyzed: the planner knows its size', async () => {
    expect(DERIVED_ANALYTICS_TABLES).toEqual([...ROLLUP_TABLES, 'request_hour_count']);
    for (const table of DERIVED_ANALYTICS_TABLES) {
      const [row] = await db.dataSource.query(
        `SELECT (SELECT reltuples FROM pg_class WHERE oid = $1::text::regclass) AS estimated, (SELECT count(*) FROM ${table})::int AS actual,
                (SELECT count(*) FROM pg_stats WHERE schemaname = 'public' AND tablename = $1::text)::int AS columns_with_stats`, [table]);
      expect({ table, estimated: Number(row.estimated), statistics: row.columns_with_stats > 0 }).toEqual({ table, estimated: row.actual, statistics: true });
    }
  });
});

// Every groupBy of the non-time dimensions, alone or with a time bucket, under every combination of filters, for
// the center and for a liaison: those routed to a coarse table must answer exactly what kpi_rollup answers.
const NON_TIME = [KpiDimension.DEPARTMENT, KpiDimension.CATEGORY, KpiDimension.REGION, KpiDimension.CHANNEL, KpiDimension.REQUEST_TYPE];
const TIME: (KpiDimension | null)[] = [null, KpiDimension.DAY, KpiDimension.WEEK, KpiDimension.MONTH];
const FILTERS = [{}, { departmentCode: 'D01' }, { categoryCode: 'URBAN' }, { regionCode: 'D02' }, { departmentCode: 'D02', categoryCode: 'URBAN' },
  { departmentCode: 'D01', regionCode: 'D01' }, { categoryCode: 'ENV', regionCode: 'D03' }, { departmentCode: 'D01', categoryCode: 'URBAN', regionCode: 'D01' }];

function questions(): KpiQuery[] {
  const out: KpiQuery[] = [];
  for (let mask = 0; mask < 1 << NON_TIME.length; mask++) {
    const dims = NON_TIME.filter((_, i) => mask & (1 << i));
    for (const time of TIME) {
      // The time bucket first and last: the order of groupBy is the order of the key.
      const orders = time ? [[time, ...dims], [...dims, time]] : [dims];
      for (const groupBy of orders) for (const f of FILTERS) out.push({ ...WINDOW, groupBy, ...f });
    }
  }
  return out;
}

describe('a question routed to a coarse table answers exactly what kpi_rollup answers', () => {
  test.each([['analyst01'], ['liaison_d01']])('for %s, every groupBy and filter', async (username) => {
    const ctx = await context(username);
    const tablesUsed = new Map<string, number>();
    let nonEmpty = 0;
    for (const q of questions()) {
      const coarse = await planKpiQuery(ctx, q);
      if (coarse.grain === FINE_GRAIN) continue;
      tablesUsed.set(coarse.grain.table, (tablesUsed.get(coarse.grain.table) ?? 0) + 1);
      const fine = await planKpiQuery(ctx, q, { grain: FINE_GRAIN });
      const [got, want] = await Promise.all([db.dataSource.query(coarse.sql, coarse.params), db.dataSource.query(fine.sql, fine.params)]);
      expect({ table: coarse.grain.table, q, rows: got }).toEqual({ table: coarse.grain.table, q, rows: want });
      if (got.length > 0 && Number(got[0].received) + Number(got[0].dispatched) + Number(got[0].followedUp) > 0) nonEmpty++;
    }
    // The center's questions reach every coarse table; a liaison's always need the department.
    const expected = username === 'analyst01' ? COARSE_GRAINS.map((g) => g.table) : ['kpi_rollup_department', 'kpi_rollup_department_category'];
    expect([...tablesUsed.keys()].sort()).toEqual([...expected].sort());
    expect(nonEmpty).toBeGreaterThan(tablesUsed.size * 4);
  }, 600_000);

  test('a coarse table cannot be forced onto a question it cannot answer', async () => {
    const ctx = await context('analyst01');
    const byDepartment = COARSE_GRAINS.find((g) => g.table === 'kpi_rollup_department')!;
    await expect(planKpiQuery(ctx, { ...WINDOW, groupBy: [KpiDimension.CATEGORY] }, { grain: byDepartment })).rejects.toThrow(/cannot answer/);
    await expect(planKpiQuery(await context('liaison_d01'), { ...WINDOW, groupBy: [] }, { grain: COARSE_GRAINS[0] })).rejects.toThrow(/cannot answer/);
  });

  test('kpis reads the coarse table it chose (the dashboards\' month by department and 30 days by day and category)', async () => {
    const ctx = await context('analyst01');
    const monthByDepartment: KpiQuery = { from: new Date('2026-02-18T00:00:00+08:00'), to: WINDOW.to, groupBy: [KpiDimension.DEPARTMENT] };
    const daysByCategory: KpiQuery = { from: new Date('2026-02-19T00:00:00+08:00'), to: WINDOW.to, groupBy: [KpiDimension.DAY, KpiDimension.CATEGORY] };
    expect((await planKpiQuery(ctx, monthByDepartment)).grain.table).toBe('kpi_rollup_department');
    expect((await planKpiQuery(ctx, daysByCategory)).grain.table).toBe('kpi_rollup_category');
    // Proof that queryKpis runs that plan: a change to the coarse table alone shows in its answer.
    const total = async (q: KpiQuery) => (await queryKpis(ctx, q)).reduce((sum, r) => sum + r.received, 0);
    const [before1, before2] = [await total(monthByDepartment), await total(daysByCategory)];
    await db.dataSource.query(`UPDATE kpi_rollup_department SET received = received + 1000 WHERE day = '2026-03-01'`);
    await db.dataSource.query(`UPDATE kpi_rollup_category SET received = received + 1000 WHERE day = '2026-03-01'`);
    const departments = (await db.dataSource.query(`SELECT count(*)::int AS n FROM kpi_rollup_department WHERE day = '2026-03-01'`))[0].n;
    const categories = (await db.dataSource.query(`SELECT count(*)::int AS n FROM kpi_rollup_category WHERE day = '2026-03-01'`))[0].n;
    expect(await total(monthByDepartment)).toBe(before1 + 1000 * departments);
    expect(await total(daysByCategory)).toBe(before2 + 1000 * categories);
    await rebuildAll(NOW);
    expect([await total(monthByDepartment), await total(daysByCategory)]).toEqual([before1, before2]);
  });
});

describe('the incremental job', () => {
  test('keeps every coarse table equal to the sums of kpi_rollup, and to a full rebuild', async () => {
    const mark = (await db.dataSource.query('SELECT coalesce(max(id), 0) AS id FROM outbox_event'))[0].id;
    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    await seedDemoRequests({ dataSource: db.dataSource, timeZone: TZ, count: 200, now: later, random: seededRandom(98) });
    const changed: { request_id: string }[] = await db.dataSource.query(
      `SELECT DISTINCT payload->>'requestId' AS request_id FROM outbox_event WHERE id > $1 AND topic = 'request.changed'`, [mark]);
    await db.dataSource.transaction((em) => markRequestsDirty(em, changed.map((c) => c.request_id), TZ, later));
    expect((await runIncrementalRollup({ dataSource: db.dataSource, timeZone: TZ, now: later })).length).toBeGreaterThan(0);
    await coarseTablesAreSumsOfFine();
    await hourCountsMatchRequests();
    const incremental = await Promise.all(ALL_GRAINS.map(tableRows));
    await rebuildAll(later);
    const rebuilt = await Promise.all(ALL_GRAINS.map(tableRows));
    ALL_GRAINS.forEach((g, i) => expect({ table: g.table, same: incremental[i].join('\n') === rebuilt[i].join('\n'), rows: rebuilt[i].length > 0 })
      .toEqual({ table: g.table, same: true, rows: true }));
  }, 600_000);
});
