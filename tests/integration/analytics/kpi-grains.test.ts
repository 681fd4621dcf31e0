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

/** Every request's contribution rows, as sorted strings. */
async function contributionRows(): Promise<string[]> {
  const rows: Record<string, unknown>[] = await db.dataSource.query(
    `SELECT request_id, to_char(day, 'YYYY-MM-DD') AS day, department_id, category_id, region_id, channel, request_type, ${COUNTER_COLUMNS.join(', ')}
     FROM kpi_contribution`);
  return rows.map((r) => JSON.stringify(r)).sort();
}

/** What the incremental job left equals what a full rebuild computes now: contributions, every grain, hour counts. */
async function incrementalEqualsRebuild(now: Date): Promise<void> {
  await coarseTablesAreSumsOfFine();
  await hourCountsMatchRequests();
  const incremental = [await contributionRows(), ...(await Promise.all(ALL_GRAINS.map(tableRows)))];
  await rebuildAll(now);
  const rebuilt = [await contributionRows(), ...(await Promise.all(ALL_GRAINS.map(tableRows)))];
  const tables = ['kpi_contribution', ...ALL_GRAINS.map((g) => g.table)];
  tables.forEach((table, i) => expect({ table, same: incremental[i].join('\n') === rebuilt[i].join('\n'), rows: rebuilt[i].length > 0 })
    .toEqual({ table, same: true, rows: true }));
}

async function coarseTablesAreSumsOfFine(): Promise<void> {
  const fine = await tableRows(FINE_GRAIN);
  const summed = (await db.dataSource.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, department_id, category_id, region_id, channel, request_type,
            ${COUNTER_COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
     FROM kpi_contribution GROUP BY day, department_id, category_id, region_id, channel, request_type`)).map((r: unknown) => JSON.stringify(r)).sort();
  expect({ table: 'kpi_rollup', sumOfContributions: fine.join('\n') === summed.join('\n') }).toEqual({ table: 'kpi_rollup', sumOfContributions: true });
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
    expect(DERIVED_ANALYTICS_TABLES).toEqual(['kpi_contribution', ...ROLLUP_TABLES, 'request_hour_count']);
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
    await db.dataSource.transaction((em) => markRequestsDirty(em, changed.map((c) => c.request_id), later));
    expect((await runIncrementalRollup({ dataSource: db.dataSource, timeZone: TZ, now: later })).requests).toBeGreaterThan(0);
    await incrementalEqualsRebuild(later);
  }, 600_000);

  // Requests counted long ago change in every way a count depends on: the difference taken out must be exactly
  // what they contributed, wherever it went (other departments, categories, regions, days' buckets, hours).
  test('applies changes to requests already counted: new department, category, region, follow-up and status', async () => {
    const later = new Date(NOW.getTime() + 4 * 86_400_000);
    const sample = async (where: string): Promise<string[]> => (await db.dataSource.query(
      `SELECT r.id::text AS id FROM service_request r WHERE ${where} ORDER BY r.id LIMIT 25`)).map((r: { id: string }) => r.id);
    const moved = await sample(`EXISTS (SELECT 1 FROM assignment a WHERE a.request_id = r.id AND a.role = 'LEAD')`);
    const reclassified = await sample(`r.region_id IS NOT NULL AND r.id % 7 = 3`);
    const followedUp = await sample(`EXISTS (SELECT 1 FROM follow_up f WHERE f.request_id = r.id)`);
    const reopened = await sample(`r.status = 'CLOSED' AND r.id % 5 = 1`);
    for (const ids of [moved, reclassified, followedUp, reopened]) expect(ids.length).toBeGreaterThan(5);
    await db.dataSource.transaction(async (em) => {
      await em.query(`UPDATE assignment a SET department_id = (SELECT id FROM department WHERE code = 'D02' ), replied_at = NULL, due_at = $2
                      WHERE a.role = 'LEAD' AND a.request_id = ANY($1::bigint[])`, [moved, NOW]);
      await em.query(`UPDATE service_request r SET category_id = (SELECT id FROM category WHERE code = 'ENV' OR code LIKE 'ENV%' ORDER BY code LIMIT 1),
                      region_id = (SELECT id FROM region WHERE level = 'DISTRICT' AND id <> r.region_id ORDER BY id LIMIT 1) WHERE r.id = ANY($1::bigint[])`, [reclassified]);
      await em.query(`UPDATE follow_up SET reached = NOT reached, satisfaction = 'VERY_DISSATISFIED', resolved = NOT resolved,
                      recorded_at = recorded_at - interval '1 day' WHERE request_id = ANY($1::bigint[])`, [followedUp]);
      await em.query(`UPDATE service_request SET status = 'DISPATCHED', reopen_count = reopen_count + 1 WHERE id = ANY($1::bigint[])`, [reopened]);
      await markRequestsDirty(em, [...moved, ...reclassified, ...followedUp, ...reopened], later);
    });
    const result = await runIncrementalRollup({ dataSource: db.dataSource, timeZone: TZ, now: later });
    expect(result.requests).toBeGreaterThanOrEqual(new Set([...moved, ...reclassified, ...followedUp, ...reopened]).size);
    expect(result.days).toEqual([]);
    await incrementalEqualsRebuild(later);
  }, 600_000);

  // After the migration that introduced contributions every day was marked stale and had none yet: the job
  // recomputes those days before it applies any request's difference, so nothing is subtracted that was not added.
  test('recomputes days marked stale before applying request changes (the state the contributions migration leaves)', async () => {
    const later = new Date(NOW.getTime() + 5 * 86_400_000);
    await db.dataSource.query(`DELETE FROM kpi_contribution WHERE day BETWEEN '2026-03-01' AND '2026-03-10'`);
    await db.dataSource.query(`INSERT INTO rollup_dirty_day (day, marked_at) SELECT DISTINCT day, now() FROM kpi_rollup WHERE day BETWEEN '2026-03-01' AND '2026-03-10'`);
    const touched = (await db.dataSource.query(
      `SELECT id::text FROM service_request WHERE created_at >= '2026-03-05T00:00:00+08:00' AND created_at < '2026-03-06T00:00:00+08:00' LIMIT 40`)).map((r: { id: string }) => r.id);
    await db.dataSource.query(`UPDATE service_request SET reopen_count = reopen_count + 1 WHERE id = ANY($1::bigint[])`, [touched]);
    await db.dataSource.transaction((em) => markRequestsDirty(em, touched, later));
    const result = await runIncrementalRollup({ dataSource: db.dataSource, timeZone: TZ, now: later });
    expect(result.days.length).toBe(10);
    await incrementalEqualsRebuild(later);
  }, 600_000);
});
