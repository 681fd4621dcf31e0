import { GraphQLClient } from './support/graphql-client';
import {
  ACCEPT, DECIDE_RETURN, Desk, MY_ASSIGNMENTS, REPLY, REQUEST_RETURN,
  dispatch, dispatchedRequest, edgesOf, getRequest, kinds,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// 退单: a return needs a reason and the center's decision; a unit the center designated after a dispute
// cannot return again (DESIGN.md §1, §4).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;
let market: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban, market] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'liaison_market');
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());

describe('an approved return', () => {
  test('sends the request back to REGISTERED; re-dispatched to another department it starts afresh', async () => {
    const { id, lead } = await dispatchedRequest(desk, { assists: ['D01'] });
    const requested = (await urban.ok(REQUEST_RETURN, { id: lead, reason: '不属于本部门职责，应由市场监管处理' })).requestReturn;
    expect(requested).toMatchObject({ status: 'RETURN_REQUESTED', returnReason: '不属于本部门职责，应由市场监管处理' });
    expect((await getRequest(supervisor, id)).status).toBe('DISPATCHED'); // nothing moves until the center decides

    expect((await supervisor.ok(DECIDE_RETURN, { id: lead, approve: true, comment: '同意退回' })).decideReturn.status).toBe('RETURNED');
    expect(await getRequest(supervisor, id)).toMatchObject({ status: 'REGISTERED', leadAssignment: null, dueAt: null, overdue: false });

    const again = await dispatch(supervisor, id, 'MARKET');
    expect(again).toMatchObject({ status: 'DISPATCHED', leadAssignment: { department: { code: 'MARKET' }, status: 'PENDING' } });
    expect(again.dueAt).toBe(again.leadAssignment.acceptDueAt);
    expect(again.assignments.map((a: any) => [a.department.code, a.role, a.status])).toEqual([
      ['URBAN', 'LEAD', 'RETURNED'], ['D01', 'ASSIST', 'CANCELLED'], ['MARKET', 'LEAD', 'PENDING'],
    ]);
    const final = await getRequest(supervisor, id);
    expect(kinds(final)).toEqual(['CREATED', 'DISPATCHED', 'RETURN_REQUESTED', 'RETURN_DECIDED', 'DISPATCHED']);
    expect(final.timeline.edges.map((e: any) => e.node.actor?.username).slice(2, 4)).toEqual(['liaison_urban', 'supervisor01']);

    // The new department works it; the returned assignment is finished business for URBAN.
    await market.ok(ACCEPT, { id: again.leadAssignment.id });
    expect(await urban.errorCode(ACCEPT, { id: lead })).toBe('INVALID_TRANSITION');
    const urbanView = edgesOf((await urban.ok(MY_ASSIGNMENTS, { filter: { status: ['RETURNED'] }, first: 100 })).myAssignments);
    expect(urbanView.map((a) => a.id)).toContain(lead);
  });

  test('a signed-for assignment may be returned too', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    await urban.ok(REQUEST_RETURN, { id: lead, reason: '经核实属于住建部门职责' });
    expect((await getRequest(supervisor, id)).status).toBe('IN_PROGRESS');
    await supervisor.ok(DECIDE_RETURN, { id: lead, approve: true });
    expect((await getRequest(supervisor, id)).status).toBe('REGISTERED');
  });
});

describe('a rejected return', () => {
  test('puts the assignment back as it was, designated: a second return is refused', async () => {
    const { id, lead, request } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    await urban.ok(REQUEST_RETURN, { id: lead, reason: '非本部门职责' });
    expect((await supervisor.ok(DECIDE_RETURN, { id: lead, approve: false, comment: '路灯属城管职责' })).decideReturn.status).toBe('ACCEPTED');
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '再次申请退单' })).toBe('INVALID_TRANSITION');
    const after = await getRequest(supervisor, id);
    expect(after).toMatchObject({ status: 'IN_PROGRESS', dueAt: request.leadAssignment.dueAt, leadAssignment: { id: lead, status: 'ACCEPTED' } });
    expect(kinds(after)).toEqual(['CREATED', 'DISPATCHED', 'ACCEPTED', 'RETURN_REQUESTED', 'RETURN_DECIDED']);
    // The designated unit still does its work.
    await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' });
  });

  test('a return rejected before signing for leaves the assignment pending, still to be signed for', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(REQUEST_RETURN, { id: lead, reason: '非本部门职责' });
    expect((await supervisor.ok(DECIDE_RETURN, { id: lead, approve: false })).decideReturn.status).toBe('PENDING');
    expect((await getRequest(supervisor, id)).status).toBe('DISPATCHED');
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '仍然不属于本部门' })).toBe('INVALID_TRANSITION');
    expect((await urban.ok(ACCEPT, { id: lead })).acceptAssignment.status).toBe('ACCEPTED');
  });
});

describe('what a return may not do', () => {
  test('a return needs a reason', async () => {
    const { lead } = await dispatchedRequest(desk);
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '  ' })).toBe('BAD_USER_INPUT');
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '' })).toBe('BAD_USER_INPUT');
  });

  test('an assisting department cannot return; only the lead can', async () => {
    const { request } = await dispatchedRequest(desk, { assists: ['MARKET'] });
    const assist = request.assignments.find((a: any) => a.role === 'ASSIST');
    expect(await market.errorCode(REQUEST_RETURN, { id: assist.id, reason: '非本部门职责' })).toBe('INVALID_TRANSITION');
  });

  test('while a return waits for the center the assignment can be neither signed for nor answered', async () => {
    const { lead } = await dispatchedRequest(desk);
    await urban.ok(REQUEST_RETURN, { id: lead, reason: '非本部门职责' });
    expect(await urban.errorCode(ACCEPT, { id: lead })).toBe('INVALID_TRANSITION');
    expect(await urban.errorCode(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' })).toBe('INVALID_TRANSITION');
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '再说一次' })).toBe('INVALID_TRANSITION');
  });

  test('the center cannot decide a return nobody asked for, nor decide one twice', async () => {
    const { lead } = await dispatchedRequest(desk);
    expect(await supervisor.errorCode(DECIDE_RETURN, { id: lead, approve: true })).toBe('INVALID_TRANSITION');
    await urban.ok(REQUEST_RETURN, { id: lead, reason: '非本部门职责' });
    await supervisor.ok(DECIDE_RETURN, { id: lead, approve: true });
    expect(await supervisor.errorCode(DECIDE_RETURN, { id: lead, approve: false })).toBe('INVALID_TRANSITION');
  });

  test('a replied assignment cannot be returned', async () => {
    const { lead } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' });
    expect(await urban.errorCode(REQUEST_RETURN, { id: lead, reason: '后悔了' })).toBe('INVALID_TRANSITION');
  });
});
