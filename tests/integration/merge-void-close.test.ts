import { GraphQLClient } from './support/graphql-client';
import {
  ACCEPT, CLOSE, Desk, MERGE, MY_ASSIGNMENTS, REPLY, VOID,
  createRequest, dispatchedRequest, edgesOf, getRequest, kinds,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// 并单, 终止 and closing by the center: the request leaves the open states and its open assignments are
// cancelled, so no department keeps working on it (DESIGN.md §4).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;
let d01: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban, d01] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'liaison_d01');
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());

const pendingFor = async (liaison: GraphQLClient) =>
  edgesOf((await liaison.ok(MY_ASSIGNMENTS, { filter: { status: ['PENDING', 'ACCEPTED'] }, first: 100 })).myAssignments).map((a) => a.id);

describe('merge (并单)', () => {
  test('cancels the duplicates\' open assignments and lists them under the primary', async () => {
    const primary = await dispatchedRequest(desk);
    const pending = await dispatchedRequest(desk, { assists: ['D01'] });
    const signed = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: signed.lead });

    const merged = (await supervisor.ok(MERGE, { primary: primary.id, duplicates: [pending.id, signed.id] })).mergeServiceRequests;
    expect(merged.id).toBe(primary.id);
    expect(merged.status).toBe('DISPATCHED');
    expect(merged.duplicates.map((d: any) => d.id).sort()).toEqual([pending.id, signed.id].sort());
    expect(merged.duplicates.every((d: any) => d.status === 'MERGED')).toBe(true);

    for (const dup of [pending, signed]) {
      const after = await getRequest(supervisor, dup.id);
      expect(after).toMatchObject({ status: 'MERGED', mergedInto: { id: primary.id }, dueAt: null, overdue: false });
      expect(after.assignments.every((a: any) => a.status === 'CANCELLED')).toBe(true);
      expect(kinds(after)).toContain('MERGED');
    }
    const stillOpen = await pendingFor(urban);
    expect(stillOpen).not.toContain(pending.lead);
    expect(stillOpen).not.toContain(signed.lead);
    expect(await pendingFor(d01)).toEqual([]);
    expect(await urban.errorCode(REPLY, { id: signed.lead, reply: '已处理', outcome: 'RESOLVED' })).toBe('INVALID_TRANSITION');
  });

  test('a request cannot be merged into itself', async () => {
    const a = await dispatchedRequest(desk);
    expect(['BAD_USER_INPUT', 'INVALID_TRANSITION']).toContain(await supervisor.errorCode(MERGE, { primary: a.id, duplicates: [a.id] }));
    expect((await getRequest(supervisor, a.id)).status).toBe('DISPATCHED');
  });

  test('nothing is merged into a merged or void request, and a closed request is no duplicate', async () => {
    const a = await dispatchedRequest(desk);
    const b = await dispatchedRequest(desk);
    const c = await dispatchedRequest(desk);
    await supervisor.ok(MERGE, { primary: a.id, duplicates: [b.id] });
    expect(await supervisor.errorCode(MERGE, { primary: b.id, duplicates: [c.id] })).toBe('INVALID_TRANSITION');
    expect(await supervisor.errorCode(MERGE, { primary: c.id, duplicates: [b.id] })).toBe('INVALID_TRANSITION');

    const voided = await createRequest(agent);
    await supervisor.ok(VOID, { id: voided.id, reason: '骚扰电话' });
    expect(await supervisor.errorCode(MERGE, { primary: voided.id, duplicates: [c.id] })).toBe('INVALID_TRANSITION');

    const closed = await createRequest(agent);
    await supervisor.ok(CLOSE, { id: closed.id, reason: '市民撤回' });
    expect(await supervisor.errorCode(MERGE, { primary: c.id, duplicates: [closed.id] })).toBe('INVALID_TRANSITION');
    expect((await getRequest(supervisor, c.id)).status).toBe('DISPATCHED');
  });

  test('an empty list of duplicates is bad input', async () => {
    const a = await dispatchedRequest(desk);
    expect(await supervisor.errorCode(MERGE, { primary: a.id, duplicates: [] })).toBe('BAD_USER_INPUT');
  });
});

describe('void (终止)', () => {
  test('cancels open assignments; a void request accepts nothing more', async () => {
    const { id, lead } = await dispatchedRequest(desk, { assists: ['D01'] });
    const voided = (await supervisor.ok(VOID, { id, reason: '骚扰电话' })).voidServiceRequest;
    expect(voided).toMatchObject({ status: 'VOID', dueAt: null, overdue: false });
    expect(voided.assignments.map((a: any) => a.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(kinds(await getRequest(supervisor, id)).pop()).toBe('VOIDED');
    expect(await urban.errorCode(ACCEPT, { id: lead })).toBe('INVALID_TRANSITION');
    expect(await supervisor.errorCode(VOID, { id, reason: '再次终止' })).toBe('INVALID_TRANSITION');
    expect(await supervisor.errorCode(CLOSE, { id, reason: '关闭' })).toBe('INVALID_TRANSITION');
    expect(await agent.errorCode('mutation($input: FollowUpInput!) { recordFollowUp(input: $input) { id } }', { input: { requestId: id, reached: false } }))
      .toBe('INVALID_TRANSITION');
  });

  test('needs a reason', async () => {
    const { id } = await dispatchedRequest(desk);
    expect(await supervisor.errorCode(VOID, { id, reason: '' })).toBe('BAD_USER_INPUT');
    expect((await getRequest(supervisor, id)).status).toBe('DISPATCHED');
  });
});

describe('close by the center', () => {
  test('closes an open request with a reason and cancels its open assignments', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    const closed = (await supervisor.ok(CLOSE, { id, reason: '市民撤回诉求' })).closeServiceRequest;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: t.clock.now().toISOString(), dueAt: null });
    expect(closed.assignments[0].status).toBe('CANCELLED');
    expect(kinds(await getRequest(supervisor, id)).pop()).toBe('CLOSED');
    expect(await supervisor.errorCode(CLOSE, { id, reason: '再次关闭' })).toBe('INVALID_TRANSITION');
    expect(await supervisor.errorCode(VOID, { id, reason: '终止' })).toBe('INVALID_TRANSITION');
  });

  test('a registered request may be closed before dispatch', async () => {
    const created = await createRequest(agent);
    expect((await supervisor.ok(CLOSE, { id: created.id, reason: '重复来电，已告知' })).closeServiceRequest.status).toBe('CLOSED');
  });
});
