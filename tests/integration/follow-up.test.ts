import { GraphQLClient } from './support/graphql-client';
import { Desk, FOLLOW_UP, awaitingFollowUp, dispatchedRequest, getRequest, kinds, recordFollowUp, throughReply } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// 回访: unreached attempts are counted and the third closes the request as unreachable; a reached citizen
// answers on the five-level scale (DESIGN.md §4).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  const [a, s, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  [agent, supervisor] = [a, s];
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());

const FOLLOW_UPS = 'query($id: ID!) { serviceRequest(id: $id) { status latestSatisfaction followUps { attempt reached satisfaction resolved recordedBy { username } } } }';

describe('unreached citizens', () => {
  test('three unreached attempts close the request as unreachable', async () => {
    const { id } = await awaitingFollowUp(desk);
    const first = await recordFollowUp(agent, id, { reached: false, comment: '无人接听' });
    expect(first).toMatchObject({ attempt: 1, reached: false, satisfaction: null, resolved: null });
    expect(first.request.status).toBe('AWAITING_FOLLOW_UP');
    expect((await recordFollowUp(supervisor, id, { reached: false, comment: '关机' })).request.status).toBe('AWAITING_FOLLOW_UP');
    const third = await recordFollowUp(agent, id, { reached: false, comment: '空号' });
    expect(third.attempt).toBe(3);
    expect(third.request).toMatchObject({ status: 'CLOSED', dueAt: null, latestSatisfaction: null });
    expect(third.request.closedAt).not.toBeNull();

    const after = await getRequest(supervisor, id);
    expect(kinds(after).slice(-4)).toEqual(['FOLLOWED_UP', 'FOLLOWED_UP', 'FOLLOWED_UP', 'CLOSED']);
    const history = (await agent.ok(FOLLOW_UPS, { id })).serviceRequest.followUps;
    expect(history.map((f: any) => [f.attempt, f.reached, f.recordedBy.username])).toEqual([
      [1, false, 'agent01'], [2, false, 'supervisor01'], [3, false, 'agent01'],
    ]);
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: false } })).toBe('INVALID_TRANSITION');
  });

  test('two unreached attempts and then a satisfied citizen: closed as satisfied', async () => {
    const { id } = await awaitingFollowUp(desk);
    await recordFollowUp(agent, id, { reached: false });
    await recordFollowUp(agent, id, { reached: false });
    const reached = await recordFollowUp(agent, id, { reached: true, satisfaction: 'VERY_SATISFIED', resolved: true });
    expect(reached.attempt).toBe(3);
    expect(reached.request).toMatchObject({ status: 'CLOSED', latestSatisfaction: 'VERY_SATISFIED' });
  });

  test('unreached attempts count afresh in a re-handling round', async () => {
    const { id } = await awaitingFollowUp(desk);
    await recordFollowUp(agent, id, { reached: false });
    await recordFollowUp(agent, id, { reached: false });
    const reopened = (await recordFollowUp(agent, id, { reached: true, satisfaction: 'DISSATISFIED', resolved: false })).request;
    expect(reopened.status).toBe('DISPATCHED');
    await throughReply(desk, reopened.leadAssignment.id);
    await recordFollowUp(agent, id, { reached: false });
    expect((await recordFollowUp(agent, id, { reached: false })).request.status).toBe('AWAITING_FOLLOW_UP');
    expect((await recordFollowUp(agent, id, { reached: false })).request.status).toBe('CLOSED');
  });
});

describe('what a follow-up must say', () => {
  test('a reached citizen needs a satisfaction and whether it was resolved', async () => {
    const { id } = await awaitingFollowUp(desk);
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: true } })).toBe('BAD_USER_INPUT');
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: true, satisfaction: 'SATISFIED' } })).toBe('BAD_USER_INPUT');
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: true, resolved: true } })).toBe('BAD_USER_INPUT');
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: true, satisfaction: 'HAPPY', resolved: true } })).toBe('BAD_USER_INPUT');
    expect((await getRequest(supervisor, id)).status).toBe('AWAITING_FOLLOW_UP');
    expect((await agent.ok(FOLLOW_UPS, { id })).serviceRequest.followUps).toEqual([]);
  });

  test('an unreached citizen cannot have been satisfied', async () => {
    const { id } = await awaitingFollowUp(desk);
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: false, satisfaction: 'SATISFIED' } })).toBe('BAD_USER_INPUT');
  });

  test('only a request awaiting follow-up is followed up', async () => {
    const { id } = await dispatchedRequest(desk);
    expect(await agent.errorCode(FOLLOW_UP, { input: { requestId: id, reached: true, satisfaction: 'SATISFIED', resolved: true } })).toBe('INVALID_TRANSITION');
    expect((await getRequest(supervisor, id)).status).toBe('DISPATCHED');
  });
});
