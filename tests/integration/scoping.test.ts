import { GraphQLClient } from './support/graphql-client';
import { ACCEPT, FOLLOW_UP, REPLY, REVIEW, createRequest, dispatch } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// DESIGN.md §3 on every path: a liaison of another department and an analyst get FORBIDDEN / NOT_FOUND
// (or null, where existence must not leak), or masked data; never another department's case.

let t: TestServer;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;
let market: GraphQLClient;
let analyst: GraphQLClient;
let admin: GraphQLClient;
let fx: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban, market, analyst, admin] = await Promise.all(
    ['agent01', 'supervisor01', 'liaison_urban', 'liaison_market', 'analyst01', 'admin'].map((u) => t.login(u)),
  );
  // An URBAN case with an extension, a follow-up round and a timeline; a second one waiting to be signed for.
  const created = await createRequest(agent, { citizen: { name: '张三', phone: '13812345678' } });
  const d = await dispatch(supervisor, created.id, 'URBAN');
  const lead = d.leadAssignment.id;
  await urban.ok(ACCEPT, { id: lead });
  const ext = (await urban.ok('mutation($id: ID!, $due: DateTime!) { requestExtension(assignmentId: $id, requestedDueAt: $due, reason: "需协调") { id } }',
    { id: lead, due: new Date(new Date(d.leadAssignment.dueAt).getTime() + 86_400_000 * 3).toISOString() })).requestExtension.id;
  await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' });
  await supervisor.ok(REVIEW, { id: lead, approve: true });
  const fu = (await agent.ok(FOLLOW_UP, { input: { requestId: created.id, reached: false } })).recordFollowUp.id;
  const pending = await dispatch(supervisor, (await createRequest(agent)).id, 'URBAN');
  const citizen = (await agent.ok('query($id: ID!) { serviceRequest(id: $id) { citizen { id } timeline(first: 1) { edges { node { id } } } } }', { id: created.id })).serviceRequest;
  fx = {
    request: created.id, code: created.code, lead, ext, fu, citizen: citizen.citizen.id, event: citizen.timeline.edges[0].node.id,
    pendingRequest: pending.id, pendingLead: pending.leadAssignment.id,
  };
});
afterAll(() => t.close());

type Expectation = 'FORBIDDEN' | 'NOT_FOUND' | 'NULL' | 'EMPTY' | 'OK';

interface Case {
  name: string;
  query: string;
  vars: () => Record<string, unknown>;
  /** What another department's liaison and an analyst get. */
  otherLiaison: Expectation;
  analyst: Expectation;
  /** For queries answering a list: the path of the list. */
  list?: (data: any) => unknown[];
}

const CASES: Case[] = [
  { name: 'serviceRequest', query: 'query($id: ID!) { serviceRequest(id: $id) { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'NULL', analyst: 'FORBIDDEN' },
  { name: 'serviceRequest by code', query: 'query($c: String!) { serviceRequest(code: $c) { id } }', vars: () => ({ c: fx.code }), otherLiaison: 'NULL', analyst: 'FORBIDDEN' },
  { name: 'serviceRequests', query: '{ serviceRequests(first: 100) { edges { node { id } } } }', vars: () => ({}), otherLiaison: 'EMPTY', analyst: 'FORBIDDEN', list: (d) => d.serviceRequests.edges },
  { name: 'serviceRequests by phone', query: '{ serviceRequests(filter: { citizenPhone: "13812345678" }) { edges { node { id } } } }', vars: () => ({}), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'myAssignments', query: '{ myAssignments(first: 100) { edges { node { id } } } }', vars: () => ({}), otherLiaison: 'EMPTY', analyst: 'FORBIDDEN', list: (d) => d.myAssignments.edges },
  { name: 'citizen', query: 'query($id: ID!) { citizen(id: $id) { id name } }', vars: () => ({ id: fx.citizen }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'node(request)', query: 'query($id: ID!) { node(id: $id) { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'NULL', analyst: 'NULL' },
  { name: 'node(assignment)', query: 'query($id: ID!) { node(id: $id) { id } }', vars: () => ({ id: fx.lead }), otherLiaison: 'NULL', analyst: 'NULL' },
  { name: 'node(extension)', query: 'query($id: ID!) { node(id: $id) { id } }', vars: () => ({ id: fx.ext }), otherLiaison: 'NULL', analyst: 'NULL' },
  { name: 'node(follow-up)', query: 'query($id: ID!) { node(id: $id) { id } }', vars: () => ({ id: fx.fu }), otherLiaison: 'NULL', analyst: 'NULL' },
  { name: 'node(timeline event)', query: 'query($id: ID!) { node(id: $id) { id } }', vars: () => ({ id: fx.event }), otherLiaison: 'NULL', analyst: 'NULL' },
  { name: 'node(citizen)', query: 'query($id: ID!) { node(id: $id) { id } }', vars: () => ({ id: fx.citizen }), otherLiaison: 'NULL', analyst: 'NULL' },
  { name: 'routingSuggestions', query: 'query($id: ID!) { routingSuggestions(requestId: $id) { score } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  // mutations of the center
  { name: 'createServiceRequest', query: 'mutation { createServiceRequest(input: { channel: PHONE, type: HELP, title: "t", content: "c", categoryCode: "URBAN_LIGHT" }) { id } }', vars: () => ({}), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'resolveAtIntake', query: 'mutation($id: ID!) { resolveAtIntake(requestId: $id, answer: "a") { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'dispatchServiceRequest', query: 'mutation($id: ID!) { dispatchServiceRequest(input: { requestId: $id, leadDepartmentCode: "MARKET" }) { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'decideReturn', query: 'mutation($id: ID!) { decideReturn(assignmentId: $id, approve: true) { id } }', vars: () => ({ id: fx.lead }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'decideExtension', query: 'mutation($id: ID!) { decideExtension(extensionId: $id, approve: true) { id } }', vars: () => ({ id: fx.ext }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'reviewReply', query: 'mutation($id: ID!) { reviewReply(assignmentId: $id, approve: true) { id } }', vars: () => ({ id: fx.lead }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'recordFollowUp', query: 'mutation($id: ID!) { recordFollowUp(input: { requestId: $id, reached: false }) { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'closeServiceRequest', query: 'mutation($id: ID!) { closeServiceRequest(requestId: $id, reason: "r") { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'mergeServiceRequests', query: 'mutation($a: ID!, $b: ID!) { mergeServiceRequests(primaryId: $a, duplicateIds: [$b]) { id } }', vars: () => ({ a: fx.request, b: fx.pendingRequest }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'voidServiceRequest', query: 'mutation($id: ID!) { voidServiceRequest(requestId: $id, reason: "r") { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'superviseServiceRequest', query: 'mutation($id: ID!) { superviseServiceRequest(requestId: $id, level: REMINDER, note: "n") { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'transferOwnership', query: 'mutation($id: ID!) { transferOwnership(requestId: $id, toStaffId: "x", note: "n") { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'addNote', query: 'mutation($id: ID!) { addNote(requestId: $id, content: "n") { id } }', vars: () => ({ id: fx.request }), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  // mutations of departments: another department's assignment does not exist for a liaison
  { name: 'acceptAssignment', query: 'mutation($id: ID!) { acceptAssignment(assignmentId: $id) { id } }', vars: () => ({ id: fx.pendingLead }), otherLiaison: 'NOT_FOUND', analyst: 'FORBIDDEN' },
  { name: 'requestReturn', query: 'mutation($id: ID!) { requestReturn(assignmentId: $id, reason: "r") { id } }', vars: () => ({ id: fx.pendingLead }), otherLiaison: 'NOT_FOUND', analyst: 'FORBIDDEN' },
  { name: 'requestExtension', query: 'mutation($id: ID!) { requestExtension(assignmentId: $id, requestedDueAt: "2030-01-01T00:00:00Z", reason: "r") { id } }', vars: () => ({ id: fx.pendingLead }), otherLiaison: 'NOT_FOUND', analyst: 'FORBIDDEN' },
  { name: 'submitReply', query: 'mutation($id: ID!) { submitReply(assignmentId: $id, reply: "r", outcome: RESOLVED) { id } }', vars: () => ({ id: fx.pendingLead }), otherLiaison: 'NOT_FOUND', analyst: 'FORBIDDEN' },
  // administration
  { name: 'createStaff', query: 'mutation { createStaff(input: { username: "intruder", displayName: "x", password: "password123", roles: [ADMIN] }) { id } }', vars: () => ({}), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'updateSlaPolicy', query: 'mutation { updateSlaPolicy(input: { requestType: HELP, urgency: NORMAL, accept: { amount: 1, unit: HOURS }, reply: { amount: 1, unit: HOURS }, followUp: { amount: 1, unit: HOURS }, warnBefore: { amount: 1, unit: MINUTES } }) { urgency } }', vars: () => ({}), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  { name: 'setCalendarDays', query: 'mutation { setCalendarDays(days: [{ date: "2027-01-01", workday: false }]) { date } }', vars: () => ({}), otherLiaison: 'FORBIDDEN', analyst: 'FORBIDDEN' },
  // what every role may read
  { name: 'me', query: '{ me { username } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'departments', query: '{ departments { code } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'categories', query: '{ categories { code } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'regions', query: '{ regions { code } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'slaPolicies', query: '{ slaPolicies { urgency } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'calendar', query: '{ calendar(from: "2026-02-01", to: "2026-02-28") { date } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'kpis', query: '{ kpis(query: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", groupBy: [DEPARTMENT] }) { key } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'hotspots', query: '{ hotspots { id } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'notifications', query: '{ notifications { totalCount } }', vars: () => ({}), otherLiaison: 'OK', analyst: 'OK' },
  { name: 'markNotificationRead', query: 'mutation { markNotificationRead(id: "Tm90aWZpY2F0aW9uOjE") { id } }', vars: () => ({}), otherLiaison: 'NOT_FOUND', analyst: 'NOT_FOUND' },
];

async function check(client: GraphQLClient, c: Case, expected: Expectation) {
  const result = await client.request(c.query, c.vars());
  const code = result.errors?.[0]?.extensions?.code;
  switch (expected) {
    case 'FORBIDDEN':
    case 'NOT_FOUND':
      expect(code).toBe(expected);
      return;
    case 'NULL':
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {})[0]).toBeNull();
      return;
    case 'EMPTY':
      expect(result.errors).toBeUndefined();
      expect(c.list!(result.data)).toEqual([]);
      return;
    case 'OK':
      expect(result.errors).toBeUndefined();
  }
}

describe('every operation of the contract, as another department\'s liaison and as an analyst', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await check(market, c, c.otherLiaison);
    await check(analyst, c, c.analyst);
  });

  test('nothing was changed by the refused calls', async () => {
    const r = (await supervisor.ok('query($id: ID!) { serviceRequest(id: $id) { status supervisionLevel owner { username } } }', { id: fx.request })).serviceRequest;
    expect(r).toMatchObject({ status: 'AWAITING_FOLLOW_UP', supervisionLevel: null, owner: { username: 'agent01' } });
    expect((await admin.ok('{ slaPolicies { requestType urgency accept { amount unit } } }')).slaPolicies
      .find((p: any) => p.requestType === 'HELP' && p.urgency === 'NORMAL').accept).toEqual({ amount: 1, unit: 'WORKING_DAYS' });
    expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM staff WHERE username = 'intruder'`))[0].n).toBe(0);
  });
});

describe('the assigned department', () => {
  test('reads its request, its assignments, and the citizen masked', async () => {
    const r = (await urban.ok('query($id: ID!) { serviceRequest(id: $id) { id citizen { name phone requests { edges { node { id } } } } } }', { id: fx.request })).serviceRequest;
    expect(r.citizen).toMatchObject({ name: '张*', phone: '138****5678' });
    // Both URBAN cases of this citizen, and nothing of theirs handled by other departments.
    expect(r.citizen.requests.edges.map((e: any) => e.node.id).sort()).toEqual([fx.request, fx.pendingRequest].sort());
    const market_ = await createRequest(agent, { citizen: { name: '张三', phone: '13812345678' } });
    await dispatch(supervisor, market_.id, 'MARKET');
    const again = (await urban.ok('query($id: ID!) { serviceRequest(id: $id) { citizen { requests { edges { node { id } } } } } }', { id: fx.request })).serviceRequest;
    expect(again.citizen.requests.edges.map((e: any) => e.node.id)).not.toContain(market_.id);
  });

  test('a liaison of a parent department sees its sub-departments\' work; a sub-department does not see its parent\'s', async () => {
    const created = await createRequest(agent);
    const d = await dispatch(supervisor, created.id, 'D01S01');
    const district = await t.login('liaison_d01');
    const street = await t.login('liaison_d01s01');
    expect((await district.ok('query($id: ID!) { serviceRequest(id: $id) { id } }', { id: created.id })).serviceRequest).not.toBeNull();
    expect((await street.ok('query($id: ID!) { serviceRequest(id: $id) { id } }', { id: created.id })).serviceRequest).not.toBeNull();
    const toDistrict = await dispatch(supervisor, (await createRequest(agent)).id, 'D01');
    expect((await street.ok('query($id: ID!) { serviceRequest(id: $id) { id } }', { id: toDistrict.id })).serviceRequest).toBeNull();
    expect(d.leadAssignment.department.code).toBe('D01S01');
  });
});

describe('confidential requests and the audit of personal data', () => {
  test('a confidential report shows no citizen to any liaison, but does to the center', async () => {
    const created = await createRequest(agent, { type: 'REPORT', confidential: true, citizen: { name: '李四', phone: '13700001234' } });
    await dispatch(supervisor, created.id, 'URBAN');
    const q = 'query($id: ID!) { serviceRequest(id: $id) { confidential citizen { name phone } } }';
    expect((await urban.ok(q, { id: created.id })).serviceRequest).toEqual({ confidential: true, citizen: null });
    expect((await supervisor.ok(q, { id: created.id })).serviceRequest.citizen).toEqual({ name: '李四', phone: '13700001234' });
  });

  test('unmasked views leave audit rows; masked views leave none', async () => {
    const created = await createRequest(agent, { citizen: { name: '赵六', phone: '13600005678' } });
    await dispatch(supervisor, created.id, 'URBAN');
    const citizenId = (await t.db.dataSource.query(`SELECT id FROM citizen WHERE phone = '13600005678'`))[0].id;
    const audit = async () => t.db.dataSource.query('SELECT viewer_id, request_id, fields, operation FROM personal_data_view WHERE citizen_id = $1 ORDER BY id', [citizenId]);
    const before = (await audit()).length;
    await urban.ok('query Portal($id: ID!) { serviceRequest(id: $id) { citizen { name phone } } }', { id: created.id });
    expect(await audit()).toHaveLength(before);
    await agent.ok('query AgentView($id: ID!) { serviceRequest(id: $id) { citizen { name phone } } }', { id: created.id });
    const rows = await audit();
    expect(rows).toHaveLength(before + 1);
    const agentId = (await t.db.dataSource.query(`SELECT id FROM staff WHERE username = 'agent01'`))[0].id;
    expect(rows[rows.length - 1]).toMatchObject({ viewer_id: agentId, fields: ['name', 'phone'], operation: 'AgentView' });
  });
});
