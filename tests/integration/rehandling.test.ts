import { GraphQLClient } from './support/graphql-client';
import {
  DAY, Desk, MY_ASSIGNMENTS, RESOLVE_AT_INTAKE, SUPERVISE,
  awaitingFollowUp, createRequest, dispatch, edgesOf, getRequest, kinds, recordFollowUp, throughReply,
} from './support/operations';
import { TEST_START, startTestServer, TestServer } from './support/test-server';

// 重办: a dissatisfied or unresolved follow-up starts a new round for the same lead department with fresh
// deadlines; from the second re-handling on the request is supervised at LISTED (DESIGN.md §4).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(TEST_START));

const dissatisfied = { reached: true, satisfaction: 'DISSATISFIED', resolved: false };

describe('re-handling rounds', () => {
  test('twice dissatisfied: round 3 exists for the same department and the request is LISTED', async () => {
    const { id } = await awaitingFollowUp(desk, { assists: ['MARKET'] });

    const first = await recordFollowUp(agent, id, dissatisfied);
    expect(first.request).toMatchObject({ status: 'DISPATCHED', reopenCount: 1, supervisionLevel: null });
    expect(first.request.leadAssignment).toMatchObject({ round: 2, status: 'PENDING', department: { code: 'URBAN' } });
    expect(first.request.dueAt).toBe(first.request.leadAssignment.acceptDueAt);

    await throughReply(desk, first.request.leadAssignment.id);
    const second = await recordFollowUp(agent, id, { reached: true, satisfaction: 'VERY_DISSATISFIED', resolved: true });
    expect(second.request).toMatchObject({ status: 'DISPATCHED', reopenCount: 2, supervisionLevel: 'LISTED' });
    expect(second.request.leadAssignment).toMatchObject({ round: 3, status: 'PENDING', department: { code: 'URBAN' } });

    const leads = second.request.assignments.filter((a: any) => a.role === 'LEAD');
    expect(leads.map((a: any) => [a.round, a.department.code, a.status])).toEqual([
      [1, 'URBAN', 'COMPLETED'], [2, 'URBAN', 'COMPLETED'], [3, 'URBAN', 'PENDING'],
    ]);
    const all = await getRequest(supervisor, id);
    expect(kinds(all).filter((k) => k === 'REOPENED')).toHaveLength(2);
    expect(kinds(all).filter((k) => k === 'SUPERVISED')).toHaveLength(1);
    expect(kinds(all).slice(-3)).toEqual(['FOLLOWED_UP', 'REOPENED', 'SUPERVISED']);
  });

  test('a new round has fresh deadlines counted from the follow-up, and the liaison sees it waiting', async () => {
    const { id, lead } = await awaitingFollowUp(desk);
    t.clock.set(new Date('2026-03-04T02:00:00Z')); // Wednesday 10:00: signing for is due by the end of Thursday
    const reopened = (await recordFollowUp(agent, id, dissatisfied)).request;
    expect(reopened.leadAssignment).toMatchObject({ acceptDueAt: '2026-03-05T16:00:00.000Z', dueAt: '2026-03-25T16:00:00.000Z' });
    const pending = edgesOf((await urban.ok(MY_ASSIGNMENTS, { filter: { status: ['PENDING'] }, first: 100 })).myAssignments);
    expect(pending.map((a) => a.id)).toContain(reopened.leadAssignment.id);
    expect(pending.map((a) => a.id)).not.toContain(lead);
    expect(pending.find((a) => a.id === reopened.leadAssignment.id).round).toBe(2);
  });

  test('satisfied but unresolved is re-handled; basically satisfied and resolved closes', async () => {
    const a = await awaitingFollowUp(desk);
    expect((await recordFollowUp(agent, a.id, { reached: true, satisfaction: 'SATISFIED', resolved: false })).request.status).toBe('DISPATCHED');
    const b = await awaitingFollowUp(desk);
    expect((await recordFollowUp(agent, b.id, { reached: true, satisfaction: 'BASICALLY_SATISFIED', resolved: true })).request.status).toBe('CLOSED');
  });

  test('a third re-handling keeps LISTED, and automatic supervision never lowers a SUMMONED request', async () => {
    const { id } = await awaitingFollowUp(desk);
    await supervisor.ok(SUPERVISE, { id, level: 'SUMMONED', note: '约谈督办' });
    let request = (await recordFollowUp(agent, id, dissatisfied)).request;
    for (let round = 0; round < 2; round++) {
      await throughReply(desk, request.leadAssignment.id);
      request = (await recordFollowUp(agent, id, dissatisfied)).request;
    }
    expect(request).toMatchObject({ reopenCount: 3, supervisionLevel: 'SUMMONED', leadAssignment: { round: 4 } });
  });

  test('an intake answer that comes back dissatisfied returns to REGISTERED for a supervisor to dispatch', async () => {
    const created = await createRequest(agent);
    await agent.ok(RESOLVE_AT_INTAKE, { id: created.id, answer: '已告知处理渠道' });
    const fu = await recordFollowUp(agent, created.id, dissatisfied);
    expect(fu.request).toMatchObject({ status: 'REGISTERED', leadAssignment: null, assignments: [], dueAt: null });
    const dispatched = await dispatch(supervisor, created.id, 'URBAN');
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', leadAssignment: { department: { code: 'URBAN' } } });
    expect(kinds(await getRequest(supervisor, created.id))).toEqual(['CREATED', 'RESOLVED_AT_INTAKE', 'FOLLOWED_UP', 'REOPENED', 'DISPATCHED']);
  });

  test('the previous round\'s assignment can no longer be worked on', async () => {
    const { id, lead } = await awaitingFollowUp(desk);
    await recordFollowUp(agent, id, dissatisfied);
    t.clock.advance(DAY);
    expect(await urban.errorCode('mutation($id: ID!) { submitReply(assignmentId: $id, reply: "再次回复", outcome: RESOLVED) { id } }', { id: lead }))
      .toBe('INVALID_TRANSITION');
  });
});
