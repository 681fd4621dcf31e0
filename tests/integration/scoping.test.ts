import { GraphQLClient } from './support/graphql-client';
import {
  ACCEPT, Desk, FOLLOW_UP, LIST, MERGE, ME, MY_ASSIGNMENTS, NODE, REPLY, REQUEST_EXTENSION, REVIEW,
  createRequest, dispatch, dispatchedRequest, edgesOf, shift,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// DESIGN.md §3 on every path: for every query and mutation of the contract, a liaison of another department
// and an analyst get FORBIDDEN / NOT_FOUND (or null / nothing, where existence itself must not leak); the other
// roles are refused whatever their row of the table does not give them. Refused calls change nothing.

type Who = 'market' | 'analyst' | 'urban' | 'agent' | 'supervisor' | 'admin';
type Expectation = 'FORBIDDEN' | 'NOT_FOUND' | 'NULL' | 'EMPTY' | 'OK';

let t: TestServer;
let desk: Desk;
let as: Record<Who, GraphQLClient>;
let fx: Record<string, string>;
// Everything a refused call could have written (the audit of personal-data views is written by allowed reads).
const WRITTEN = ['service_request', 'assignment', 'extension_request', 'follow_up', 'timeline_event', 'citizen', 'staff', 'sla_policy', 'calendar_day', 'outbox_event', 'department_webhook', 'webhook_delivery',
  'knowledge_article', 'knowledge_article_version', 'routing_rule'];
let snapshotBefore: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer();
  const names = ['liaison_market', 'analyst01', 'liaison_urban', 'agent01', 'supervisor01', 'admin'];
  const [market, analyst, urban, agent, supervisor, admin] = await t.loginAll(...names);
  as = { market, analyst, urban, agent, supervisor, admin };
  desk = { agent, supervisor, urban };

  // An URBAN case carried through an extension, a reply, review and an unreached follow-up; a second one
  // waiting to be signed for. MARKET has nothing to do with either.
  const created = await createRequest(agent, { citizen: { name: '张三', phone: '13812345678' } });
  const d = await dispatch(supervisor, created.id, 'URBAN');
  const lead = d.leadAssignment.id;
  await urban.ok(ACCEPT, { id: lead });
  const ext = (await urban.ok(REQUEST_EXTENSION, { id: lead, due: shift(d.leadAssignment.dueAt, 3 * 86_400_000), reason: '需协调' })).requestExtension.id;
  await urban.ok(REPLY, { id: lead, reply: '已处理', outcome: 'RESOLVED' });
  await supervisor.ok(REVIEW, { id: lead, approve: true });
  const fu = (await agent.ok(FOLLOW_UP, { input: { requestId: created.id, reached: false } })).recordFollowUp.id;
  const pending = await dispatchedRequest(desk);
  const more = (await agent.ok('query($id: ID!) { serviceRequest(id: $id) { citizen { id } timeline(first: 1) { edges { node { id } } } } }', { id: created.id })).serviceRequest;
  const staff = (await agent.ok(ME)).me.id;
  const departments = (await agent.ok('{ departments { id code } categories { id } regions { id } }'));
  const article = (await supervisor.ok('mutation { createKnowledgeArticle(input: { title: "垃圾分类", body: "四分类" }) { id } }')).createKnowledgeArticle.id;
  await supervisor.ok('mutation($id: ID!) { publishKnowledgeArticle(id: $id) { id } }', { id: article });
  const draftArticle = (await supervisor.ok('mutation { createKnowledgeArticle(input: { title: "草稿", body: "未发布" }) { id } }')).createKnowledgeArticle.id;
  fx = {
    request: created.id, code: created.code, lead, ext, fu, citizen: more.citizen.id, event: more.timeline.edges[0].node.id,
    pendingRequest: pending.id, pendingLead: pending.lead, staff,
    department: departments.departments[0].id, category: departments.categories[0].id, region: departments.regions[0].id,
    article, draftArticle,
  };
  snapshotBefore = await fingerprint();
});
afterAll(() => t.close());


async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of WRITTEN) {
    out[table] = (await t.db.dataSource.query(`SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS f FROM ${table} x`))[0].f;
  }
  return out;
}

interface Case {
  /** The operation of the contract (Query or Mutation field) this case covers. */
  op: string;
  name?: string;
  query: string;
  vars?: () => Record<string, unknown>;
  market: Expectation;
  analyst: Expectation;
  /** Other roles the table refuses, or whose answer this case pins down. */
  also?: Partial<Record<Exclude<Who, 'market' | 'analyst'>, Expectation>>;
  /** For lists: where the list is in the data. */
  list?: (data: any) => unknown[];
}

const node = (name: string, key: string, market: Expectation, analyst: Expectation, also?: Case['also']): Case =>
  ({ op: 'node', name: `node(${name})`, query: NODE, vars: () => ({ id: fx[key] }), market, analyst, also });

const NOT_THE_CENTER = { urban: 'FORBIDDEN', admin: 'FORBIDDEN' } as const;
const SUPERVISORS_ONLY = { urban: 'FORBIDDEN', admin: 'FORBIDDEN', agent: 'FORBIDDEN' } as const;
const LIAISONS_ONLY = { agent: 'FORBIDDEN', supervisor: 'FORBIDDEN', admin: 'FORBIDDEN' } as const;
const ADMINS_ONLY = { urban: 'FORBIDDEN', agent: 'FORBIDDEN', supervisor: 'FORBIDDEN' } as const;
const SUPERVISORS_AND_ADMINS = { urban: 'FORBIDDEN', agent: 'FORBIDDEN' } as const;
const EVERYONE = { urban: 'OK', agent: 'OK', supervisor: 'OK', admin: 'OK' } as const;

const CASES: Case[] = [
  // ---------------------------------------------------------------- queries
  { op: 'me', query: '{ me { username } }', market: 'OK', analyst: 'OK', also: EVERYONE },
  { op: 'serviceRequest', query: 'query($id: ID!) { serviceRequest(id: $id) { id } }', vars: () => ({ id: fx.request }), market: 'NULL', analyst: 'FORBIDDEN', also: EVERYONE },
  { op: 'serviceRequest', name: 'serviceRequest(code)', query: 'query($c: String!) { serviceRequest(code: $c) { id } }', vars: () => ({ c: fx.code }), market: 'NULL', analyst: 'FORBIDDEN', also: EVERYONE },
  { op: 'serviceRequests', query: LIST, vars: () => ({ first: 100 }), market: 'EMPTY', analyst: 'FORBIDDEN', list: (d) => d.serviceRequests.edges },
  { op: 'serviceRequests', name: 'serviceRequests(departmentCode: URBAN)', query: LIST, vars: () => ({ filter: { departmentCode: 'URBAN' } }), market: 'EMPTY', analyst: 'FORBIDDEN', list: (d) => d.serviceRequests.edges },
  { op: 'serviceRequests', name: 'serviceRequests(citizenPhone)', query: LIST, vars: () => ({ filter: { citizenPhone: '13812345678' } }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: { urban: 'FORBIDDEN', agent: 'OK', supervisor: 'OK', admin: 'OK' } },
  { op: 'myAssignments', query: MY_ASSIGNMENTS, vars: () => ({ first: 100 }), market: 'EMPTY', analyst: 'FORBIDDEN', also: LIAISONS_ONLY, list: (d) => d.myAssignments.edges },
  { op: 'citizen', query: 'query($id: ID!) { citizen(id: $id) { id name } }', vars: () => ({ id: fx.citizen }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: { urban: 'FORBIDDEN', agent: 'OK', admin: 'OK' } },
  node('ServiceRequest', 'request', 'NULL', 'NULL', { urban: 'OK', agent: 'OK' }),
  node('Assignment', 'lead', 'NULL', 'NULL', { urban: 'OK', agent: 'OK' }),
  node('ExtensionRequest', 'ext', 'NULL', 'NULL', { urban: 'OK', supervisor: 'OK' }),
  node('FollowUp', 'fu', 'NULL', 'NULL', { urban: 'OK', agent: 'OK' }),
  node('TimelineEvent', 'event', 'NULL', 'NULL', { urban: 'OK', agent: 'OK' }),
  node('Citizen', 'citizen', 'NULL', 'NULL', { urban: 'NULL', agent: 'OK' }),
  node('Staff', 'staff', 'OK', 'OK'),
  node('Department', 'department', 'OK', 'OK'),
  node('Category', 'category', 'OK', 'OK'),
  node('Region', 'region', 'OK', 'OK'),
  node('KnowledgeArticle', 'article', 'OK', 'OK', EVERYONE),
  { ...node('KnowledgeArticle', 'draftArticle', 'NULL', 'NULL', { urban: 'NULL', agent: 'NULL', supervisor: 'OK', admin: 'OK' }), name: 'node(KnowledgeArticle, draft)' },
  { op: 'departments', query: '{ departments { code liaisons { username } } }', market: 'OK', analyst: 'OK', also: EVERYONE },
  { op: 'categories', query: '{ categories { code } }', market: 'OK', analyst: 'OK', also: EVERYONE },
  { op: 'regions', query: '{ regions { code } }', market: 'OK', analyst: 'OK', also: EVERYONE },
  { op: 'routingSuggestions', query: 'query($id: ID!) { routingSuggestions(requestId: $id) { score } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: NOT_THE_CENTER },
  { op: 'similarRequests', query: 'query($id: ID!) { similarRequests(requestId: $id) { score } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: NOT_THE_CENTER },
  { op: 'routingRules', query: '{ routingRules { id } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: { urban: 'FORBIDDEN', agent: 'OK', supervisor: 'OK', admin: 'OK' } },
  { op: 'kpis', query: '{ kpis(query: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", groupBy: [DEPARTMENT] }) { key } }', market: 'OK', analyst: 'OK' },
  { op: 'kpiSeries', query: '{ kpiSeries(query: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", groupBy: [DEPARTMENT] }) { keys received } }', market: 'OK', analyst: 'OK' },
  { op: 'hotspots', query: '{ hotspots { id } }', market: 'OK', analyst: 'OK' },
  { op: 'notifications', query: '{ notifications { totalCount } }', market: 'OK', analyst: 'OK' },
  { op: 'slaPolicies', query: '{ slaPolicies { urgency } }', market: 'OK', analyst: 'OK', also: EVERYONE },
  { op: 'knowledgeArticles', query: '{ knowledgeArticles(first: 100) { edges { node { id } } } }', market: 'OK', analyst: 'OK', also: EVERYONE },
  { op: 'calendar', query: '{ calendar(from: "2026-02-01", to: "2026-02-28") { date } }', market: 'OK', analyst: 'OK', also: EVERYONE },
  // ---------------------------------------------------------------- the hotline center
  { op: 'createServiceRequest', query: 'mutation { createServiceRequest(input: { channel: PHONE, type: HELP, title: "标题", content: "内容", categoryCode: "URBAN_LIGHT" }) { id } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: NOT_THE_CENTER },
  { op: 'resolveAtIntake', query: 'mutation($id: ID!) { resolveAtIntake(requestId: $id, answer: "答复") { id } }', vars: () => ({ id: fx.pendingRequest }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: NOT_THE_CENTER },
  { op: 'recordFollowUp', query: 'mutation($id: ID!) { recordFollowUp(input: { requestId: $id, reached: false }) { id } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: NOT_THE_CENTER },
  { op: 'addNote', query: 'mutation($id: ID!) { addNote(requestId: $id, content: "备注") { id } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: NOT_THE_CENTER },
  { op: 'dispatchServiceRequest', query: 'mutation($id: ID!) { dispatchServiceRequest(input: { requestId: $id, leadDepartmentCode: "MARKET" }) { id } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'decideReturn', query: 'mutation($id: ID!) { decideReturn(assignmentId: $id, approve: true) { id } }', vars: () => ({ id: fx.lead }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'decideExtension', query: 'mutation($id: ID!) { decideExtension(extensionId: $id, approve: true) { id } }', vars: () => ({ id: fx.ext }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'reviewReply', query: 'mutation($id: ID!) { reviewReply(assignmentId: $id, approve: true) { id } }', vars: () => ({ id: fx.lead }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'closeServiceRequest', query: 'mutation($id: ID!) { closeServiceRequest(requestId: $id, reason: "关闭") { id } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'mergeServiceRequests', query: 'mutation($primary: ID!, $duplicates: [ID!]!) { mergeServiceRequests(primaryId: $primary, duplicateIds: $duplicates) { id } }', vars: () => ({ primary: fx.request, duplicates: [fx.pendingRequest] }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'voidServiceRequest', query: 'mutation($id: ID!) { voidServiceRequest(requestId: $id, reason: "终止") { id } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'superviseServiceRequest', query: 'mutation($id: ID!) { superviseServiceRequest(requestId: $id, level: LISTED, note: "督办") { id } }', vars: () => ({ id: fx.request }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  { op: 'transferOwnership', query: 'mutation($id: ID!, $to: ID!) { transferOwnership(requestId: $id, toStaffId: $to, note: "交接") { id } }', vars: () => ({ id: fx.request, to: fx.staff }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_ONLY },
  // ---------------------------------------------------------------- departments: another department's assignment does not exist
  { op: 'acceptAssignment', query: 'mutation($id: ID!) { acceptAssignment(assignmentId: $id) { id } }', vars: () => ({ id: fx.pendingLead }), market: 'NOT_FOUND', analyst: 'FORBIDDEN', also: LIAISONS_ONLY },
  { op: 'requestReturn', query: 'mutation($id: ID!) { requestReturn(assignmentId: $id, reason: "退回") { id } }', vars: () => ({ id: fx.pendingLead }), market: 'NOT_FOUND', analyst: 'FORBIDDEN', also: LIAISONS_ONLY },
  { op: 'requestExtension', query: 'mutation($id: ID!) { requestExtension(assignmentId: $id, requestedDueAt: "2030-01-01T00:00:00Z", reason: "延期") { id } }', vars: () => ({ id: fx.pendingLead }), market: 'NOT_FOUND', analyst: 'FORBIDDEN', also: LIAISONS_ONLY },
  { op: 'submitReply', query: 'mutation($id: ID!) { submitReply(assignmentId: $id, reply: "答复", outcome: RESOLVED) { id } }', vars: () => ({ id: fx.pendingLead }), market: 'NOT_FOUND', analyst: 'FORBIDDEN', also: LIAISONS_ONLY },
  // ---------------------------------------------------------------- the knowledge base: supervisors and admins write it
  { op: 'createKnowledgeArticle', query: 'mutation { createKnowledgeArticle(input: { title: "越权", body: "正文" }) { id } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_AND_ADMINS },
  { op: 'updateKnowledgeArticle', query: 'mutation($id: ID!) { updateKnowledgeArticle(id: $id, input: { title: "越权", body: "正文" }) { id } }', vars: () => ({ id: fx.article }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_AND_ADMINS },
  { op: 'publishKnowledgeArticle', query: 'mutation($id: ID!) { publishKnowledgeArticle(id: $id) { id } }', vars: () => ({ id: fx.draftArticle }), market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: SUPERVISORS_AND_ADMINS },
  // ---------------------------------------------------------------- routing rules: administrators only
  { op: 'upsertRoutingRule', query: 'mutation { upsertRoutingRule(input: { categoryCode: "URBAN", departmentCode: "MARKET", autoDispatch: true }) { id } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  { op: 'deleteRoutingRule', query: 'mutation { deleteRoutingRule(id: "Um91dGluZ1J1bGU6MQ") }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  // ---------------------------------------------------------------- everyone's own, and administration
  { op: 'markNotificationRead', query: 'mutation { markNotificationRead(id: "Tm90aWZpY2F0aW9uOjE") { id } }', market: 'NOT_FOUND', analyst: 'NOT_FOUND' },
  { op: 'createStaff', query: 'mutation { createStaff(input: { username: "intruder", displayName: "x", password: "password123", roles: [ADMIN] }) { id } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  { op: 'updateSlaPolicy', query: 'mutation { updateSlaPolicy(input: { requestType: HELP, urgency: NORMAL, accept: { amount: 1, unit: HOURS }, reply: { amount: 1, unit: HOURS }, followUp: { amount: 1, unit: HOURS }, warnBefore: { amount: 1, unit: MINUTES } }) { urgency } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  { op: 'setCalendarDays', query: 'mutation { setCalendarDays(days: [{ date: "2026-03-03", workday: false }]) { date } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  { op: 'departmentWebhooks', query: '{ departmentWebhooks { url } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  { op: 'webhookDeliveries', query: '{ webhookDeliveries { totalCount } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  { op: 'setDepartmentWebhook', query: 'mutation { setDepartmentWebhook(departmentCode: "MARKET", input: { url: "https://example.org/hook", secret: "0123456789abcdef" }) { id } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
  { op: 'retryWebhookDelivery', query: 'mutation { retryWebhookDelivery(id: "V2ViaG9va0RlbGl2ZXJ5OjE") { id } }', market: 'FORBIDDEN', analyst: 'FORBIDDEN', also: ADMINS_ONLY },
];

async function check(who: Who, c: Case, expected: Expectation) {
  const result = await as[who].request(c.query, c.vars?.() ?? {});
  const code = result.errors?.[0]?.extensions?.code;
  const where = `${c.name ?? c.op} as ${who}: ${JSON.stringify(result).slice(0, 300)}`;
  switch (expected) {
    case 'FORBIDDEN':
    case 'NOT_FOUND':
      expect({ where, code }).toEqual({ where, code: expected });
      expect(Object.values(result.data ?? {}).filter((v) => v !== null)).toEqual([]);
      return;
    case 'NULL':
      expect({ where, errors: result.errors }).toEqual({ where, errors: undefined });
      expect(Object.values(result.data ?? {})[0]).toBeNull();
      return;
    case 'EMPTY':
      expect({ where, errors: result.errors }).toEqual({ where, errors: undefined });
      expect(c.list!(result.data)).toEqual([]);
      return;
    case 'OK':
      expect({ where, errors: result.errors }).toEqual({ where, errors: undefined });
      expect(Object.values(result.data ?? {})[0]).not.toBeNull();
  }
}

describe('every operation of the contract', () => {
  test('the table covers every query and mutation the server offers (login is tested on its own)', async () => {
    const schema = await as.agent.ok('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const offered = [...schema.__schema.queryType.fields, ...schema.__schema.mutationType.fields].map((f: any) => f.name);
    const covered = new Set(CASES.map((c) => c.op));
    expect(offered.filter((name: string) => name !== 'login' && !covered.has(name))).toEqual([]);
  });

  test.each(CASES.map((c) => [c.name ?? c.op, c] as const))('%s', async (_name, c) => {
    await check('market', c, c.market);
    await check('analyst', c, c.analyst);
    for (const [who, expected] of Object.entries(c.also ?? {})) await check(who as Who, c, expected!);
  });

  test('nothing was changed by the refused calls', async () => {
    expect(await fingerprint()).toEqual(snapshotBefore);
  });
});

describe('nested paths stay inside the liaison\'s scope', () => {
  test('another department\'s requests do not show through a shared citizen or a merge', async () => {
    // MARKET assists on one request of 张三; URBAN alone handles another, merged into it.
    const shared = await dispatchedRequest(desk, { assists: ['MARKET'] });
    const urbanOnly = await dispatchedRequest(desk);
    await as.supervisor.ok(MERGE, { primary: shared.id, duplicates: [urbanOnly.id] });
    const q = 'query($id: ID!) { serviceRequest(id: $id) { id duplicates { id } citizen { requestCount requests(first: 100) { edges { node { id } } } } } }';
    const seen = (await as.market.ok(q, { id: shared.id })).serviceRequest;
    expect(seen.id).toBe(shared.id);
    expect(seen.duplicates).toEqual([]);
    expect(edgesOf(seen.citizen.requests).map((r) => r.id)).toEqual([shared.id]);
    const byUrban = (await as.urban.ok(q, { id: shared.id })).serviceRequest;
    expect(byUrban.duplicates.map((r: any) => r.id)).toEqual([urbanOnly.id]);
    expect((await as.market.ok('query($id: ID!) { node(id: $id) { id } }', { id: urbanOnly.id })).node).toBeNull();
  });

  test('a liaison\'s work list holds only their department\'s assignments, whatever the filter', async () => {
    const shared = await dispatchedRequest(desk, { assists: ['MARKET'] });
    const list = edgesOf((await as.market.ok(MY_ASSIGNMENTS, { first: 100 })).myAssignments);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((a) => a.department.code === 'MARKET')).toBe(true);
    expect(list.map((a) => a.request.id)).toContain(shared.id);
    const requests = edgesOf((await as.market.ok(LIST, { first: 100 })).serviceRequests).map((r) => r.id);
    expect(requests).toContain(shared.id);
    expect(requests).not.toContain(fx.request);
  });

  test('a parent department sees its sub-departments\' work; a sub-department does not see its parent\'s', async () => {
    const [district, street, otherStreet] = await t.loginAll('liaison_d01', 'liaison_d01s01', 'liaison_d01s02');
    const toStreet = await dispatchedRequest(desk, { lead: 'D01S01' });
    const read = async (c: GraphQLClient, id: string) => (await c.ok('query($id: ID!) { serviceRequest(id: $id) { id } }', { id })).serviceRequest;
    expect(await read(district, toStreet.id)).not.toBeNull();
    expect(await read(street, toStreet.id)).not.toBeNull();
    expect(await read(otherStreet, toStreet.id)).toBeNull();
    expect(edgesOf((await district.ok(MY_ASSIGNMENTS, { first: 100 })).myAssignments).map((a) => a.id)).toContain(toStreet.lead);
    // The district may work its street office's assignment; a sibling street office may not.
    expect(await otherStreet.errorCode(ACCEPT, { id: toStreet.lead })).toBe('NOT_FOUND');
    expect((await district.ok(ACCEPT, { id: toStreet.lead })).acceptAssignment.status).toBe('ACCEPTED');

    const toDistrict = await dispatchedRequest(desk, { lead: 'D01' });
    expect(await read(street, toDistrict.id)).toBeNull();
    expect(await street.errorCode(ACCEPT, { id: toDistrict.lead })).toBe('NOT_FOUND');
  });

  test('a department keeps reading a request it once had, after the request was returned and sent elsewhere', async () => {
    const { id, lead } = await dispatchedRequest(desk);
    await as.urban.ok('mutation($id: ID!) { requestReturn(assignmentId: $id, reason: "非本部门") { id } }', { id: lead });
    await as.supervisor.ok('mutation($id: ID!) { decideReturn(assignmentId: $id, approve: true) { id } }', { id: lead });
    await dispatch(as.supervisor, id, 'MARKET');
    expect((await as.urban.ok('query($id: ID!) { serviceRequest(id: $id) { id status } }', { id })).serviceRequest).toEqual({ id, status: 'DISPATCHED' });
  });
});
