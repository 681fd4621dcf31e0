import { GraphQLClient } from './support/graphql-client';
import {
  ACCEPT, DAY, DECIDE_EXTENSION, Desk, HOUR, REQUEST_EXTENSION, dispatchedRequest, getRequest, kinds, shift,
} from './support/operations';
import { TEST_START, startTestServer, TestServer } from './support/test-server';

// 延期: asked before the deadline, for a later one, one pending at a time; approved → dueAt moves,
// rejected → nothing moves (DESIGN.md §4).

let t: TestServer;
let desk: Desk;
let supervisor: GraphQLClient;
let urban: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  const [agent, sup, liaison] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  [supervisor, urban] = [sup, liaison];
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(TEST_START));

/** A request signed for by URBAN, with its reply deadline. */
async function signedFor() {
  const d = await dispatchedRequest(desk);
  await urban.ok(ACCEPT, { id: d.lead });
  return { ...d, dueAt: d.request.leadAssignment.dueAt as string };
}

const EXTENSIONS = 'query($id: ID!) { node(id: $id) { ... on Assignment { dueAt extensions { id status requestedDueAt reason decidedBy { username } } } } }';

describe('an approved extension', () => {
  test('moves the assignment\'s and the request\'s deadline', async () => {
    const { id, lead, dueAt } = await signedFor();
    const requested = shift(dueAt, 5 * DAY);
    const ext = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: requested, reason: '需协调多部门现场勘查' })).requestExtension;
    expect(ext).toMatchObject({ status: 'PENDING', requestedDueAt: requested, reason: '需协调多部门现场勘查', assignment: { id: lead } });
    expect((await getRequest(supervisor, id)).dueAt).toBe(dueAt); // nothing moves before the decision

    const decided = (await supervisor.ok(DECIDE_EXTENSION, { id: ext.id, approve: true })).decideExtension;
    expect(decided).toMatchObject({ status: 'APPROVED', decidedBy: { username: 'supervisor01' }, decidedAt: t.clock.now().toISOString() });
    const after = await getRequest(supervisor, id);
    expect(after.leadAssignment.dueAt).toBe(requested);
    expect(after.dueAt).toBe(requested);
    expect(kinds(after).slice(-2)).toEqual(['EXTENSION_REQUESTED', 'EXTENSION_DECIDED']);
    const assignment = (await urban.ok(EXTENSIONS, { id: lead })).node;
    expect(assignment.extensions).toEqual([{ id: ext.id, status: 'APPROVED', requestedDueAt: requested, reason: '需协调多部门现场勘查', decidedBy: { username: 'supervisor01' } }]);

    // Past the old deadline, before the new one: not overdue.
    t.clock.set(new Date(new Date(dueAt).getTime() + HOUR));
    expect(await getRequest(supervisor, id)).toMatchObject({ overdue: false, leadAssignment: { overdue: false } });
  });

  test('after one is decided, another may be asked for, beyond the new deadline', async () => {
    const { lead, dueAt } = await signedFor();
    const first = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, 2 * DAY), reason: '等待检测结果' })).requestExtension;
    await supervisor.ok(DECIDE_EXTENSION, { id: first.id, approve: true });
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, DAY), reason: '再延期' })).toBe('BAD_USER_INPUT');
    const second = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, 4 * DAY), reason: '检测结果仍未出' })).requestExtension;
    expect(second.status).toBe('PENDING');
  });

  test('a department may ask for more time before signing for', async () => {
    const d = await dispatchedRequest(desk);
    const due = shift(d.request.leadAssignment.dueAt, 3 * DAY);
    const ext = (await urban.ok(REQUEST_EXTENSION, { id: d.lead, due, reason: '涉及多个部门' })).requestExtension;
    await supervisor.ok(DECIDE_EXTENSION, { id: ext.id, approve: true });
    expect((await getRequest(supervisor, d.id)).leadAssignment.dueAt).toBe(due);
  });
});

describe('a rejected extension', () => {
  test('moves nothing', async () => {
    const { id, lead, dueAt } = await signedFor();
    const ext = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, 2 * DAY), reason: '人手不足' })).requestExtension;
    expect((await supervisor.ok(DECIDE_EXTENSION, { id: ext.id, approve: false })).decideExtension.status).toBe('REJECTED');
    const after = await getRequest(supervisor, id);
    expect(after.leadAssignment.dueAt).toBe(dueAt);
    expect(after.dueAt).toBe(dueAt);
  });
});

describe('what an extension may not do', () => {
  test('requested after the deadline: refused', async () => {
    const { id, lead, dueAt } = await signedFor();
    t.clock.set(new Date(new Date(dueAt).getTime() + HOUR));
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, 5 * DAY), reason: '来不及了' })).toBe('INVALID_TRANSITION');
    expect(kinds(await getRequest(supervisor, id))).not.toContain('EXTENSION_REQUESTED');
  });

  test('a deadline no later than the current one, or in the past, is bad input', async () => {
    const { lead, dueAt } = await signedFor();
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, -HOUR), reason: '提前' })).toBe('BAD_USER_INPUT');
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: dueAt, reason: '不变' })).toBe('BAD_USER_INPUT');
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: shift(t.clock.now().toISOString(), -DAY), reason: '过去' })).toBe('BAD_USER_INPUT');
  });

  test('one pending at a time', async () => {
    const { lead, dueAt } = await signedFor();
    await urban.ok(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, 2 * DAY), reason: '需要时间' });
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, 3 * DAY), reason: '还需要时间' }));
  });

  test('an extension needs a reason', async () => {
    const { lead, dueAt } = await signedFor();
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, DAY), reason: ' ' })).toBe('BAD_USER_INPUT');
  });

  test('a decision is made once', async () => {
    const { lead, dueAt } = await signedFor();
    const ext = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, DAY), reason: '需要时间' })).requestExtension;
    await supervisor.ok(DECIDE_EXTENSION, { id: ext.id, approve: false });
    expect(await supervisor.errorCode(DECIDE_EXTENSION, { id: ext.id, approve: true })).toBe('INVALID_TRANSITION');
  });

  test('a replied assignment needs no more time', async () => {
    const { lead, dueAt } = await signedFor();
    await urban.ok('mutation($id: ID!) { submitReply(assignmentId: $id, reply: "已处理", outcome: RESOLVED) { id } }', { id: lead });
    expect(await urban.errorCode(REQUEST_EXTENSION, { id: lead, due: shift(dueAt, DAY), reason: '需要时间' })).toBe('INVALID_TRANSITION');
  });
});
