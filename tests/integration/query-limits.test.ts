import { getIntrospectionQuery } from 'graphql';
import { loadConfig } from '../../src/config';
import { daysBetween, deriveCoarseRollups } from '../../src/services/analytics/rollup.service';
import { GraphQLClient, expectErrorCode } from './support/graphql-client';
import {
  CREATE, Desk, GET, NODE, REQUEST_FIELDS, awaitingFollowUp, dbId, recordFollowUp, requestInput,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Query limits (src/http/query-limits.ts) and pagination caps, against the real server with the default
// limits: every refusal is QUERY_TOO_COMPLEX, answered with 400 before anything runs; the deepest and
// costliest operations the clients send still pass.

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let analyst: GraphQLClient;
let admin: GraphQLClient;
const limits = loadConfig({ NODE_ENV: 'test' }).queryLimits;

beforeAll(async () => {
  t = await startTestServer();
  let urban: GraphQLClient;
  [agent, supervisor, urban, analyst, admin] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'analyst01', 'admin');
  desk = { agent, supervisor, urban };
});
afterAll(() => t.close());

const WRITTEN = ['service_request', 'citizen', 'timeline_event', 'outbox_event', 'assignment', 'follow_up', 'personal_data_view'];

/** POSTs a raw body and returns the HTTP status with the parsed answer. */
async function post(body: unknown, token: string | null = agent.token): Promise<{ status: number; body: any }> {
  const res = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function expectTooComplex(answer: { status: number; body: any }) {
  expectErrorCode(answer.body, 'QUERY_TOO_COMPLEX');
  expect(answer.status).toBe(400);
  expect(answer.body.data ?? null).toBeNull();
}

/** `{ me { department { parent { parent … { code } } } } }` with `levels` fields from the root to the leaf. */
function nested(levels: number): string {
  let selection = 'code';
  for (let i = 0; i < levels - 3; i++) selection = `parent { ${selection} }`;
  return `{ me { department { ${selection} } } }`;
}

describe('legitimate operations pass the default limits', () => {
  test('the request detail with assignments, extensions, follow-ups, the timeline and the citizen, as deep as clients go', async () => {
    const d = await awaitingFollowUp(desk);
    await recordFollowUp(agent, d.id, { reached: true, satisfaction: 'SATISFIED', resolved: true });
    const detail = await agent.ok(`query($id: ID!) { serviceRequest(id: $id) {
      ${REQUEST_FIELDS}
      assignments { id extensions { id status decidedBy { username department { code } } } department { code parent { code } } }
      followUps { id attempt reached satisfaction recordedBy { username roles } }
      citizen { requests(first: 100) { totalCount edges { node { id code status } } } }
      timeline(first: 100) { totalCount edges { cursor node { id kind summary at actor { username department { code } } data } } }
    } }`, { id: d.id });
    expect(detail.serviceRequest.followUps).toHaveLength(1);
    expect(detail.serviceRequest.timeline.totalCount).toBeGreaterThan(3);
    expect((await agent.ok(GET, { id: d.id })).serviceRequest.id).toBe(d.id);
    expect((await agent.ok(NODE, { id: d.id })).node).toEqual({ __typename: 'ServiceRequest', id: d.id });
    const viaNode = await agent.ok(`query($id: ID!) { node(id: $id) { id ... on ServiceRequest { timeline(first: 100) { edges { node { actor { department { parent { code } } } } } } } } }`, { id: d.id });
    expect(viaNode.node.id).toBe(d.id);
  });

  test("the README's examples: search, dashboards, the liaison's list, notifications", async () => {
    await agent.ok('{ serviceRequests(filter: {search: "路灯", status: [DISPATCHED, IN_PROGRESS]}, first: 5) { totalCount edges { node { code title status dueAt overdue } } pageInfo { hasNextPage endCursor } } }');
    await analyst.ok('{ kpis(query: {from: "2026-01-01T00:00:00+08:00", to: "2026-03-01T00:00:00+08:00", groupBy: [DEPARTMENT, WEEK]}) { key received dispatched responseRate resolutionRate satisfactionRate onTimeReplyRate } }');
    await analyst.ok('{ kpiSeries(query: {from: "2026-01-01T00:00:00+08:00", to: "2026-01-31T00:00:00+08:00", groupBy: [DAY, CATEGORY]}) { keys received satisfactionRate } }');
    await analyst.ok('{ hotspots { category { name } region { name } count baseline score windowEnd } }');
    await desk.urban.ok('{ myAssignments(filter: {status: [PENDING]}, first: 100) { totalCount edges { node { id role acceptDueAt dueAt overdue request { code title assignments { department { code } } } } } } }');
    await agent.ok('{ notifications(unreadOnly: true, first: 100) { totalCount edges { node { id kind message createdAt request { code } } } } }');
    await agent.ok('{ departments { code name parent { code } children { code liaisons { username } } } categories { code children { code } } regions { code } }');
  });

  test('introspection, for development tooling, passes (Apollo turns it off when NODE_ENV=production)', async () => {
    const { __schema } = await agent.ok(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
    expect(__schema.types.length).toBeGreaterThan(50);
  });
});

describe('refused before anything executes: QUERY_TOO_COMPLEX, 400', () => {
  test(`depth: ${limits.maxDepth} levels pass, one more does not`, async () => {
    expect((await agent.ok(nested(limits.maxDepth))).me.department).toBeNull(); // agents have no department: resolved to null
    expectTooComplex(await post({ query: nested(limits.maxDepth + 1) }));
  });

  test('a too-deep mutation writes nothing', async () => {
    const before = await t.countRows(WRITTEN);
    let parents = 'code';
    for (let i = 0; i < limits.maxDepth; i++) parents = `parent { ${parents} }`;
    const answer = await post({
      query: `mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id owner { department { ${parents} } } } }`,
      variables: { input: requestInput({ idempotencyKey: 'too-deep-1' }) },
    });
    expectTooComplex(answer);
    expect(await t.countRows(WRITTEN)).toEqual(before);
  });

  test("cost: the page sizes in variables count, so a too-costly mutation is refused and writes nothing; the same with small pages runs", async () => {
    const mutation = `mutation($input: CreateServiceRequestInput!, $n: Int) { createServiceRequest(input: $input) {
      id citizen { requests(first: $n) { edges { node { id timeline(first: $n) { edges { node { id kind summary at } } } } } } } } }`;
    const before = await t.countRows(WRITTEN);
    const refused = await post({ query: mutation, variables: { input: requestInput({ idempotencyKey: 'too-costly-1' }), n: 100 } });
    expectTooComplex(refused);
    expect(refused.body.errors[0].message).toMatch(/cost/);
    expect(await t.countRows(WRITTEN)).toEqual(before);

    const ran = await agent.ok(mutation, { input: requestInput({ idempotencyKey: 'small-pages-1' }), n: 5 });
    expect(ran.createServiceRequest.citizen.requests.edges.length).toBeGreaterThan(0);
    expect((await t.countRows(['service_request'])).service_request).toBe(before.service_request + 1);
  });

  test('cost: `first` above 100 counts as 100, what the server serves, and an omitted `first` as 20', async () => {
    const list = (args: string) => `{ serviceRequests${args} { edges { node { timeline(first: 100) { edges { node { id kind summary at actor { username } } } } } } } }`;
    // 100 requests × 100 events × ~8 fields ≈ 80,000: refused whether asked as 100 or as 1,000,000.
    expectTooComplex(await post({ query: list('(first: 100)') }));
    expectTooComplex(await post({ query: list('(first: 1000000)') }));
    // The default page (20) × 100 events ≈ 16,000: within the limit.
    await agent.ok(list(''));
  });

  test(`aliases: ${limits.maxAliases} pass, one more does not — no brute-forcing logins ${limits.maxAliases + 1} at a time`, async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    await agent.ok(aliased(limits.maxAliases));
    expectTooComplex(await post({ query: aliased(limits.maxAliases + 1) }));
    const logins = Array.from({ length: limits.maxAliases + 1 }, (_, i) => `l${i}: login(username: "admin", password: "guess${i}") { token }`).join(' ');
    expectTooComplex(await post({ query: `mutation { ${logins} }` }, null));
  });

  test(`directives: ${limits.maxDirectives} pass, one more does not`, async () => {
    const directed = (n: number) => `query($y: Boolean = true) { me { ${Array.from({ length: n }, () => 'id @include(if: $y)').join(' ')} } }`;
    await agent.ok(directed(limits.maxDirectives));
    expectTooComplex(await post({ query: directed(limits.maxDirectives + 1) }));
  });

  test(`tokens: a document of more than ${limits.maxTokens} tokens, by POST or GET`, async () => {
    const long = `{ me { ${'id '.repeat(limits.maxTokens)} } }`;
    expectTooComplex(await post({ query: long }));
    const res = await fetch(`${t.url}?query=${encodeURIComponent(long)}`, { headers: { authorization: `Bearer ${agent.token}`, 'apollo-require-preflight': 'true' } });
    expectTooComplex({ status: res.status, body: await res.json() });
    // Comments are not tokens: a commented document of the same length runs.
    await agent.ok(`# ${'x '.repeat(limits.maxTokens)}\n{ me { id } }`);
  });

  test('batches are refused whole, so they cannot multiply the limits, and their mutations write nothing', async () => {
    const before = await t.countRows(WRITTEN);
    const answer = await post([
      { query: CREATE, variables: { input: requestInput({ idempotencyKey: 'batch-1' }) } },
      { query: CREATE, variables: { input: requestInput({ idempotencyKey: 'batch-2' }) } },
    ]);
    expectTooComplex(answer);
    expect(answer.body.errors[0].message).toMatch(/batch/);
    expect(await t.countRows(WRITTEN)).toEqual(before);
  });

  test("introspection: fanning out through the types is refused (graphql-js's own rule), and so is more than one schema's worth", async () => {
    const fanOut = '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expectTooComplex(await post({ query: fanOut }));
    const intro = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true });
    const twice = intro.replace('__schema', 'a: __schema').replace(/query IntrospectionQuery\s*\{/, '$& b: __schema { types { ...FullType } }');
    const answer = await post({ query: twice });
    expectTooComplex(answer);
    expect(answer.body.errors[0].message).toMatch(/introspection/);
  });
});

describe('pagination caps: `first` defaults to 20, is capped at 100, and a negative one is BAD_USER_INPUT', () => {
  test('a connection asked for more than 100 gives 100 and says there is more; none asked gives 20', async () => {
    const d = await awaitingFollowUp(desk);
    await t.db.dataSource.query(
      `INSERT INTO timeline_event (request_id, at, kind, summary) SELECT $1, now(), 'NOTE', 'note ' || g FROM generate_series(1, 120) g`,
      [dbId(d.id)],
    );
    const timeline = async (first: string) => (await agent.ok(`query($id: ID!) { serviceRequest(id: $id) { timeline${first} { totalCount pageInfo { hasNextPage } edges { node { id } } } } }`, { id: d.id })).serviceRequest.timeline;
    const big = await timeline('(first: 500)');
    expect([big.edges.length, big.pageInfo.hasNextPage]).toEqual([100, true]);
    expect(big.totalCount).toBeGreaterThan(120);
    expect((await timeline('')).edges).toHaveLength(20);
    expect((await timeline('(first: 0)')).edges).toHaveLength(0);
  });

  test.each([
    ['serviceRequests', () => agent, '{ serviceRequests(first: -1) { totalCount } }'],
    ['myAssignments', () => desk.urban, '{ myAssignments(first: -1) { totalCount } }'],
    ['notifications', () => agent, '{ notifications(first: -1) { totalCount } }'],
    ['knowledgeArticles', () => agent, '{ knowledgeArticles(first: -1) { totalCount } }'],
    ['knowledgeArticles search', () => agent, '{ knowledgeArticles(search: "社保", first: -1) { totalCount } }'],
    ['webhookDeliveries', () => admin, '{ webhookDeliveries(first: -1) { totalCount } }'],
  ])('%s(first: -1) is BAD_USER_INPUT', async (_name, client, query) => {
    expect(await client().errorCode(query)).toBe('BAD_USER_INPUT');
  });

  test('nested lists and similarRequests refuse a negative first too', async () => {
    const created = (await agent.ok(CREATE, { input: requestInput({ idempotencyKey: 'negative-first-1' }) })).createServiceRequest;
    expect(await agent.errorCode('query($id: ID!) { serviceRequest(id: $id) { timeline(first: -1) { totalCount } } }', { id: created.id })).toBe('BAD_USER_INPUT');
    expect(await agent.errorCode('query($id: ID!) { serviceRequest(id: $id) { citizen { requests(first: -1) { totalCount } } } }', { id: created.id })).toBe('BAD_USER_INPUT');
    expect(await supervisor.errorCode('query($id: ID!) { similarRequests(requestId: $id, first: -1) { score } }', { id: created.id })).toBe('BAD_USER_INPUT');
  });

  test(`kpis: more rows than one answer holds is BAD_USER_INPUT (refused, not cut short); a narrower question answers`, async () => {
    // Rollup rows for every day of 2025, every department and every channel (one category, region and type).
    await t.db.dataSource.query(`
      INSERT INTO kpi_rollup (day, department_id, category_id, region_id, channel, request_type, received)
      SELECT day::date, d.id, (SELECT min(id) FROM category), (SELECT min(id) FROM region), channel, 'HELP', 1
      FROM generate_series('2025-01-01'::date, '2025-12-31'::date, interval '1 day') day
      CROSS JOIN department d CROSS JOIN unnest(enum_range(NULL::channel)) channel
      ON CONFLICT DO NOTHING`);
    // …and the coarser rollups summed from them, as the rollup job derives them (kpis reads the smallest that answers).
    await t.db.dataSource.transaction((em) => deriveCoarseRollups(em, daysBetween('2025-01-01', '2025-12-31')));
    const rows = (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM kpi_rollup WHERE day BETWEEN '2025-01-01' AND '2025-12-31'`))[0].n;
    const kpis = (groupBy: string) => `{ kpis(query: {from: "2025-01-01T00:00:00+08:00", to: "2026-01-01T00:00:00+08:00", groupBy: [${groupBy}]}) { key received } }`;
    expect(await analyst.errorCode(kpis('DAY, DEPARTMENT, CHANNEL'))).toBe('BAD_USER_INPUT');
    const byMonth = (await analyst.ok(kpis('MONTH, DEPARTMENT'))).kpis;
    expect(byMonth.reduce((sum: number, r: { received: number }) => sum + r.received, 0)).toBe(rows);
    // The columnar answer refuses the same questions and answers the same rows.
    const series = (groupBy: string) => `{ kpiSeries(query: {from: "2025-01-01T00:00:00+08:00", to: "2026-01-01T00:00:00+08:00", groupBy: [${groupBy}]}) { keys received } }`;
    expect(await analyst.errorCode(series('DAY, DEPARTMENT, CHANNEL'))).toBe('BAD_USER_INPUT');
    const byMonthSeries = (await analyst.ok(series('MONTH, DEPARTMENT'))).kpiSeries;
    expect(byMonthSeries).toEqual({ keys: byMonth.map((r: { key: string[] }) => r.key), received: byMonth.map((r: { received: number }) => r.received) });
  });
});

describe('limits come from the configuration', () => {
  test('a lower limit from the environment applies', async () => {
    const strict = await startTestServer({ env: { GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COST: '50' } });
    try {
      const client = await strict.login('agent01');
      await client.ok('{ me { department { code } } }');
      expect(await client.errorCode('{ me { department { parent { code } } } }')).toBe('QUERY_TOO_COMPLEX');
      expect(await client.errorCode('{ serviceRequests(first: 10) { edges { node { id code title status } } } }')).toBe('QUERY_TOO_COMPLEX');
    } finally {
      await strict.close();
    }
  });
});

