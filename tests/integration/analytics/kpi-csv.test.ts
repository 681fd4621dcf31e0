import { daysBetween, recomputeDays } from '../../../src/services/analytics/rollup.service';
import { createRequest, dispatch } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';

// The CSV export of a kpis query: same numbers, same roles, a file a spreadsheet opens.

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  const [agent, supervisor] = await Promise.all([t.login('agent01'), t.login('supervisor01')]);
  for (let i = 0; i < 3; i++) await dispatch(supervisor, (await createRequest(agent)).id, i === 2 ? 'MARKET' : 'URBAN');
  await createRequest(agent);
  await t.db.dataSource.transaction((em) => recomputeDays(em, daysBetween('2026-03-01', '2026-03-03'), { timeZone: 'Asia/Shanghai', now: t.clock.now() }));
});
afterAll(() => t.close());

const csvUrl = (params: Record<string, string>) => `${t.url.replace('/graphql', '/analytics/kpis.csv')}?${new URLSearchParams(params)}`;
const MARCH = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };

test('the CSV holds the same rows as kpis', async () => {
  const analyst = await t.login('analyst01');
  const res = await fetch(csvUrl({ ...MARCH, groupBy: 'DEPARTMENT' }), { headers: { authorization: `Bearer ${analyst.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('department,received,resolvedAtIntake,dispatched,acceptedOnTime,returned,replied,repliedOnTime,overdueOpen,closed,followedUp,satisfied,dissatisfied,resolved,reopened,responseRate,resolutionRate,satisfactionRate,onTimeReplyRate');
  const { kpis } = await analyst.ok('query($q: KpiQuery!) { kpis(query: $q) { key received dispatched } }', { q: { ...MARCH, groupBy: ['DEPARTMENT'] } });
  expect(lines.slice(1).map((l) => l.split(',').slice(0, 4))).toEqual(kpis.map((k: any) => [k.key[0], String(k.received), '0', String(k.dispatched)]));
  expect(kpis.map((k: any) => k.key[0]).sort()).toEqual(['HOTLINE', 'MARKET', 'URBAN']);
});

test('a liaison\'s CSV holds only their department', async () => {
  const urban = await t.login('liaison_urban');
  const res = await fetch(csvUrl({ ...MARCH, groupBy: 'DEPARTMENT' }), { headers: { authorization: `Bearer ${urban.token}` } });
  const rows = (await res.text()).trim().split('\r\n').slice(1);
  expect(rows.map((r) => r.split(',')[0])).toEqual(['URBAN']);
});

test('without a token 401, bad input 400', async () => {
  expect((await fetch(csvUrl({ ...MARCH, groupBy: 'DEPARTMENT' }))).status).toBe(401);
  const analyst = await t.login('analyst01');
  const bad = await fetch(csvUrl({ ...MARCH, groupBy: 'PLANET' }), { headers: { authorization: `Bearer ${analyst.token}` } });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
});
