import { seededRandom } from '../../src/seed/random';
import { seedRoutingRules } from '../../src/seed/routing-rules.seed';
import { writeHistory, WrittenRequest } from '../../src/routing-eval/history-writer';
import { replay } from '../../src/routing-eval/replay';
import { generateHistory } from '../../src/routing-eval/world';
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
