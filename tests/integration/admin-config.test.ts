import { GraphQLClient } from './support/graphql-client';
import { ACCEPT, Desk, HOUR, ME, MY_ASSIGNMENTS, REPLY, REVIEW, createRequest, dispatch, dispatchedRequest, edgesOf, getRequest } from './support/operations';
import { TEST_START, startTestServer, TestServer } from './support/test-server';

// Administration: SLA policies are data and apply to work dispatched afterwards; the working-day calendar
// (seeded from chinese-days, overridden with setCalendarDays) drives WORKING_DAYS deadlines; staff are created
// by admins only (DESIGN.md §3, §5).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let admin: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  const [a, s, urban, adm] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'admin');
  [agent, supervisor, admin] = [a, s, adm];
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(TEST_START));

const at = (iso: string) => t.clock.set(new Date(iso));
const acceptDueOfNewComplaint = async () => (await dispatchedRequest(desk)).request.leadAssignment;

const POLICY = `mutation($input: SlaPolicyInput!) { updateSlaPolicy(input: $input) {
  requestType urgency accept { amount unit } reply { amount unit } followUp { amount unit } warnBefore { amount unit } } }`;
const CALENDAR = 'mutation($days: [CalendarDayInput!]!) { setCalendarDays(days: $days) { date workday note } }';
const d = (amount: number, unit: string) => ({ amount, unit });

describe('SLA policies', () => {
  test('the defaults of DESIGN.md §5 for every type and urgency', async () => {
    const policies = (await agent.ok('{ slaPolicies { requestType urgency accept { amount unit } reply { amount unit } followUp { amount unit } warnBefore { amount unit } } }')).slaPolicies;
    expect(policies).toHaveLength(18);
    const of = (type: string, urgency: string) => {
      const p = policies.find((x: any) => x.requestType === type && x.urgency === urgency);
      return [p.accept, p.reply, p.followUp, p.warnBefore];
    };
    for (const type of ['CONSULTATION', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'PRAISE']) {
      expect(of(type, 'EMERGENCY')).toEqual([d(30, 'MINUTES'), d(24, 'HOURS'), d(24, 'HOURS'), d(10, 'MINUTES')]);
      expect(of(type, 'URGENT')).toEqual([d(2, 'HOURS'), d(2, 'WORKING_DAYS'), d(24, 'HOURS'), d(1, 'HOURS')]);
    }
    expect(of('CONSULTATION', 'NORMAL')).toEqual([d(1, 'WORKING_DAYS'), d(2, 'WORKING_DAYS'), d(36, 'HOURS'), d(4, 'HOURS')]);
    for (const type of ['HELP', 'SUGGESTION']) expect(of(type, 'NORMAL')).toEqual([d(1, 'WORKING_DAYS'), d(10, 'WORKING_DAYS'), d(36, 'HOURS'), d(1, 'WORKING_DAYS')]);
    for (const type of ['COMPLAINT', 'REPORT']) expect(of(type, 'NORMAL')).toEqual([d(1, 'WORKING_DAYS'), d(15, 'WORKING_DAYS'), d(36, 'HOURS'), d(1, 'WORKING_DAYS')]);
    expect(of('PRAISE', 'NORMAL')).toEqual([d(1, 'WORKING_DAYS'), d(5, 'WORKING_DAYS'), d(36, 'HOURS'), d(1, 'WORKING_DAYS')]);
  });

  test('a change applies to assignments dispatched afterwards only', async () => {
    const before = await dispatch(supervisor, (await createRequest(agent, { type: 'HELP' })).id);
    const input = { requestType: 'HELP', urgency: 'NORMAL', accept: d(3, 'HOURS'), reply: d(4, 'HOURS'), followUp: d(12, 'HOURS'), warnBefore: d(30, 'MINUTES') };
    expect((await admin.ok(POLICY, { input })).updateSlaPolicy).toEqual(input);
    expect((await agent.ok('{ slaPolicies { requestType urgency accept { amount unit } } }')).slaPolicies
      .find((p: any) => p.requestType === 'HELP' && p.urgency === 'NORMAL').accept).toEqual(d(3, 'HOURS'));

    t.clock.advance(HOUR);
    const after = await dispatch(supervisor, (await createRequest(agent, { type: 'HELP' })).id);
    expect(after.leadAssignment.acceptDueAt).toBe(new Date(t.clock.now().getTime() + 3 * HOUR).toISOString());
    expect(after.leadAssignment.dueAt).toBe(new Date(t.clock.now().getTime() + 4 * HOUR).toISOString());

    const unchanged = await getRequest(supervisor, before.id);
    expect(unchanged.leadAssignment).toMatchObject({ acceptDueAt: before.leadAssignment.acceptDueAt, dueAt: before.leadAssignment.dueAt });
    // Other pairs keep their own policy.
    const complaint = await acceptDueOfNewComplaint();
    expect(complaint.acceptDueAt).toBe('2026-03-03T16:00:00.000Z');
  });

  test('the follow-up deadline follows the policy in force when the reply is approved', async () => {
    const { id, lead } = await dispatchedRequest(desk, { input: { type: 'PRAISE' } });
    await desk.urban.ok(ACCEPT, { id: lead });
    await desk.urban.ok(REPLY, { id: lead, reply: '已转达表扬', outcome: 'RESOLVED' });
    await admin.ok(POLICY, { input: { requestType: 'PRAISE', urgency: 'NORMAL', accept: d(1, 'WORKING_DAYS'), reply: d(5, 'WORKING_DAYS'), followUp: d(12, 'HOURS'), warnBefore: d(1, 'HOURS') } });
    const reviewed = (await supervisor.ok(REVIEW, { id: lead, approve: true })).reviewReply;
    expect(reviewed.dueAt).toBe(new Date(t.clock.now().getTime() + 12 * HOUR).toISOString());
    expect((await getRequest(agent, id)).status).toBe('AWAITING_FOLLOW_UP');
  });

  test('only an admin changes a policy', async () => {
    const input = { requestType: 'HELP', urgency: 'URGENT', accept: d(1, 'HOURS'), reply: d(1, 'WORKING_DAYS'), followUp: d(24, 'HOURS'), warnBefore: d(10, 'MINUTES') };
    expect(await supervisor.errorCode(POLICY, { input })).toBe('FORBIDDEN');
    expect(await admin.errorCode(POLICY, { input: { ...input, accept: d(0, 'HOURS') } })).toBe('BAD_USER_INPUT');
  });
});

describe('the working-day calendar', () => {
  test('shows the Spring Festival holiday and its adjusted working Saturday', async () => {
    const days = (await agent.ok('{ calendar(from: "2026-02-13", to: "2026-02-24") { date workday note } }')).calendar;
    expect(days).toHaveLength(12);
    const day = (date: string) => days.find((x: any) => x.date === date);
    expect(day('2026-02-13').workday).toBe(true);
    expect(day('2026-02-14').workday).toBe(true); // 调休: a Saturday worked
    expect(day('2026-02-17')).toMatchObject({ workday: false, note: '春节' });
    expect(day('2026-02-24').workday).toBe(true);
  });

  test('deadlines count working days across the Spring Festival', async () => {
    at('2026-02-13T02:00:00Z'); // Friday: the next working day is the adjusted Saturday
    expect((await acceptDueOfNewComplaint()).acceptDueAt).toBe('2026-02-14T16:00:00.000Z');
    at('2026-02-14T02:00:00Z'); // that Saturday: the next working day is after the holiday
    expect((await acceptDueOfNewComplaint()).acceptDueAt).toBe('2026-02-24T16:00:00.000Z');
  });

  test('a weekday marked off moves working-day deadlines dispatched afterwards', async () => {
    // Monday 2 March, 10:00: a NORMAL complaint is signed for by the end of Tuesday and answered within 15 working days.
    const before = await acceptDueOfNewComplaint();
    expect(before).toMatchObject({ acceptDueAt: '2026-03-03T16:00:00.000Z', dueAt: '2026-03-23T16:00:00.000Z' });
    const set = (await admin.ok(CALENDAR, { days: [{ date: '2026-03-03', workday: false, note: '临时停工' }] })).setCalendarDays;
    expect(set).toEqual([{ date: '2026-03-03', workday: false, note: '临时停工' }]);

    const after = await acceptDueOfNewComplaint();
    expect(after).toMatchObject({ acceptDueAt: '2026-03-04T16:00:00.000Z', dueAt: '2026-03-24T16:00:00.000Z' });
    const days = (await agent.ok('{ calendar(from: "2026-03-02", to: "2026-03-04") { date workday note } }')).calendar;
    expect(days).toEqual([
      { date: '2026-03-02', workday: true, note: null },
      { date: '2026-03-03', workday: false, note: '临时停工' },
      { date: '2026-03-04', workday: true, note: null },
    ]);

    // Setting it back to a working day moves the next deadline back.
    await admin.ok(CALENDAR, { days: [{ date: '2026-03-03', workday: true }] });
    expect((await acceptDueOfNewComplaint()).acceptDueAt).toBe('2026-03-03T16:00:00.000Z');
  });

  test('a Saturday marked as a working day (调休) counts', async () => {
    at('2026-03-06T02:00:00Z'); // Friday 6 March
    expect((await acceptDueOfNewComplaint()).acceptDueAt).toBe('2026-03-09T16:00:00.000Z');
    await admin.ok(CALENDAR, { days: [{ date: '2026-03-07', workday: true, note: '调休上班' }] });
    expect((await acceptDueOfNewComplaint()).acceptDueAt).toBe('2026-03-07T16:00:00.000Z');
  });

  test('years the package does not know can be given by hand', async () => {
    const set = (await admin.ok(CALENDAR, { days: [{ date: '2031-01-01', workday: false, note: '元旦' }, { date: '2031-01-04', workday: true, note: '调休' }] })).setCalendarDays;
    expect(set.map((x: any) => x.date)).toEqual(['2031-01-01', '2031-01-04']);
    const days = (await agent.ok('{ calendar(from: "2031-01-01", to: "2031-01-04") { date workday } }')).calendar;
    expect(days.map((x: any) => x.workday)).toEqual([false, true, true, true]);
  });

  test('only an admin edits the calendar', async () => {
    expect(await supervisor.errorCode(CALENDAR, { days: [{ date: '2026-03-10', workday: false }] })).toBe('FORBIDDEN');
  });
});

describe('staff', () => {
  const CREATE_STAFF = 'mutation($input: CreateStaffInput!) { createStaff(input: $input) { id username displayName roles department { code } } }';
  const liaison = { username: 'liaison_urban_2', displayName: '城管联络员二', password: 'correct horse battery', roles: ['LIAISON'], departmentCode: 'URBAN' };

  test('an admin creates a liaison who can log in and works their department\'s assignments', async () => {
    const created = (await admin.ok(CREATE_STAFF, { input: liaison })).createStaff;
    expect(created).toMatchObject({ username: 'liaison_urban_2', displayName: '城管联络员二', roles: ['LIAISON'], department: { code: 'URBAN' } });
    const me = await t.login('liaison_urban_2', 'correct horse battery');
    expect((await me.ok(ME)).me).toMatchObject({ id: created.id, username: 'liaison_urban_2' });
    const { lead } = await dispatchedRequest(desk);
    expect(edgesOf((await me.ok(MY_ASSIGNMENTS, { first: 100 })).myAssignments).map((a) => a.id)).toContain(lead);
    expect((await t.db.dataSource.query(`SELECT password_hash FROM staff WHERE username = 'liaison_urban_2'`))[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  test('an admin creates an agent; the username must be new', async () => {
    const input = { username: 'agent03', displayName: '坐席三', password: 'another long password', roles: ['AGENT'] };
    expect((await admin.ok(CREATE_STAFF, { input })).createStaff).toMatchObject({ username: 'agent03', roles: ['AGENT'], department: null });
    expect(await admin.errorCode(CREATE_STAFF, { input })).toBe('CONFLICT');
    const agent03 = await t.login('agent03', 'another long password');
    expect((await createRequest(agent03)).owner.username).toBe('agent03');
  });

  test('a supervisor cannot create staff', async () => {
    expect(await supervisor.errorCode(CREATE_STAFF, { input: { ...liaison, username: 'sneaky' } })).toBe('FORBIDDEN');
    expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM staff WHERE username = 'sneaky'`))[0].n).toBe(0);
  });
});
