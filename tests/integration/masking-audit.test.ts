import { GraphQLClient } from './support/graphql-client';
import { ACCEPT, Desk, GET, MY_ASSIGNMENTS, NODE, createRequest, dbId, dispatch, dispatchedRequest, edgesOf } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// 保密: departments see citizens masked ("张*", "138****5678") and confidential reporters not at all; the
// center sees them in full, and every unmasked view leaves an audit row saying who saw whose data, when
// and through which request (DESIGN.md §3).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;
let admin: GraphQLClient;
let staffIds: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban, admin] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'admin');
  desk = { agent, supervisor, urban };
  const rows = await t.db.dataSource.query(`SELECT id, username FROM staff WHERE username IN ('agent01', 'admin')`);
  staffIds = Object.fromEntries(rows.map((r: any) => [r.username, r.id]));
});
afterAll(() => t.close());

const CITIZEN_OF = 'query($id: ID!) { serviceRequest(id: $id) { confidential citizen { name phone requests(first: 100) { edges { node { id } } } } } }';

const auditRows = async (citizenDbId: string) =>
  t.db.dataSource.query('SELECT viewer_id, request_id, fields, operation, viewed_at FROM personal_data_view WHERE citizen_id = $1 ORDER BY id', [citizenDbId]);

async function citizenDbId(phone: string): Promise<string> {
  return (await t.db.dataSource.query('SELECT id FROM citizen WHERE phone = $1', [phone]))[0].id;
}

describe('masking for departments', () => {
  test('a liaison sees the citizen masked through every path', async () => {
    const { id, lead } = await dispatchedRequest(desk, { input: { citizen: { name: '张三', phone: '13812345678' } } });
    const masked = { name: '张*', phone: '138****5678' };
    expect((await urban.ok(CITIZEN_OF, { id })).serviceRequest.citizen).toMatchObject(masked);
    const portal = await urban.ok('{ myAssignments(first: 100) { edges { node { id request { citizen { name phone } } } } } }');
    expect(edgesOf(portal.myAssignments).find((a) => a.id === lead).request.citizen).toEqual(masked);
    const viaNode = await urban.ok('query($id: ID!) { node(id: $id) { ... on ServiceRequest { citizen { name phone } } } }', { id });
    expect(viaNode.node.citizen).toEqual(masked);
    const viaAssignment = await urban.ok('query($id: ID!) { node(id: $id) { ... on Assignment { request { citizen { name phone } } } } }', { id: lead });
    expect(viaAssignment.node.request.citizen).toEqual(masked);
  });

  test('nothing a liaison can read carries the full name or number, not even the timeline', async () => {
    const { id, lead } = await dispatchedRequest(desk, { input: { citizen: { name: '欧阳娜娜', phone: '13987654321' } } });
    await urban.ok(ACCEPT, { id: lead });
    const everything = JSON.stringify(await urban.ok(GET, { id }));
    expect(everything).toContain('欧***');
    expect(everything).not.toContain('欧阳娜娜');
    expect(everything).not.toContain('13987654321');
    expect(everything).not.toContain('87654321');
  });

  test('a landline is masked keeping the area code and the last four digits', async () => {
    const { id } = await dispatchedRequest(desk, { input: { citizen: { name: '李四', phone: '010-87654321' } } });
    const { phone } = (await urban.ok(CITIZEN_OF, { id })).serviceRequest.citizen;
    expect(phone).toMatch(/^010-\*+4321$/);
  });
});

describe('confidential requests (举报人保密)', () => {
  test('show no citizen to any liaison on any path, but do to the center', async () => {
    const created = await createRequest(agent, { type: 'REPORT', confidential: true, citizen: { name: '王举报', phone: '13700001234' } });
    const d = await dispatch(supervisor, created.id, 'URBAN', ['D01S01']);
    const [district, street] = await t.loginAll('liaison_d01', 'liaison_d01s01');
    for (const liaison of [urban, district, street]) {
      expect((await liaison.ok(CITIZEN_OF, { id: created.id })).serviceRequest).toEqual({ confidential: true, citizen: null });
      const everything = JSON.stringify(await liaison.ok(GET, { id: created.id }));
      for (const secret of ['王举报', '王**', '13700001234', '137****1234']) expect(everything).not.toContain(secret);
    }
    const portal = await urban.ok(MY_ASSIGNMENTS.replace('request { id code status }', 'request { id citizen { name } }'), { first: 100 });
    expect(edgesOf(portal.myAssignments).find((a) => a.id === d.leadAssignment.id).request.citizen).toBeNull();
    expect((await supervisor.ok(CITIZEN_OF, { id: created.id })).serviceRequest.citizen).toMatchObject({ name: '王举报', phone: '13700001234' });
    expect((await admin.ok(CITIZEN_OF, { id: created.id })).serviceRequest.citizen).toMatchObject({ name: '王举报', phone: '13700001234' });
  });

  test('a reporter\'s confidential request does not show in their history as a department sees it', async () => {
    // The same person calls about a street lamp and, confidentially, reports the shop next door: the department
    // handling both must not learn that the masked caller of the first is the reporter of the second.
    const citizen = { name: '赵举报', phone: '13511112222' };
    const open = await dispatchedRequest(desk, { input: { citizen } });
    const secret = await dispatchedRequest(desk, { input: { citizen, type: 'REPORT', confidential: true } });
    const history = edgesOf((await urban.ok(CITIZEN_OF, { id: open.id })).serviceRequest.citizen.requests).map((r) => r.id);
    expect(history).toContain(open.id);
    expect(history).not.toContain(secret.id);
    const centerHistory = edgesOf((await agent.ok(CITIZEN_OF, { id: open.id })).serviceRequest.citizen.requests).map((r) => r.id);
    expect(centerHistory.sort()).toEqual([open.id, secret.id].sort());
  });
});

describe('the audit of unmasked views', () => {
  test('an agent\'s unmasked view leaves a row: who, whose, through which request, which fields, when', async () => {
    const { id } = await dispatchedRequest(desk, { input: { citizen: { name: '赵六', phone: '13600005678' } } });
    const citizen = await citizenDbId('13600005678');
    const before = (await auditRows(citizen)).length;
    t.clock.advance(60_000);
    await agent.ok(`query AgentView($id: ID!) { serviceRequest(id: $id) { citizen { name phone } } }`, { id });
    const rows = await auditRows(citizen);
    expect(rows).toHaveLength(before + 1);
    expect(rows[rows.length - 1]).toEqual({
      viewer_id: staffIds.agent01, request_id: dbId(id), fields: ['name', 'phone'], operation: 'AgentView', viewed_at: t.clock.now(),
    });
  });

  test('masked views, and views without personal fields, leave none', async () => {
    const { id } = await dispatchedRequest(desk, { input: { citizen: { name: '孙七', phone: '13600007777' } } });
    const citizen = await citizenDbId('13600007777');
    const before = (await auditRows(citizen)).length;
    await urban.ok('query Portal($id: ID!) { serviceRequest(id: $id) { citizen { name phone } } }', { id });
    await agent.ok('query Stats($id: ID!) { serviceRequest(id: $id) { citizen { requestCount isRepeatCaller } } }', { id });
    expect(await auditRows(citizen)).toHaveLength(before);
  });

  test('every path that shows data unmasked is audited: citizen(id:), node(id:), lists, and the name alone', async () => {
    const { id } = await dispatchedRequest(desk, { input: { citizen: { name: '周八', phone: '13600008888' } } });
    const citizen = await citizenDbId('13600008888');
    const citizenGlobal = (await agent.ok('query($id: ID!) { serviceRequest(id: $id) { citizen { id } } }', { id })).serviceRequest.citizen.id;
    const before = (await auditRows(citizen)).length;

    await admin.ok('query Lookup($id: ID!) { citizen(id: $id) { phone } }', { id: citizenGlobal });
    await agent.ok(`query ByNode($id: ID!) { node(id: $id) { ... on Citizen { name } } }`, { id: citizenGlobal });
    await agent.ok('query List { serviceRequests(first: 100, filter: { citizenPhone: "13600008888" }) { edges { node { citizen { name } } } } }');
    const rows = (await auditRows(citizen)).slice(before);
    expect(rows.map((r: any) => [r.viewer_id, r.operation, r.fields, r.request_id])).toEqual([
      [staffIds.admin, 'Lookup', ['phone'], null],
      [staffIds.agent01, 'ByNode', ['name'], null],
      [staffIds.agent01, 'List', ['name'], dbId(id)],
    ]);
    expect((await agent.ok(NODE, { id: citizenGlobal })).node.__typename).toBe('Citizen');
  });
});
