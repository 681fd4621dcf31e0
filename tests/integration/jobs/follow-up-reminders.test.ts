import { runDeadlineScan } from '../../../src/jobs/deadline-scan.job';
import { awaitingFollowUp, dbId, Desk, FOLLOW_UP } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { jobDeps, notificationCounts, systemTimeline } from './support/job-fixtures';

// DESIGN.md §6: the follow-up call (回访) has its own deadline; its owner is warned, then told it is overdue,
// once each. A follow-up recorded in time stops the clock: nothing fires for a request no longer waiting.

let t: TestServer;
let desk: Desk;

beforeAll(async () => {
  t = await startTestServer();
  const [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());

async function followUpTimes(requestId: string): Promise<{ warn: Date; due: Date }> {
  const [row] = await t.db.dataSource.query(`SELECT follow_up_warn_at AS warn, follow_up_due_at AS due FROM service_request WHERE id = $1`, [requestId]);
  return row;
}

async function scanAt(time: Date, times = 1): Promise<void> {
  t.clock.set(time);
  for (let i = 0; i < times; i++) await runDeadlineScan(jobDeps(t));
}

test('the owner is warned before the follow-up deadline and told once when it passes', async () => {
  const id = dbId((await awaitingFollowUp(desk)).id);
  const { warn, due } = await followUpTimes(id);
  expect(warn.getTime()).toBeLessThan(due.getTime());

  await scanAt(new Date(warn.getTime() - 60_000));
  expect(await notificationCounts(t, 'agent01', id)).toEqual({});
  await scanAt(new Date(warn.getTime() + 60_000), 2);
  expect(await notificationCounts(t, 'agent01', id)).toEqual({ FOLLOW_UP_WARNING: 1 });
  await scanAt(new Date(due.getTime() + 60_000), 3);
  expect(await notificationCounts(t, 'agent01', id)).toEqual({ FOLLOW_UP_WARNING: 1, FOLLOW_UP_OVERDUE: 1 });
  // The follow-up is the center's work: the department hears nothing of it.
  expect(await notificationCounts(t, 'liaison_urban', id)).toEqual({});
  expect(await systemTimeline(t, id)).toMatchObject({ DEADLINE_WARNING: 1, OVERDUE: 1 });
});

test('a follow-up recorded in time leaves nothing to fire', async () => {
  const request = await awaitingFollowUp(desk);
  const id = dbId(request.id);
  const { due } = await followUpTimes(id);
  await desk.agent.ok(FOLLOW_UP, { input: { requestId: request.id, reached: true, satisfaction: 'SATISFIED', resolved: true } });
  await scanAt(new Date(due.getTime() + 3_600_000), 2);
  expect(await notificationCounts(t, 'agent01', id)).toEqual({});
});

