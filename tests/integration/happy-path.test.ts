import { GraphQLClient } from './support/graphql-client';
import {
  ACCEPT, DAY, Desk, HOUR, LIST, MY_ASSIGNMENTS, REPLY, RESOLVE_AT_INTAKE, REVIEW,
  createRequest, dispatch, dispatchedRequest, edgesOf, getRequest, kinds, recordFollowUp,
} from './support/operations';
import { TEST_START, startTestServer, TestServer } from './support/test-server';

// The lifecycle of DESIGN.md §4 end to end over HTTP, as the agent, the supervisor and the liaison do it,
// with the deadlines of DESIGN.md §5 on the test's clock (Monday 2 March 2026, 10:00 Shanghai).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;
let market: GraphQLClient;
let d01: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban, market, d01] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'liaison_market', 'liaison_d01');
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(TEST_START));

const myAssignmentIds = async (liaison: GraphQLClient, filter: Record<string, unknown> = {}) =>
  edgesOf((await liaison.ok(MY_ASSIGNMENTS, { filter, first: 100 })).myAssignments).map((a) => a.id);

describe('the full happy path', () => {
  test('intake → dispatch → sign for → reply → review → satisfied follow-up closes the request', async () => {
    const created = await createRequest(agent);
    expect(created).toMatchObject({
      status: 'REGISTERED', dueAt: null, overdue: false, reopenCount: 0, leadAssignment: null, assignments: [],
      owner: { username: 'agent01' }, registeredBy: { username: 'agent01' },
      citizen: { name: '张三', phone: '13812345678', requestCount: 1, isRepeatCaller: false },
    });
    expect(created.code).toMatch(/^20260302-\d{6,}$/);

    // NORMAL COMPLAINT: sign for within 1 working day (end of Tuesday), reply within 15 (end of Monday 23 March).
    t.clock.advance(10 * 60_000);
    const dispatched = await dispatch(supervisor, created.id, 'URBAN', ['D01']);
    expect(dispatched.status).toBe('DISPATCHED');
    expect(dispatched.assignments.map((a: any) => [a.role, a.department.code, a.status, a.round])).toEqual([
      ['LEAD', 'URBAN', 'PENDING', 1], ['ASSIST', 'D01', 'PENDING', 1],
    ]);
    const lead = dispatched.leadAssignment;
    expect(lead).toMatchObject({ acceptDueAt: '2026-03-03T16:00:00.000Z', dueAt: '2026-03-23T16:00:00.000Z', overdue: false });
    expect(dispatched).toMatchObject({ dueAt: lead.acceptDueAt, overdue: false });

    expect(await myAssignmentIds(urban, { status: ['PENDING'] })).toContain(lead.id);
    const assist = dispatched.assignments.find((a: any) => a.role === 'ASSIST');
    expect(await myAssignmentIds(d01)).toEqual([assist.id]);
    expect(await myAssignmentIds(market)).toEqual([]);

    t.clock.advance(HOUR);
    const accepted = (await urban.ok(ACCEPT, { id: lead.id })).acceptAssignment;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptedAt: t.clock.now().toISOString(), overdue: false });
    expect(await getRequest(supervisor, created.id)).toMatchObject({ status: 'IN_PROGRESS', dueAt: lead.dueAt, overdue: false });

    t.clock.advance(2 * DAY);
    const replied = (await urban.ok(REPLY, { id: lead.id, reply: '已派人更换灯泡，路灯恢复照明。', outcome: 'RESOLVED' })).submitReply;
    expect(replied).toMatchObject({ status: 'REPLIED', replyOutcome: 'RESOLVED', repliedAt: t.clock.now().toISOString() });
    expect(await getRequest(supervisor, created.id)).toMatchObject({ status: 'REPLIED', dueAt: null, overdue: false });

    t.clock.advance(HOUR);
    const reviewed = (await supervisor.ok(REVIEW, { id: lead.id, approve: true })).reviewReply;
    expect(reviewed.status).toBe('AWAITING_FOLLOW_UP');
    expect(reviewed.leadAssignment.status).toBe('COMPLETED');
    expect(reviewed.dueAt).toBe(new Date(t.clock.now().getTime() + 36 * HOUR).toISOString()); // follow-up within 36 hours

    t.clock.advance(HOUR);
    const fu = await recordFollowUp(agent, created.id, { reached: true, satisfaction: 'SATISFIED', resolved: true, comment: '市民表示满意' });
    expect(fu).toMatchObject({ attempt: 1, reached: true, satisfaction: 'SATISFIED', resolved: true, recordedBy: { username: 'agent01' } });
    expect(fu.request).toMatchObject({
      status: 'CLOSED', latestSatisfaction: 'SATISFIED', dueAt: null, overdue: false, closedAt: t.clock.now().toISOString(),
    });

    // No work is left open for the assisting department once the request is settled.
    expect(['PENDING', 'ACCEPTED']).not.toContain(fu.request.assignments.find((a: any) => a.role === 'ASSIST').status);
    expect(await myAssignmentIds(d01, { status: ['PENDING', 'ACCEPTED'] })).toEqual([]);

    const final = await getRequest(supervisor, created.id);
    expect(kinds(final)).toEqual(['CREATED', 'DISPATCHED', 'ACCEPTED', 'REPLIED', 'REPLY_REVIEWED', 'FOLLOWED_UP', 'CLOSED']);
    const actors = final.timeline.edges.map((e: any) => e.node.actor?.username);
    expect(actors.slice(0, 6)).toEqual(['agent01', 'supervisor01', 'liaison_urban', 'liaison_urban', 'supervisor01', 'agent01']);
    const times = final.timeline.edges.map((e: any) => new Date(e.node.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(final.timeline.totalCount).toBe(7);
  });

  test('the request answered at intake closes after a satisfied follow-up, without any department', async () => {
    const created = await createRequest(agent, { type: 'CONSULTATION', title: '公积金提取咨询', content: '请问公积金如何提取？' });
    const answered = (await agent.ok(RESOLVE_AT_INTAKE, { id: created.id, answer: '可通过政务服务网办理' })).resolveAtIntake;
    expect(answered).toMatchObject({ status: 'AWAITING_FOLLOW_UP', intakeAnswer: '可通过政务服务网办理', assignments: [] });
    expect(answered.dueAt).toBe(new Date(t.clock.now().getTime() + 36 * HOUR).toISOString());
    const fu = await recordFollowUp(agent, created.id, { reached: true, satisfaction: 'VERY_SATISFIED', resolved: true });
    expect(fu.request.status).toBe('CLOSED');
    expect(kinds(await getRequest(agent, created.id))).toEqual(['CREATED', 'RESOLVED_AT_INTAKE', 'FOLLOWED_UP', 'CLOSED']);
  });

  test('resolving at intake is refused once the request has been dispatched', async () => {
    const { id } = await dispatchedRequest(desk);
    expect(await agent.errorCode(RESOLVE_AT_INTAKE, { id, answer: '已答复' })).toBe('INVALID_TRANSITION');
  });
});

describe('deadlines and overdue', () => {
  test('a sign-for deadline that passes makes the request and the assignment overdue until it is signed for', async () => {
    const { id, lead, request } = await dispatchedRequest(desk);
    expect((await getRequest(supervisor, id)).overdue).toBe(false);

    t.clock.set(new Date(new Date(request.leadAssignment.acceptDueAt).getTime() + 60_000));
    const late = await getRequest(supervisor, id);
    expect(late).toMatchObject({ overdue: true, dueAt: request.leadAssignment.acceptDueAt, leadAssignment: { status: 'PENDING', overdue: true } });
    expect(await myAssignmentIds(urban, { overdue: true })).toContain(lead);
    expect(await myAssignmentIds(urban, { overdue: false })).not.toContain(lead);
    const overdueRequests = edgesOf((await supervisor.ok(LIST, { filter: { overdue: true }, first: 100 })).serviceRequests);
    expect(overdueRequests.map((r) => r.id)).toContain(id);

    // Signing for late: the reply deadline now matters and it has not passed.
    await urban.ok(ACCEPT, { id: lead });
    const signed = await getRequest(supervisor, id);
    expect(signed).toMatchObject({ status: 'IN_PROGRESS', overdue: false, dueAt: request.leadAssignment.dueAt, leadAssignment: { overdue: false } });

    t.clock.set(new Date(new Date(request.leadAssignment.dueAt).getTime() + 60_000));
    expect(await getRequest(supervisor, id)).toMatchObject({ overdue: true, leadAssignment: { overdue: true } });

    await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' });
    expect(await getRequest(supervisor, id)).toMatchObject({ status: 'REPLIED', overdue: false, leadAssignment: { overdue: false } });
  });

  test('an urgent request is signed for within 2 hours (wall clock)', async () => {
    const created = await createRequest(agent, { urgency: 'URGENT' });
    const d = await dispatch(supervisor, created.id);
    expect(d.leadAssignment.acceptDueAt).toBe(new Date(TEST_START.getTime() + 2 * HOUR).toISOString());
    t.clock.advance(2 * HOUR + 1000);
    expect((await getRequest(supervisor, created.id)).overdue).toBe(true);
  });

  test('a follow-up not made within 36 hours is overdue', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' });
    await supervisor.ok(REVIEW, { id: lead, approve: true });
    t.clock.advance(35 * HOUR);
    expect((await getRequest(agent, id)).overdue).toBe(false);
    t.clock.advance(2 * HOUR);
    expect((await getRequest(agent, id)).overdue).toBe(true);
  });
});

describe('review', () => {
  test('a rejected reply sends the lead back to ACCEPTED and the request to IN_PROGRESS', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'EXPLAINED' });
    const rejected = (await supervisor.ok(REVIEW, { id: lead, approve: false, comment: '答复过于简单' })).reviewReply;
    expect(rejected).toMatchObject({ status: 'IN_PROGRESS', leadAssignment: { status: 'ACCEPTED' } });
    expect(rejected.dueAt).toBe(rejected.leadAssignment.dueAt);
    await urban.ok(REPLY, { id: lead, reply: '已现场核查并更换灯泡', outcome: 'RESOLVED' });
    expect((await supervisor.ok(REVIEW, { id: lead, approve: true })).reviewReply.status).toBe('AWAITING_FOLLOW_UP');
    expect(kinds(await getRequest(supervisor, id))).toEqual(['CREATED', 'DISPATCHED', 'ACCEPTED', 'REPLIED', 'REPLY_REVIEWED', 'REPLIED', 'REPLY_REVIEWED']);
  });

  test('a reply cannot be reviewed before it is submitted, nor submitted before signing for', async () => {
    const { lead } = await dispatchedRequest(desk);
    expect(await urban.errorCode(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' })).toBe('INVALID_TRANSITION');
    expect(await supervisor.errorCode(REVIEW, { id: lead, approve: true })).toBe('INVALID_TRANSITION');
  });
});

describe('assisting departments (协办)', () => {
  test('an assist reply is recorded but does not move the request', async () => {
    const { id, request } = await dispatchedRequest(desk, { assists: ['MARKET'] });
    const assist = request.assignments.find((a: any) => a.role === 'ASSIST');
    await market.ok(ACCEPT, { id: assist.id });
    const replied = (await market.ok(REPLY, { id: assist.id, reply: '已配合检查', outcome: 'EXPLAINED' })).submitReply;
    expect(replied.status).toBe('REPLIED');
    const after = await getRequest(supervisor, id);
    expect(after.status).toBe('DISPATCHED');
    expect(after.assignments.find((a: any) => a.role === 'ASSIST').status).toBe('REPLIED');
  });
});
