import { checkRequestDeadlines, runDeadlineScan } from '../../../src/jobs/deadline-scan.job';
import { GraphQLClient } from '../support/graphql-client';
import { dbId, Desk, dispatchedRequest, edgesOf, HOUR } from '../support/operations';
import { startTestServer, TEST_START, TestServer } from '../support/test-server';
import { addLiaison, jobDeps, notificationCounts, systemTimeline } from './support/job-fixtures';

// DESIGN.md §6: a sign-for (签收) deadline warns, then marks the assignment overdue, exactly once per
// liaison, however many times (and however concurrently) the scheduler runs over the same moment.

const NOTIFICATIONS = `query($unread: Boolean) { notifications(unreadOnly: $unread, first: 50) {
  totalCount edges { node { id kind message readAt request { code } } } } }`;

let t: TestServer;
let desk: Desk;
let requestId: string;
let code: string;

beforeAll(async () => {
  t = await startTestServer();
  await addLiaison(t, 'URBAN', 'liaison_urban_2');
  const [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  desk = { agent, supervisor, urban };
  // URGENT: sign for within 2 hours, warned 1 hour before (Monday 10:00 → warning 11:00, overdue 12:00).
  const d = await dispatchedRequest(desk, { input: { urgency: 'URGENT' } });
  requestId = dbId(d.id);
  code = d.code;
});
afterAll(() => t.close());

const scanThreeTimes = async () => {
  const deps = jobDeps(t);
  for (let i = 0; i < 3; i++) await runDeadlineScan(deps);
};

test('before the warning time nothing fires', async () => {
  t.clock.set(new Date(TEST_START.getTime() + 0.5 * HOUR));
  await scanThreeTimes();
  expect(await notificationCounts(t, 'liaison_urban', requestId)).toEqual({});
  expect(await systemTimeline(t, requestId)).toEqual({});
});

test('the warning fires once per liaison when the scheduler runs three times', async () => {
  t.clock.set(new Date(TEST_START.getTime() + 1.5 * HOUR));
  await scanThreeTimes();
  for (const liaison of ['liaison_urban', 'liaison_urban_2']) {
    expect(await notificationCounts(t, liaison, requestId)).toEqual({ ACCEPT_WARNING: 1 });
  }
  expect(await systemTimeline(t, requestId)).toEqual({ DEADLINE_WARNING: 1 });
});

test('the deadline passing gives one overdue notification per liaison and one OVERDUE event, however often it is scanned', async () => {
  t.clock.set(new Date(TEST_START.getTime() + 3 * HOUR));
  const deps = jobDeps(t);
  await scanThreeTimes();
  // Two workers at once, and the re-check a deadline change triggers: still nothing twice.
  await Promise.all([runDeadlineScan(deps), runDeadlineScan(deps), runDeadlineScan(deps), checkRequestDeadlines(deps, requestId)]);
  for (const liaison of ['liaison_urban', 'liaison_urban_2']) {
    expect(await notificationCounts(t, liaison, requestId)).toEqual({ ACCEPT_WARNING: 1, ACCEPT_OVERDUE: 1 });
  }
  expect(await systemTimeline(t, requestId)).toEqual({ DEADLINE_WARNING: 1, OVERDUE: 1 });
  const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM reminder_ledger`);
  expect(n).toBe(2);
});

test('liaisons read their own notifications over GraphQL, and only their own', async () => {
  const own = edgesOf((await desk.urban.ok(NOTIFICATIONS, { unread: true })).notifications);
  expect(own.map((n) => n.kind).sort()).toEqual(['ACCEPT_OVERDUE', 'ACCEPT_WARNING']);
  expect(own.every((n) => n.request.code === code && n.message.includes(code))).toBe(true);
  expect(own.find((n) => n.kind === 'ACCEPT_OVERDUE').message).toContain('2026-03-02 12:00');
  const market: GraphQLClient = await t.login('liaison_market');
  expect((await market.ok(NOTIFICATIONS, {})).notifications.totalCount).toBe(0);
  // Another liaison's notification id is not found for them.
  const result = await market.request('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', { id: own[0].id });
  expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
