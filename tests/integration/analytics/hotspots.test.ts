import { localDay } from '../../../src/domain/kpi';
import { detectHotspots } from '../../../src/services/analytics/hotspot.service';
import { recomputeDays } from '../../../src/services/analytics/rollup.service';
import { GraphQLClient } from '../support/graphql-client';
import { startTestServer, TestServer } from '../support/test-server';

// Hotspots (DESIGN.md §7): a category suddenly growing in one district raises exactly one alert per day;
// a flat history raises none.

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-03-20T06:00:00Z');
const HOUR = 3_600_000;

let t: TestServer;
let ids: Record<string, string>;

/**
 * Requests written straight into the table, and then what the analytics run does for them before it looks for
 * hotspots: the rollup of the days they were made on, which keeps the hourly intake counts detection reads.
 */
async function insertRequests(category: string, region: string, times: Date[]): Promise<void> {
  await t.db.dataSource.query(
    `INSERT INTO service_request (code, channel, type, urgency, status, title, content, category_id, region_id, created_at, updated_at,
                                  registered_by_id, owner_id)
     SELECT 'H' || nextval('service_request_code_seq'), 'PHONE', 'COMPLAINT', 'NORMAL', 'REGISTERED', '噪音', '夜间施工噪音',
            $1, $2, at, at, $3, $3
     FROM unnest($4::timestamptz[]) AS at`,
    [ids[category], ids[region], ids.agent, times],
  );
  const days = [...new Set(times.map((at) => localDay(at, TZ)))];
  await t.db.dataSource.transaction((em) => recomputeDays(em, days, { timeZone: TZ, now: NOW }));
}

beforeAll(async () => {
  t = await startTestServer({ now: NOW });
  const rows = await t.db.dataSource.query(
    `SELECT 'c:' || code AS k, id FROM category UNION ALL SELECT 'r:' || code, id FROM region UNION ALL SELECT 'agent', id FROM staff WHERE username = 'agent01'`);
  ids = Object.fromEntries(rows.map((r: { k: string; id: string }) => [r.k.replace(/^c:|^r:/, ''), String(r.id)]));
  // A flat history: for 29 days, two noise complaints a day on two streets of D01, one on D02, one wage case on D03.
  const flat = (perDay: number) => Array.from({ length: 29 * perDay }, (_, i) => new Date(NOW.getTime() - (i + 0.5) * (24 / perDay) * HOUR));
  await insertRequests('ENV_NOISE', 'D01S01', flat(1));
  await insertRequests('ENV_NOISE', 'D01S02', flat(1));
  await insertRequests('ENV_NOISE', 'D02S01', flat(1));
  await insertRequests('HRSS_WAGE', 'D03', flat(1));
});
afterAll(() => t.close());

describe('hotspot detection', () => {
  test('a flat history raises no alert', async () => {
    expect(await detectHotspots(t.db.dataSource.manager, NOW, TZ)).toEqual([]);
  });

  test('a spike of one category in one district raises exactly one alert, once a day', async () => {
    const spike = Array.from({ length: 12 }, (_, i) => new Date(NOW.getTime() - (i + 1) * HOUR));
    await insertRequests('ENV_NOISE', 'D01S03', spike);
    const alerts = await detectHotspots(t.db.dataSource.manager, NOW, TZ);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({ categoryId: ids.ENV_NOISE, regionId: ids.D01 });
    // 12 + the two flat streets' share of the window = 14 in the last 24 h against a baseline of 2 a day.
    expect(alert.count).toBe(14);
    expect(alert.baseline).toBeCloseTo(2, 5);
    expect(alert.score).toBeCloseTo((14 - 2) / Math.sqrt(3), 5);
    expect(await detectHotspots(t.db.dataSource.manager, new Date(NOW.getTime() + HOUR), TZ)).toEqual([]);
    const [{ n }] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM hotspot_alert');
    expect(n).toBe(1);
  });

  test('fewer than five requests are never a hotspot, however unusual', async () => {
    await insertRequests('URBAN_LIGHT', 'D04S01', [new Date(NOW.getTime() - HOUR), new Date(NOW.getTime() - 2 * HOUR), new Date(NOW.getTime() - 3 * HOUR), new Date(NOW.getTime() - 4 * HOUR)]);
    expect(await detectHotspots(t.db.dataSource.manager, new Date(NOW.getTime() + 2 * HOUR), TZ)).toEqual([]);
  });

  test('supervisors and analysts are notified; hotspots() serves the alert', async () => {
    const recipients = await t.db.dataSource.query(
      `SELECT s.username FROM notification n JOIN staff s ON s.id = n.recipient_id WHERE n.kind = 'HOTSPOT' ORDER BY 1`);
    expect(recipients.map((r: { username: string }) => r.username)).toEqual(['analyst01', 'supervisor01']);
    const analyst: GraphQLClient = await t.login('analyst01');
    const { hotspots } = await analyst.ok('{ hotspots { id count baseline score category { code } region { code } windowStart windowEnd } }');
    expect(hotspots).toEqual([expect.objectContaining({ count: 14, category: { code: 'ENV_NOISE' }, region: { code: 'D01' } })]);
  });

  test('each recipient reads and marks their own notification, nobody else\'s', async () => {
    const [analyst, supervisor] = [await t.login('analyst01'), await t.login('supervisor01')];
    const list = '{ notifications(unreadOnly: true) { totalCount edges { node { id kind message readAt request { id } } } } }';
    const mine = (await analyst.ok(list)).notifications;
    expect(mine.totalCount).toBe(1);
    const [note] = mine.edges.map((e: any) => e.node);
    expect(note).toMatchObject({ kind: 'HOTSPOT', readAt: null, request: null });
    expect(note.message).toMatch(/噪音扰民/);
    const mark = 'mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }';
    expect(await supervisor.errorCode(mark, { id: note.id })).toBe('NOT_FOUND');
    const read = (await analyst.ok(mark, { id: note.id })).markNotificationRead;
    expect(read.readAt).not.toBeNull();
    expect((await analyst.ok(mark, { id: note.id })).markNotificationRead.readAt).toBe(read.readAt);
    expect((await analyst.ok(list)).notifications.totalCount).toBe(0);
    expect((await supervisor.ok(list)).notifications.totalCount).toBe(1);
    expect((await supervisor.ok('query($id: ID!) { node(id: $id) { id } }', { id: note.id })).node).toBeNull();
  });
});

describe('hotspot windows that do not start on the hour', () => {
  test('count every request at the edges exactly once: whole hours from the hourly counts, the rest from the requests', async () => {
    const now = new Date(NOW.getTime() + 3 * 24 * HOUR + 25 * 60_000 + 123);
    const windowStart = now.getTime() - 24 * HOUR;
    const baselineStart = windowStart - 28 * 24 * HOUR;
    const at = (ms: number) => new Date(ms);
    const inWindow = [at(windowStart), at(windowStart + 1), at(windowStart + 5 * HOUR), at(windowStart + 17 * HOUR), at(now.getTime() - 600_000), at(now.getTime() - 1)];
    const inBaseline = [at(baselineStart), at(windowStart - 1), ...Array.from({ length: 26 }, (_, i) => at(baselineStart + (i + 1) * 24 * HOUR + 7 * 60_000))];
    const outside = [at(baselineStart - 1), at(now.getTime()), at(now.getTime() + HOUR)];
    await insertRequests('WATER_CUT', 'D02S01', [...inWindow, ...inBaseline, ...outside]);
    const alerts = await detectHotspots(t.db.dataSource.manager, now, TZ);
    expect(alerts.map((a) => ({ category: a.categoryId, district: a.regionId, count: a.count, baseline: a.baseline }))).toEqual([
      { category: ids.WATER_CUT, district: ids.D02, count: 6, baseline: 1 },
    ]);
    expect(alerts[0].score).toBeCloseTo(5 / Math.sqrt(2), 5);
  });
});
