import { GraphQLClient, GraphQLResult, expectErrorCode } from './support/graphql-client';
import {
  ACCEPT, DAY, DECIDE_EXTENSION, DECIDE_RETURN, DISPATCH, Desk, FOLLOW_UP, MERGE, REPLY, REQUEST_EXTENSION, REQUEST_RETURN, REVIEW, VOID,
  awaitingFollowUp, createRequest, dbId, dispatchedRequest, shift,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Two people acting on the same request at once: every transition is checked under a lock in the
// transaction that makes it, so exactly one of a set of exclusive calls wins and the timeline records it
// once; the others are told INVALID_TRANSITION or CONFLICT (DESIGN.md §4).

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

const REFUSALS = ['INVALID_TRANSITION', 'CONFLICT'];

async function timelineKinds(requestId: string): Promise<string[]> {
  const rows = await t.db.dataSource.query('SELECT kind FROM timeline_event WHERE request_id = $1 ORDER BY id', [dbId(requestId)]);
  return rows.map((r: { kind: string }) => r.kind);
}

/** Winners of a race; every loser must have been refused with a transition or conflict code. */
function winnersOf(results: GraphQLResult[]): GraphQLResult[] {
  for (const r of results) if (r.errors) expectErrorCode(r, REFUSALS);
  return results.filter((r) => !r.errors);
}

const race = (n: number, call: (i: number) => Promise<GraphQLResult>) => Promise.all(Array.from({ length: n }, (_, i) => call(i)));
const count = (kinds: string[], ...wanted: string[]) => kinds.filter((k) => wanted.includes(k)).length;

describe('sign-for and return racing on one assignment', () => {
  test('20 parallel sign-fors: one succeeds, one ACCEPTED event', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    expect(winnersOf(await race(20, () => urban.request(ACCEPT, { id: lead })))).toHaveLength(1);
    expect(count(await timelineKinds(id), 'ACCEPTED')).toBe(1);
  });

  test('20 parallel return requests: one succeeds, one RETURN_REQUESTED event', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    expect(winnersOf(await race(20, (i) => urban.request(REQUEST_RETURN, { id: lead, reason: `不属于本部门 ${i}` })))).toHaveLength(1);
    expect(count(await timelineKinds(id), 'RETURN_REQUESTED')).toBe(1);
  });

  test('20 mixed calls on a designated assignment: exactly one succeeds, one new event', async () => {
    // A unit the center designated cannot return, so sign-for and return exclude each other completely.
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(REQUEST_RETURN, { id: lead, reason: '非本部门职责' });
    await supervisor.ok(DECIDE_RETURN, { id: lead, approve: false });
    const before = await timelineKinds(id);
    const results = await race(20, (i) => (i % 2 ? urban.request(REQUEST_RETURN, { id: lead, reason: '再次退单' }) : urban.request(ACCEPT, { id: lead })));
    const winners = winnersOf(results);
    expect(winners).toHaveLength(1);
    expect(winners[0].data).toHaveProperty('acceptAssignment.status', 'ACCEPTED');
    const after = (await timelineKinds(id)).slice(before.length);
    expect(count(after, 'ACCEPTED', 'RETURN_REQUESTED')).toBe(1);
  });

  test('20 mixed calls on a signed-for assignment: exactly one return succeeds, one new event', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    const before = await timelineKinds(id);
    const results = await race(20, (i) => (i % 2 ? urban.request(REQUEST_RETURN, { id: lead, reason: '非本部门职责' }) : urban.request(ACCEPT, { id: lead })));
    expect(winnersOf(results)).toHaveLength(1);
    expect(count((await timelineKinds(id)).slice(before.length), 'ACCEPTED', 'RETURN_REQUESTED')).toBe(1);
  });

  test('20 mixed calls on a fresh assignment: each transition happens at most once, in a legal order', async () => {
    // Signing for and then asking to return is legal (a signed assignment may still be returned), so this race
    // can have a winner of each kind, but only in that order and never twice.
    const { id, lead } = await dispatchedRequest(desk);
    const results = await race(20, (i) => (i % 2 ? urban.request(REQUEST_RETURN, { id: lead, reason: '非本部门职责' }) : urban.request(ACCEPT, { id: lead })));
    const winners = winnersOf(results);
    const kinds = (await timelineKinds(id)).filter((k) => k === 'ACCEPTED' || k === 'RETURN_REQUESTED');
    expect(kinds.length).toBe(winners.length);
    expect([['ACCEPTED'], ['RETURN_REQUESTED'], ['ACCEPTED', 'RETURN_REQUESTED']]).toContainEqual(kinds);
  });
});

describe('the center racing itself', () => {
  test('four dispatches of one request at once: one dispatch, one lead assignment', async () => {
    const created = await createRequest(agent);
    const second = await t.login('supervisor01');
    const results = await race(4, (i) => (i % 2 ? second : supervisor).request(DISPATCH, { input: { requestId: created.id, leadDepartmentCode: i < 2 ? 'URBAN' : 'MARKET' } }));
    expect(winnersOf(results)).toHaveLength(1);
    const [{ n }] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM assignment WHERE request_id = $1', [dbId(created.id)]);
    expect(n).toBe(1);
    expect(count(await timelineKinds(created.id), 'DISPATCHED')).toBe(1);
  });

  test('approve and reject of the same reply at once: one review', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await urban.ok(ACCEPT, { id: lead });
    await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' });
    expect(winnersOf(await race(10, (i) => supervisor.request(REVIEW, { id: lead, approve: i % 2 === 0 })))).toHaveLength(1);
    expect(count(await timelineKinds(id), 'REPLY_REVIEWED')).toBe(1);
  });

  test('ten parallel extension requests: one waits for the center; its decision is made once', async () => {
    const { id, lead, request } = await dispatchedRequest(desk);
    const results = await race(10, (i) => urban.request(REQUEST_EXTENSION, { id: lead, due: shift(request.leadAssignment.dueAt, (i + 1) * DAY), reason: '需要时间' }));
    const [winner] = winnersOf(results);
    expect(winnersOf(results)).toHaveLength(1);
    const extensionId = winner.data.requestExtension.id;
    expect(winnersOf(await race(6, (i) => supervisor.request(DECIDE_EXTENSION, { id: extensionId, approve: i % 2 === 0 })))).toHaveLength(1);
    const kinds = await timelineKinds(id);
    expect([count(kinds, 'EXTENSION_REQUESTED'), count(kinds, 'EXTENSION_DECIDED')]).toEqual([1, 1]);
  });

  test('merge and void of the same request at once: one of them', async () => {
    const primary = await dispatchedRequest(desk);
    const victim = await dispatchedRequest(desk);
    const results = await race(10, (i) => (i % 2
      ? supervisor.request(MERGE, { primary: primary.id, duplicates: [victim.id] })
      : supervisor.request(VOID, { id: victim.id, reason: '重复诉求' })));
    expect(winnersOf(results)).toHaveLength(1);
    expect(count(await timelineKinds(victim.id), 'MERGED', 'VOIDED')).toBe(1);
  });

  test('ten follow-up calls recorded at once: one closes the request', async () => {
    const { id } = await awaitingFollowUp(desk);
    const results = await race(10, () => agent.request(FOLLOW_UP, { input: { requestId: id, reached: true, satisfaction: 'SATISFIED', resolved: true } }));
    expect(winnersOf(results)).toHaveLength(1);
    const kinds = await timelineKinds(id);
    expect([count(kinds, 'FOLLOWED_UP'), count(kinds, 'CLOSED')]).toEqual([1, 1]);
  });

  test('ten unreached attempts recorded at once: attempts 1 to 3, closed once', async () => {
    const { id } = await awaitingFollowUp(desk);
    const winners = winnersOf(await race(10, () => agent.request(FOLLOW_UP, { input: { requestId: id, reached: false } })));
    expect(winners.map((w) => w.data.recordFollowUp.attempt).sort()).toEqual([1, 2, 3]);
    expect(count(await timelineKinds(id), 'CLOSED')).toBe(1);
  });
});
