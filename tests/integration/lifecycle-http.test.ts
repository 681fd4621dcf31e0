import { GraphQLClient } from './support/graphql-client';
import {
  ACCEPT, DECIDE_EXTENSION, DECIDE_RETURN, FOLLOW_UP, REPLY, REQUEST_EXTENSION, REQUEST_RETURN, REVIEW,
  createRequest, dispatch, getRequest, kinds,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// The lifecycle of DESIGN.md §4 end to end, over HTTP, as the agent, the supervisor and the liaison do it.

let t: TestServer;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;
let market: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban, market] = await Promise.all(['agent01', 'supervisor01', 'liaison_urban', 'liaison_market'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const HOUR = 3_600_000;

async function dispatchedToUrban(assists: string[] = []) {
  const created = await createRequest(agent);
  const dispatched = await dispatch(supervisor, created.id, 'URBAN', assists);
  return { id: created.id as string, lead: dispatched.leadAssignment.id as string, request: dispatched };
}

async function throughReply(requestId: string, leadId: string) {
  await urban.ok(ACCEPT, { id: leadId });
  await urban.ok(REPLY, { id: leadId, reply: '已派人更换灯泡，路灯恢复照明。', outcome: 'RESOLVED' });
  return (await supervisor.ok(REVIEW, { id: leadId, approve: true })).reviewReply;
}

const followUp = (requestId: string, input: Record<string, unknown>) =>
  agent.ok(FOLLOW_UP, { input: { requestId, ...input } }).then((d) => d.recordFollowUp);

describe('the full happy path', () => {
  test('intake → dispatch → sign for → reply → review → satisfied follow-up closes the request', async () => {
    const created = await createRequest(agent);
    expect(created).toMatchObject({ status: 'REGISTERED', dueAt: null, owner: { username: 'agent01' } });
    expect(created.code).toMatch(/^\d{8}-\d{6,}$/);

    const dispatched = await dispatch(supervisor, created.id, 'URBAN', ['D01']);
    expect(dispatched.status).toBe('DISPATCHED');
    expect(dispatched.assignments.map((a: any) => [a.role, a.department.code, a.status])).toEqual([
      ['LEAD', 'URBAN', 'PENDING'], ['ASSIST', 'D01', 'PENDING'],
    ]);
    const lead = dispatched.leadAssignment;
    expect(dispatched.dueAt).toBe(lead.acceptDueAt); // the sign-for deadline matters now

    const portal = await urban.ok('{ myAssignments(filter: { status: [PENDING] }) { edges { node { id request { id } } } } }');
    expect(portal.myAssignments.edges.map((e: any) => e.node.id)).toContain(lead.id);

    await urban.ok(ACCEPT, { id: lead.id });
    const inProgress = await getRequest(supervisor, created.id);
    expect(inProgress.status).toBe('IN_PROGRESS');
    expect(inProgress.dueAt).toBe(lead.dueAt); // now the reply deadline

    await urban.ok(REPLY, { id: lead.id, reply: '已修复', outcome: 'RESOLVED' });
    expect((await getRequest(supervisor, created.id)).status).toBe('REPLIED');

    const reviewed = (await supervisor.ok(REVIEW, { id: lead.id, approve: true })).reviewReply;
    expect(reviewed.status).toBe('AWAITING_FOLLOW_UP');
    expect(reviewed.leadAssignment.status).toBe('COMPLETED');

    const fu = await followUp(created.id, { reached: true, satisfaction: 'SATISFIED', resolved: true });
    expect(fu).toMatchObject({ attempt: 1, reached: true, satisfaction: 'SATISFIED' });
    expect(fu.request).toMatchObject({ status: 'CLOSED', latestSatisfaction: 'SATISFIED', dueAt: null });
    expect(fu.request.closedAt).not.toBeNull();

    const final = await getRequest(supervisor, created.id);
    expect(kinds(final)).toEqual(['CREATED', 'DISPATCHED', 'ACCEPTED', 'REPLIED', 'REPLY_REVIEWED', 'FOLLOWED_UP', 'CLOSED']);
    expect(final.timeline.edges[2].node.actor.username).toBe('liaison_urban');
  });

  test('a sign-for deadline that passes makes the request and the assignment overdue', async () => {
    const { id, lead } = await dispatchedToUrban();
    expect((await getRequest(supervisor, id)).overdue).toBe(false);
    t.clock.advance(3 * 24 * HOUR);
    const late = await getRequest(supervisor, id);
    expect(late.overdue).toBe(true);
    expect(late.leadAssignment.status).toBe('PENDING');
    const overdueList = await urban.ok('{ myAssignments(filter: { overdue: true }) { edges { node { id overdue } } } }');
    expect(overdueList.myAssignments.edges.map((e: any) => e.node.id)).toContain(lead);
    expect(overdueList.myAssignments.edges.every((e: any) => e.node.overdue)).toBe(true);
    const filtered = await supervisor.ok('{ serviceRequests(filter: { overdue: true }, first: 100) { edges { node { id } } } }');
    expect(filtered.serviceRequests.edges.map((e: any) => e.node.id)).toContain(id);
  });

  test('answered at intake, then satisfied: closed without any department', async () => {
    const created = await createRequest(agent, { type: 'CONSULTATION', title: '公积金提取咨询', content: '请问公积金如何提取？' });
    const answered = (await agent.ok('mutation($id: ID!) { resolveAtIntake(requestId: $id, answer: "可通过政务服务网办理") { status dueAt intakeAnswer } }', { id: created.id })).resolveAtIntake;
    expect(answered).toMatchObject({ status: 'AWAITING_FOLLOW_UP', intakeAnswer: '可通过政务服务网办理' });
    expect(answered.dueAt).not.toBeNull();
    const fu = await followUp(created.id, { reached: true, satisfaction: 'VERY_SATISFIED', resolved: true });
    expect(fu.request.status).toBe('CLOSED');
  });
});

describe('re-handling (重办)', () => {
  test('twice dissatisfied: round 3 exists and the request is LISTED', async () => {
    const { id, lead } = await dispatchedToUrban();
    await throughReply(id, lead);
    const first = await followUp(id, { reached: true, satisfaction: 'DISSATISFIED', resolved: false });
    expect(first.request).toMatchObject({ status: 'DISPATCHED', reopenCount: 1, supervisionLevel: null });
    expect(first.request.leadAssignment).toMatchObject({ round: 2, status: 'PENDING', department: { code: 'URBAN' } });

    await throughReply(id, first.request.leadAssignment.id);
    const second = await followUp(id, { reached: true, satisfaction: 'VERY_DISSATISFIED', resolved: true });
    expect(second.request).toMatchObject({ status: 'DISPATCHED', reopenCount: 2, supervisionLevel: 'LISTED' });
    expect(second.request.leadAssignment.round).toBe(3);
    const rounds = second.request.assignments.map((a: any) => a.round);
    expect(rounds).toEqual([1, 2, 3]);
    const all = await getRequest(supervisor, id);
    expect(kinds(all).filter((k: string) => k === 'REOPENED')).toHaveLength(2);
    expect(kinds(all)).toContain('SUPERVISED');
  });

  test('an intake answer that comes back dissatisfied returns to REGISTERED for a supervisor to dispatch', async () => {
    const created = await createRequest(agent);
    await agent.ok('mutation($id: ID!) { resolveAtIntake(requestId: $id, answer: "已告知处理渠道") { id } }', { id: created.id });
    const fu = await followUp(created.id, { reached: true, satisfaction: 'DISSATISFIED', resolved: false });
    expect(fu.request.status).toBe('REGISTERED');
    expect((await dispatch(supervisor, created.id, 'URBAN')).status).toBe('DISPATCHED');
  });
});

describe('returns (退单)', () => {
  test('approved: back to REGISTERED, then re-dispatched to another department', async () => {
    const { id, lead } = await dispatchedToUrban(['D01']);
    expect((await urban.ok(REQUEST_RETURN, { id: lead, reason: '不属于本部门职责' })).requestReturn.status).toBe('RETURN_REQUESTED');
    expect((await supervisor.ok(DECIDE_RETURN, { id: lead, approve: true })).decideReturn.status).toBe('RETURNED');
    const back = await getRequest(supervisor, id);
    expect(back).toMatchObject({ status: 'REGISTERED', leadAssignment: null, dueAt: null });
    expect(back.assignments.map((a: any) => a.status)).toEqual(['RETURNED', 'CANCELLED']);
    const again = await dispatch(supervisor, id, 'MARKET');
    expect(again.leadAssignment.department.code).toBe('MARKET');
    expect(kinds(await getRequest(supervisor, id))).toEqual(['CREATED', 'DISPATCHED', 'RETURN_REQUESTED', 'RETURN_DECIDED', 'DISPATCHED']);
  });

  test('rejected: the unit is designated and a second return is refused', async () => {
    const { id, lead } = await dispatchedToUrban();
    await urban.ok(ACCEPT, { id: lead });
    await urban.ok(REQUEST_RETURN, { id: lead, reason: '非本部门职责' });
    expect((await supervisor.ok(DECIDE_RETURN, { id: lead, approve: false })).decideReturn.status).toBe('ACCEPTED');
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '再次申请退单' })).toBe('INVALID_TRANSITION');
    expect((await getRequest(supervisor, id)).status).toBe('IN_PROGRESS');
  });

  test('a return needs a reason', async () => {
    const { lead } = await dispatchedToUrban();
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '  ' })).toBe('BAD_USER_INPUT');
  });
});

describe('extensions (延期)', () => {
  test('approved: the assignment and the request move to the new deadline', async () => {
    const { id, lead } = await dispatchedToUrban();
    await urban.ok(ACCEPT, { id: lead });
    const before = await getRequest(supervisor, id);
    const requested = new Date(new Date(before.leadAssignment.dueAt).getTime() + 5 * 24 * HOUR).toISOString();
    const ext = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: requested, reason: '需协调多部门现场勘查' })).requestExtension;
    expect(ext.status).toBe('PENDING');
    expect((await supervisor.ok(DECIDE_EXTENSION, { id: ext.id, approve: true })).decideExtension).toMatchObject({ status: 'APPROVED', decidedBy: { username: 'supervisor01' } });
    const after = await getRequest(supervisor, id);
    expect(after.leadAssignment.dueAt).toBe(requested);
    expect(after.dueAt).toBe(requested);
  });

  test('rejected: nothing moves', async () => {
    const { id, lead } = await dispatchedToUrban();
    await urban.ok(ACCEPT, { id: lead });
    const before = await getRequest(supervisor, id);
    const requested = new Date(new Date(before.leadAssignment.dueAt).getTime() + 2 * 24 * HOUR).toISOString();
    const ext = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: requested, reason: '人手不足' })).requestExtension;
    await supervisor.ok(DECIDE_EXTENSION, { id: ext.id, approve: false });
    expect((await getRequest(supervisor, id)).leadAssignment.dueAt).toBe(before.leadAssignment.dueAt);
  });

  test('requested after the deadline: refused', async () => {
    const { id, lead } = await dispatchedToUrban();
    await urban.ok(ACCEPT, { id: lead });
    const before = await getRequest(supervisor, id);
    t.clock.set(new Date(new Date(before.leadAssignment.dueAt).getTime() + HOUR));
    const requested = new Date(t.clock.now().getTime() + 5 * 24 * HOUR).toISOString();
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: requested, reason: '来不及了' })).toBe('INVALID_TRANSITION');
    t.clock.set(new Date('2026-03-02T02:00:00Z'));
  });

  test('a requested deadline earlier than the current one is bad input', async () => {
    const { id, lead } = await dispatchedToUrban();
    const before = await getRequest(supervisor, id);
    const earlier = new Date(new Date(before.leadAssignment.dueAt).getTime() - HOUR).toISOString();
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: earlier, reason: '提前' })).toBe('BAD_USER_INPUT');
  });
});

describe('merge, void and close', () => {
  test('merging cancels the duplicates\' open assignments and links them to the primary', async () => {
    const primary = await dispatchedToUrban();
    const dup = await dispatchedToUrban(['D01']);
    const merged = (await supervisor.ok(
      'mutation($p: ID!, $d: [ID!]!) { mergeServiceRequests(primaryId: $p, duplicateIds: $d) { id duplicates { id status mergedInto { id } assignments { status } } } }',
      { p: primary.id, d: [dup.id] },
    )).mergeServiceRequests;
    expect(merged.duplicates).toHaveLength(1);
    expect(merged.duplicates[0]).toMatchObject({ id: dup.id, status: 'MERGED', mergedInto: { id: primary.id } });
    expect(merged.duplicates[0].assignments.map((a: any) => a.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(kinds(await getRequest(supervisor, dup.id))).toContain('MERGED');
  });

  test('a request cannot be merged into itself or into a merged one', async () => {
    const a = await dispatchedToUrban();
    const b = await dispatchedToUrban();
    const merge = 'mutation($p: ID!, $d: [ID!]!) { mergeServiceRequests(primaryId: $p, duplicateIds: $d) { id } }';
    expect(['BAD_USER_INPUT', 'INVALID_TRANSITION']).toContain(await supervisor.errorCode(merge, { p: a.id, d: [a.id] }));
    await supervisor.ok(merge, { p: a.id, d: [b.id] });
    const c = await dispatchedToUrban();
    expect(await supervisor.errorCode(merge, { p: b.id, d: [c.id] })).toBe('INVALID_TRANSITION');
  });

  test('voiding cancels open assignments; a void request accepts nothing more', async () => {
    const { id, lead } = await dispatchedToUrban(['D01']);
    const voided = (await supervisor.ok('mutation($id: ID!) { voidServiceRequest(requestId: $id, reason: "骚扰电话") { status assignments { status } } }', { id })).voidServiceRequest;
    expect(voided.status).toBe('VOID');
    expect(voided.assignments.map((a: any) => a.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await urban.errorCode(ACCEPT, { id: lead })).toBe('INVALID_TRANSITION');
  });

  test('closing by a supervisor', async () => {
    const { id } = await dispatchedToUrban();
    const closed = (await supervisor.ok('mutation($id: ID!) { closeServiceRequest(requestId: $id, reason: "市民撤回诉求") { status closedAt assignments { status } } }', { id })).closeServiceRequest;
    expect(closed.status).toBe('CLOSED');
    expect(closed.assignments[0].status).toBe('CANCELLED');
  });
});

describe('follow-up (回访)', () => {
  test('three unreached attempts close the request as unreachable', async () => {
    const { id, lead } = await dispatchedToUrban();
    await throughReply(id, lead);
    expect((await followUp(id, { reached: false })).request.status).toBe('AWAITING_FOLLOW_UP');
    expect((await followUp(id, { reached: false })).request.status).toBe('AWAITING_FOLLOW_UP');
    const third = await followUp(id, { reached: false });
    expect(third.attempt).toBe(3);
    expect(third.request.status).toBe('CLOSED');
  });

  test('a reached follow-up needs satisfaction and resolved', async () => {
    const { id, lead } = await dispatchedToUrban();
    await throughReply(id, lead);
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: true } })).toBe('BAD_USER_INPUT');
    expect((await getRequest(supervisor, id)).status).toBe('AWAITING_FOLLOW_UP');
  });
});

describe('ownership (首问负责) and notes', () => {
  test('a transfer changes the owner and shows in the timeline', async () => {
    const { id } = await dispatchedToUrban();
    const me = await t.login('agent02');
    const agent02 = (await me.ok('{ me { id } }')).me.id;
    const moved = (await supervisor.ok(
      'mutation($id: ID!, $to: ID!) { transferOwnership(requestId: $id, toStaffId: $to, note: "交接班") { owner { username } } }',
      { id, to: agent02 },
    )).transferOwnership;
    expect(moved.owner.username).toBe('agent02');
    const after = await getRequest(supervisor, id);
    const event = after.timeline.edges.find((e: any) => e.node.kind === 'OWNERSHIP_TRANSFERRED').node;
    expect(event.actor.username).toBe('supervisor01');
    expect(event.summary).toMatch(/agent02|交接班/);
  });

  test('notes are timeline events by their author', async () => {
    const { id } = await dispatchedToUrban();
    const note = (await agent.ok('mutation($id: ID!) { addNote(requestId: $id, content: "市民再次来电催促") { kind summary actor { username } } }', { id })).addNote;
    expect(note).toMatchObject({ kind: 'NOTE', actor: { username: 'agent01' } });
  });
});

describe('assisting departments', () => {
  test('an assist reply is recorded but does not move the request', async () => {
    const { id, request } = await dispatchedToUrban(['MARKET']);
    const assist = request.assignments.find((a: any) => a.role === 'ASSIST');
    await market.ok(ACCEPT, { id: assist.id });
    await market.ok(REPLY, { id: assist.id, reply: '已配合检查', outcome: 'EXPLAINED' });
    expect((await getRequest(supervisor, id)).status).toBe('DISPATCHED');
  });
});
