import { checkRequestDeadlines, runDeadlineScan } from '../../../src/jobs/deadline-scan.job';
import { ACCEPT, DECIDE_EXTENSION, dbId, Desk, dispatchedRequest, REQUEST_EXTENSION } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { jobDeps, notificationCounts, systemTimeline } from './support/job-fixtures';

// DESIGN.md §6: an approved extension re-arms the reply reminders. The old deadline never fires (the scan
// reads the current column); the new one warns and marks overdue as any other deadline does.

let t: TestServer;
let desk: Desk;
let requestId: string;
let leadId: string;

const at = (local: string) => new Date(`${local}+08:00`);
const OLD_DUE = at('2026-03-05T00:00:00'); // URGENT: 2 working days after Monday 2 March = end of Wednesday
const NEW_DUE = at('2026-03-06T18:00:00');

async function scanAt(local: string): Promise<void> {
  t.clock.set(at(local));
  const deps = jobDeps(t);
  await runDeadlineScan(deps);
  await checkRequestDeadlines(deps, requestId);
}

async function ledger(): Promise<{ kind: string; deadline: Date }[]> {
  return t.db.dataSource.query(`SELECT kind, deadline FROM reminder_ledger WHERE kind LIKE 'REPLY_%' ORDER BY id`);
}

beforeAll(async () => {
  t = await startTestServer();
  const [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  desk = { agent, supervisor, urban };
  const d = await dispatchedRequest(desk, { input: { urgency: 'URGENT' } });
  requestId = dbId(d.id);
  leadId = d.lead;
  t.clock.set(at('2026-03-02T10:30:00'));
  await urban.ok(ACCEPT, { id: leadId });
});
afterAll(() => t.close());

test('the reply warning fires for the deadline in force', async () => {
  await scanAt('2026-03-04T23:10:00');
  expect(await notificationCounts(t, 'liaison_urban', requestId)).toEqual({ REPLY_WARNING: 1 });
  expect(await ledger()).toEqual([{ kind: 'REPLY_WARNING', deadline: OLD_DUE }]);
});

test('after an approved extension the old deadline passes without firing', async () => {
  t.clock.set(at('2026-03-04T23:20:00'));
  const extension = (await desk.urban.ok(REQUEST_EXTENSION, { id: leadId, due: NEW_DUE.toISOString(), reason: '需要协调施工单位' })).requestExtension;
  t.clock.set(at('2026-03-04T23:30:00'));
  await desk.supervisor.ok(DECIDE_EXTENSION, { id: extension.id, approve: true });
  await scanAt('2026-03-05T02:00:00');
  await scanAt('2026-03-05T12:00:00');
  expect(await notificationCounts(t, 'liaison_urban', requestId)).toEqual({ REPLY_WARNING: 1 });
  expect(await notificationCounts(t, 'supervisor01', requestId)).toEqual({});
  expect(await systemTimeline(t, requestId)).toEqual({ DEADLINE_WARNING: 1 });
});

test('the new deadline warns again and then marks the reply overdue, once', async () => {
  await scanAt('2026-03-06T17:30:00');
  expect(await notificationCounts(t, 'liaison_urban', requestId)).toEqual({ REPLY_WARNING: 2 });
  await scanAt('2026-03-06T18:30:00');
  await scanAt('2026-03-06T19:30:00');
  expect(await notificationCounts(t, 'liaison_urban', requestId)).toEqual({ REPLY_WARNING: 2, REPLY_OVERDUE: 1 });
  // Reply overdue also reaches the center's supervisors.
  expect(await notificationCounts(t, 'supervisor01', requestId)).toEqual({ REPLY_OVERDUE: 1 });
  expect(await systemTimeline(t, requestId)).toEqual({ DEADLINE_WARNING: 2, OVERDUE: 1 });
  expect(await ledger()).toEqual([
    { kind: 'REPLY_WARNING', deadline: OLD_DUE },
    { kind: 'REPLY_WARNING', deadline: NEW_DUE },
    { kind: 'REPLY_OVERDUE', deadline: NEW_DUE },
  ]);
  const [overdue] = await t.db.dataSource.query(
    `SELECT n.message FROM notification n JOIN staff s ON s.id = n.recipient_id WHERE s.username = 'liaison_urban' AND n.kind = 'REPLY_OVERDUE'`,
  );
  expect(overdue.message).toContain('2026-03-06 18:00');
});
