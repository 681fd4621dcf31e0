import { seededRandom } from '../../src/seed/random';
import { seedRoutingRules } from '../../src/seed/routing-rules.seed';
import { writeHistory, WrittenRequest } from '../../src/routing-eval/history-writer';
import { replay } from '../../src/routing-eval/replay';
import { generateHistory } from '../../src/routing-eval/world';
import { EVIDENCE_BOUNDS, gatherRoutingEvidence } from '../../src/services/routing/routing-evidence';
import { suggestRoutes } from '../../src/services/routing/routing-suggestion.service';
import { startTestServer, TestServer } from './support/test-server';

// npm run eval:routing in small: a generated history is written and replayed in time order. Suggestions
// learn only from the past (the very first request has nothing but the rules) and beat the rules alone.

let t: TestServer;
let written: WrittenRequest[];
const start = new Date('2026-01-05T00:00:00+08:00');

beforeAll(async () => {
  t = await startTestServer();
  await seedRoutingRules(t.db.dataSource.manager, start);
  const random = seededRandom(7);
  const history = generateHistory(random, { requests: 2500, start, days: 20, noise: 0.03, centerKnew: 0.3 });
  written = await writeHistory(t.db.dataSource, history, random);
});
afterAll(() => t.close());

test('the history is written as it happened: closed requests, wrong departments returning, the right ones completing', async () => {
  const [counts] = await t.db.dataSource.query(
    `SELECT count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE status = 'RETURNED')::int AS returned,
            count(DISTINCT request_id)::int AS requests FROM assignment`,
  );
  expect(counts.requests).toBe(2500);
  expect(counts.completed).toBe(2500);
  expect(counts.returned).toBeGreaterThan(100);
  const [orphans] = await t.db.dataSource.query(
    `SELECT count(*)::int AS n FROM service_request r JOIN assignment a ON a.id = r.lead_assignment_id WHERE a.status <> 'COMPLETED'`,
  );
  expect(orphans.n).toBe(0);
});

test('as of the first request nothing has happened yet: the suggestion is the rules\' answer', async () => {
  const first = written[0];
  const [best] = await suggestRoutes(t.db.dataSource.manager, first, first.createdAt);
  expect(best.departmentId).toBe(first.ruleDepartmentIds[0]);
  expect(best.reason).toMatch(/^routing rule for/);
  expect(best.reason).not.toMatch(/completed here|similar/); // no history behind it
});

test('replayed in time order, suggestions beat the rules alone', async () => {
  const result = await replay(t.db.dataSource, written, { concurrency: 2 });
  expect(result.requests).toBe(2500);
  expect(result.suggestions.top1).toBeGreaterThan(result.rulesAlone.top1 + 0.03);
  expect(result.suggestions.top3).toBeGreaterThanOrEqual(result.suggestions.top1);
  expect(result.rulesAlone.top1).toBeLessThan(0.9); // the world departs from the rules, or the test proves nothing
}, 120_000);

// At 70,000 requests a day the window holds tens of thousands of a category's requests per district: the history
// is the lead assignments of the newest requests with an outcome only, whatever the volume.
test('history is bounded to the newest requests of the category in the district that have an outcome', async () => {
  // The last request of the commonest category and region, so that the window holds many like it.
  const counts = new Map<string, number>();
  for (const w of written) counts.set(`${w.categoryId}/${w.regionId}`, (counts.get(`${w.categoryId}/${w.regionId}`) ?? 0) + 1);
  const commonest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const subject = [...written].reverse().find((w) => `${w.categoryId}/${w.regionId}` === commonest)!;
  const later = new Date(subject.createdAt.getTime() + 30 * 86_400_000); // every outcome of the history is known by then
  const outcomes = async (newest: number, asOf = later) => (await t.db.dataSource.query(
    `SELECT a.department_id::text AS "departmentId",
            count(*) FILTER (WHERE a.status = 'COMPLETED' AND a.completed_at < $3)::int AS completed,
            count(*) FILTER (WHERE a.returned_at < $3)::int AS returned
     FROM (SELECT r.id FROM service_request r JOIN region g ON g.id = r.region_id
           WHERE r.category_id = $1 AND r.created_at < $3 AND r.created_at >= $3::timestamptz - interval '90 days'
             AND EXISTS (SELECT 1 FROM assignment o WHERE o.request_id = r.id AND o.role = 'LEAD'
                           AND ((o.status = 'COMPLETED' AND o.completed_at < $3) OR o.returned_at < $3))
             AND g.path LIKE (SELECT district.path FROM region district JOIN region own ON own.id = $2
                              WHERE district.level = 'DISTRICT' AND own.path LIKE district.path || '%') || '%'
           ORDER BY r.created_at DESC LIMIT $4) r
     JOIN assignment a ON a.request_id = r.id AND a.role = 'LEAD' AND a.dispatched_at < $3
     GROUP BY 1`, [subject.categoryId, subject.regionId, asOf, newest]))
    .filter((h: { completed: number; returned: number }) => h.completed + h.returned > 0)
    .sort((a: { departmentId: string }, b: { departmentId: string }) => a.departmentId.localeCompare(b.departmentId));
  const evidence = async (historyRequests: number, asOf = later) => (await gatherRoutingEvidence(t.db.dataSource.manager, subject, asOf, { ...EVIDENCE_BOUNDS, historyRequests }))
    .evidence.history.sort((a, b) => a.departmentId.localeCompare(b.departmentId));
  const few = await outcomes(10);
  const all = await outcomes(100_000);
  const total = (hs: { completed: number; returned: number }[]) => hs.reduce((n, h) => n + h.completed + h.returned, 0);
  expect(total(few)).toBeGreaterThanOrEqual(10);
  expect(total(all)).toBeGreaterThan(total(few) * 3); // the bound leaves most of the window out
  expect(await evidence(10)).toEqual(few);
  expect(await evidence(100_000)).toEqual(all);
  // When the subject arrives, its newest peers are still open: the bound skips them and still counts 10 outcomes.
  const open = (await t.db.dataSource.query(
    `SELECT count(*)::int AS n FROM (SELECT r.id FROM service_request r WHERE r.category_id = $1 AND r.created_at < $2
       ORDER BY r.created_at DESC LIMIT 10) newest
     WHERE NOT EXISTS (SELECT 1 FROM assignment o WHERE o.request_id = newest.id AND o.role = 'LEAD'
                         AND ((o.status = 'COMPLETED' AND o.completed_at < $2) OR o.returned_at < $2))`, [subject.categoryId, subject.createdAt]))[0].n;
  expect(open).toBeGreaterThan(0);
  const atArrival = await outcomes(10, subject.createdAt);
  expect(total(atArrival)).toBeGreaterThanOrEqual(10);
  expect(await evidence(10, subject.createdAt)).toEqual(atArrival);
});
