import { checkRequestDeadlines, runDeadlineScan } from '../../../src/jobs/deadline-scan.job';
import { ACCEPT, DECIDE_EXTENSION, dbId, Desk, dispatchedRequest, REQUEST_EXTENSION } from '../support/operations';
import { GraphQLClient } from '../support/graphql-client';
import { startTestServer, TestServer } from '../support/test-server';
import { jobDeps, notificationCounts, systemTimeline } from './support/job-fixtures';

// DESIGN.md §6: a lead reply 5 working days overdue escalates the request to LISTED, once. The moment is
// stored with the reply deadline (assignment.reply_escalate_at) whenever the deadline is set or moved, with the
// calendar in force then, so the scan finds it by a plain range and never re-reads leads long overdue.

let t: TestServer;
let desk: Desk;
let admin: GraphQLClient;

const at = (local: string) => new Date(`${local}+08:00`);
const CALENDAR = 'mutation($days: [CalendarDayInput!]!) { setCalendarDays(days: $days) { date workday } }';
const DUE = at('2026-03-05T00:00:00'); // URGENT: 2 working days after Monday 2 March = end of Wednesday 4 March
const LISTED = at('2026-03-13T00:00:00'); // 5 working days after that: the end of Thursday 12 March
const NEW_DUE = at('2026-03-06T18:00:00'); // an extension to Friday 6 March, 18:00
const EXTRA_LEADS = 10;

interface Lead { requestId: string; leadId: string }
let extended: Lead; // extension approved before the calendar edit
let plain: Lead; // never extended
let extendedAfterEdit: Lead; // extension approved after the calendar edit
const others: Lead[] = [];

async function open(): Promise<Lead> {
  const d = await dispatchedRequest(desk, { input: { urgency: 'URGENT' } });
  await desk.urban.ok(ACCEPT, { id: d.lead });
  return { requestId: dbId(d.id), leadId: d.lead };
}

async function extend(lead: Lead, local: string): Promise<void> {
  t.clock.set(at(local));
  const extension = (await desk.urban.ok(REQUEST_EXTENSION, { id: lead.leadId, due: NEW_DUE.toISOString(), reason: '需要协调施工单位' })).requestExtension;
  await desk.supervisor.ok(DECIDE_EXTENSION, { id: extension.id, approve: true });
  await checkRequestDeadlines(jobDeps(t), lead.requestId);
}

async function scanAt(local: string) {
  t.clock.set(at(local));
  return runDeadlineScan(jobDeps(t));
}

async function stored(lead: Lead): Promise<{ due: Date; escalate: Date }> {
  const [row] = await t.db.dataSource.query(`SELECT due_at AS due, reply_escalate_at AS escalate FROM assignment WHERE id = $1`, [dbId(lead.leadId)]);
  return row;
}

async function listed(lead: Lead): Promise<{ level: string; ledger: Date[] }> {
  const [{ level }] = await t.db.dataSource.query(`SELECT supervision_level AS level FROM service_request WHERE id = $1`, [lead.requestId]);
  const rows: { deadline: Date }[] = await t.db.dataSource.query(
    `SELECT deadline FROM reminder_ledger WHERE kind = 'LISTED_SUPERVISION' AND subject_id = $1 ORDER BY id`, [dbId(lead.leadId)],
  );
  return { level, ledger: rows.map((r) => r.deadline) };
}

beforeAll(async () => {
  t = await startTestServer();
  const [agent, supervisor, urban, adm] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'admin');
  desk = { agent, supervisor, urban };
  admin = adm;
  t.clock.set(at('2026-03-02T10:00:00'));
  extended = await open();
  plain = await open();
  extendedAfterEdit = await open();
  for (let i = 0; i < EXTRA_LEADS; i++) others.push(await open());
}, 60_000);
afterAll(() => t.close());

test('the escalation moment is stored with the reply deadline at dispatch', async () => {
  for (const lead of [extended, plain, extendedAfterEdit, ...others]) expect(await stored(lead)).toEqual({ due: DUE, escalate: LISTED });
});

test('an approved extension moves the escalation moment with the deadline', async () => {
  await extend(extended, '2026-03-04T12:00:00');
  // 5 working days after Friday 6 March: Monday 9 … Friday 13 March, to its end.
  expect(await stored(extended)).toEqual({ due: NEW_DUE, escalate: at('2026-03-14T00:00:00') });
});

test('a calendar edit moves no stored moment (as no deadline); a deadline set afterwards follows it', async () => {
  t.clock.set(at('2026-03-04T13:00:00'));
  await admin.ok(CALENDAR, { days: [{ date: '2026-03-10', workday: false }] });
  expect(await stored(plain)).toEqual({ due: DUE, escalate: LISTED });
  expect(await stored(extended)).toEqual({ due: NEW_DUE, escalate: at('2026-03-14T00:00:00') });
  await extend(extendedAfterEdit, '2026-03-04T14:00:00');
  // Tuesday 10 March is off now: Monday 9, Wednesday 11, Thursday 12, Friday 13, Monday 16 March, to its end.
  expect(await stored(extendedAfterEdit)).toEqual({ due: NEW_DUE, escalate: at('2026-03-17T00:00:00') });
});

test('each lead escalates once, at its stored moment, and a scan reads only what falls due in its window', async () => {
  // Everything before the first escalation (warnings, overdue marks) fires first.
  await scanAt('2026-03-12T23:59:59');
  for (const lead of [extended, plain, extendedAfterEdit, ...others]) expect((await listed(lead)).ledger).toEqual([]);

  const first = await scanAt('2026-03-13T00:00:00');
  expect(first).toMatchObject({ fired: 1 + EXTRA_LEADS, candidates: 1 + EXTRA_LEADS });
  for (const lead of [plain, ...others]) expect(await listed(lead)).toEqual({ level: 'LISTED', ledger: [DUE] });
  expect((await listed(extended)).ledger).toEqual([]); // its old moment passed: the deadline moved
  expect(await systemTimeline(t, plain.requestId)).toMatchObject({ SUPERVISED: 1 });
  expect(await notificationCounts(t, 'agent01', plain.requestId)).toEqual({ SUPERVISED: 1 });

  // Eleven leads are now long overdue and still open: later scans do not read them again.
  for (const local of ['2026-03-13T00:00:30', '2026-03-13T12:00:00', '2026-03-13T23:59:59']) {
    expect(await scanAt(local)).toMatchObject({ fired: 0, candidates: 0 });
  }
  expect(await scanAt('2026-03-14T00:00:00')).toMatchObject({ fired: 1, candidates: 1 });
  expect(await listed(extended)).toEqual({ level: 'LISTED', ledger: [NEW_DUE] });

  expect(await scanAt('2026-03-16T23:59:59')).toMatchObject({ fired: 0, candidates: 0 });
  expect((await listed(extendedAfterEdit)).ledger).toEqual([]);
  expect(await scanAt('2026-03-17T00:00:00')).toMatchObject({ fired: 1, candidates: 1 });
  expect(await listed(extendedAfterEdit)).toEqual({ level: 'LISTED', ledger: [NEW_DUE] });

  // Weeks later, with every lead still open and overdue, a scan still reads nothing.
  expect(await scanAt('2026-04-10T10:00:00')).toMatchObject({ fired: 0, candidates: 0 });
  expect(await scanAt('2026-04-10T10:00:30')).toMatchObject({ fired: 0, candidates: 0 });

  // The all-time re-check of one request finds the escalation again and fires nothing: once only.
  expect(await checkRequestDeadlines(jobDeps(t), plain.requestId)).toBe(0);
  for (const lead of [extended, plain, extendedAfterEdit, ...others]) {
    expect((await listed(lead)).ledger).toHaveLength(1);
    expect(await notificationCounts(t, 'agent01', lead.requestId)).toEqual({ SUPERVISED: 1 });
  }
});
