import { GraphQLClient } from './support/graphql-client';
import {
  ACCEPT, DECIDE_RETURN, GET, REPLY, REQUEST_RETURN, REVIEW, createRequest, dispatch, kinds,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Issue 5: routing rules (most specific wins, then priority), suggestions that learn from returns, direct
// dispatch (直派) at intake, and duplicate candidates (并单).

const UPSERT = `mutation($input: RoutingRuleInput!) { upsertRoutingRule(input: $input) {
  id priority autoDispatch category { code } region { code } department { code } updatedBy { username } } }`;
const DELETE = 'mutation($id: ID!) { deleteRoutingRule(id: $id) }';
const RULES = 'query($c: String) { routingRules(categoryCode: $c) { id category { code } region { code } department { code } priority } }';
const SUGGEST = 'query($id: ID!) { routingSuggestions(requestId: $id) { department { code } score reason } }';
const SIMILAR = 'query($id: ID!) { similarRequests(requestId: $id, first: 10) { request { id code } score reason } }';

let t: TestServer;
let admin: GraphQLClient;
let agent: GraphQLClient;
let supervisor: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [admin, agent, supervisor] = await t.loginAll('admin', 'agent01', 'supervisor01');
});
afterAll(() => t.close());

const rule = async (input: Record<string, unknown>) => (await admin.ok(UPSERT, { input })).upsertRoutingRule;
const suggestFor = async (id: string) => (await agent.ok(SUGGEST, { id })).routingSuggestions as { department: { code: string }; score: number; reason: string }[];
const codes = (s: { department: { code: string } }[]) => s.map((x) => x.department.code);
const later = (hours: number) => t.clock.set(new Date(t.clock.now().getTime() + hours * 3_600_000));

describe('routing rules', () => {
  test('the most specific rule wins: a sub-category over its parent, a region over none, then priority', async () => {
    await rule({ categoryCode: 'URBAN', departmentCode: 'URBAN', priority: 50 });
    await rule({ categoryCode: 'URBAN_LIGHT', departmentCode: 'TRANSPORT', priority: 5 });
    await rule({ categoryCode: 'URBAN_LIGHT', departmentCode: 'HOUSING', priority: 9 });
    const local = await rule({ categoryCode: 'URBAN_LIGHT', regionCode: 'D01', departmentCode: 'D01', priority: -1 });
    expect(local).toMatchObject({ category: { code: 'URBAN_LIGHT' }, region: { code: 'D01' }, department: { code: 'D01' }, updatedBy: { username: 'admin' } });

    const inStreetOfD01 = await createRequest(agent, { regionCode: 'D01S01' });
    expect(codes(await suggestFor(inStreetOfD01.id))[0]).toBe('D01');
    const inD02 = await createRequest(agent, { regionCode: 'D02' });
    const d02 = await suggestFor(inD02.id);
    expect(codes(d02)).toEqual(['HOUSING', 'TRANSPORT', 'URBAN']);
    expect(d02[0].reason).toContain('routing rule');
    expect(d02[0].score).toBeGreaterThan(d02[1].score);
    expect(d02.every((s) => s.score > 0 && s.score <= 1)).toBe(true);
    const green = await createRequest(agent, { categoryCode: 'URBAN_GREEN', title: '行道树倒伏', content: '大风把路边的树刮倒了' });
    expect(codes(await suggestFor(green.id))).toEqual(['URBAN']);
  });

  test('rules are listed by category subtree, replaced by id and deleted once', async () => {
    const listed = (await supervisor.ok(RULES, { c: 'URBAN_LIGHT' })).routingRules;
    expect(listed.map((r: any) => r.department.code).sort()).toEqual(['D01', 'HOUSING', 'TRANSPORT']);
    const transport = listed.find((r: any) => r.department.code === 'TRANSPORT');
    const replaced = await rule({ id: transport.id, categoryCode: 'URBAN_LIGHT', departmentCode: 'TRANSPORT', priority: 20 });
    expect(replaced).toMatchObject({ id: transport.id, priority: 20 });
    expect((await admin.ok(DELETE, { id: transport.id })).deleteRoutingRule).toBe(transport.id);
    expect(await admin.errorCode(DELETE, { id: transport.id })).toBe('NOT_FOUND');
    expect((await supervisor.ok(RULES, { c: 'URBAN_LIGHT' })).routingRules).toHaveLength(2);
  });

  test('bad rules are refused and nothing is written', async () => {
    const before = await t.countRows(['routing_rule']);
    expect(await admin.errorCode(UPSERT, { input: { categoryCode: 'NO_SUCH', departmentCode: 'URBAN' } })).toBe('BAD_USER_INPUT');
    expect(await admin.errorCode(UPSERT, { input: { categoryCode: 'URBAN', departmentCode: 'HOTLINE' } })).toBe('BAD_USER_INPUT');
    expect(await admin.errorCode(UPSERT, { input: { categoryCode: 'URBAN', regionCode: 'NOWHERE', departmentCode: 'URBAN' } })).toBe('BAD_USER_INPUT');
    expect(await admin.errorCode(UPSERT, { input: { categoryCode: 'URBAN', departmentCode: 'URBAN', priority: 5000 } })).toBe('BAD_USER_INPUT');
    expect(await admin.errorCode(UPSERT, { input: { id: 'not-an-id', categoryCode: 'URBAN', departmentCode: 'URBAN' } })).toBe('BAD_USER_INPUT');
    expect(await t.countRows(['routing_rule'])).toEqual(before);
  });

  test('only administrators manage rules; liaisons and analysts do not even read them', async () => {
    const [liaison, analyst] = await t.loginAll('liaison_urban', 'analyst01');
    for (const client of [agent, supervisor, liaison, analyst]) {
      expect(await client.errorCode(UPSERT, { input: { categoryCode: 'URBAN', departmentCode: 'URBAN' } })).toBe('FORBIDDEN');
    }
    for (const client of [liaison, analyst]) {
      expect(await client.errorCode(RULES, {})).toBe('FORBIDDEN');
      expect(await client.errorCode(SUGGEST, { id: (await createRequest(agent)).id })).toBe('FORBIDDEN');
    }
  });
});

describe('direct dispatch (直派)', () => {
  beforeAll(async () => {
    await rule({ categoryCode: 'TRANSPORT_PARKING', departmentCode: 'TRANSPORT', autoDispatch: true });
  });
  const parking = { categoryCode: 'TRANSPORT_PARKING', title: '车辆堵门', content: '一辆白色轿车堵在小区消防通道上' };

  test('a NORMAL request whose best rule asks for it is dispatched at intake by the system', async () => {
    const created = await createRequest(agent, parking);
    expect(created).toMatchObject({ status: 'DISPATCHED', leadAssignment: { department: { code: 'TRANSPORT' }, status: 'PENDING' } });
    const request = await (await t.login('agent01')).ok(GET, { id: created.id });
    expect(kinds(request.serviceRequest)).toEqual(['CREATED', 'DISPATCHED']);
    const dispatched = request.serviceRequest.timeline.edges[1].node;
    expect(dispatched.actor).toBeNull();
    expect(dispatched.summary).toContain('直派');
    expect(dispatched.summary).toContain('routing rule');
  });

  test('not when the agent answers on the spot, nor for urgent matters, nor where the rule does not ask for it', async () => {
    expect((await createRequest(agent, { ...parking, directDispatch: false })).status).toBe('REGISTERED');
    expect((await createRequest(agent, { ...parking, urgency: 'URGENT' })).status).toBe('REGISTERED');
    expect((await createRequest(agent, { categoryCode: 'URBAN_GREEN', title: '绿化带缺苗', content: '花坛里的苗都死了' })).status).toBe('REGISTERED');
  });

  test('a more specific rule without direct dispatch overrides a general one with it', async () => {
    await rule({ categoryCode: 'TRANSPORT_PARKING', regionCode: 'D05', departmentCode: 'D05' });
    const inD05 = await createRequest(agent, { ...parking, regionCode: 'D05S01' });
    expect(inD05.status).toBe('REGISTERED');
    expect(codes(await suggestFor(inD05.id))[0]).toBe('D05');
  });
});

describe('suggestions learn from what departments did', () => {
  const price = { categoryCode: 'MARKET_PRICE', regionCode: 'D03', title: '停车场乱收费', content: '南湖小区地下停车场临时停车每小时收费二十元，远超公示标准。' };

  /** The rule's department returns it; the district government takes it and finishes it. */
  async function misroutedThenFinished(market: GraphQLClient, district: GraphQLClient) {
    const created = await createRequest(agent, price);
    const first = await dispatch(supervisor, created.id, 'MARKET');
    await market.ok(REQUEST_RETURN, { id: first.leadAssignment.id, reason: '属地管理事项，非本部门职责' });
    await supervisor.ok(DECIDE_RETURN, { id: first.leadAssignment.id, approve: true });
    const second = await dispatch(supervisor, created.id, 'D03');
    await district.ok(ACCEPT, { id: second.leadAssignment.id });
    await district.ok(REPLY, { id: second.leadAssignment.id, reply: '已责令停车场按公示标准收费并退还多收费用。', outcome: 'RESOLVED' });
    await supervisor.ok(REVIEW, { id: second.leadAssignment.id, approve: true });
    later(1);
  }

  test('a department that keeps returning a kind of request stops being suggested for it', async () => {
    await rule({ categoryCode: 'MARKET', departmentCode: 'MARKET' });
    const [market, district] = await t.loginAll('liaison_market', 'liaison_d03');
    const before = await createRequest(agent, price);
    expect(codes(await suggestFor(before.id))[0]).toBe('MARKET');

    for (let i = 0; i < 3; i++) await misroutedThenFinished(market, district);

    const after = await createRequest(agent, price);
    const suggestions = await suggestFor(after.id);
    expect(codes(suggestions)[0]).toBe('D03');
    expect(codes(suggestions)).not.toContain('MARKET');
    expect(suggestions[0].reason).toMatch(/completed here/);
    // Elsewhere in the city MARKET has no such record: the rule still stands there.
    const elsewhere = await createRequest(agent, { ...price, regionCode: 'D06' });
    expect(codes(await suggestFor(elsewhere.id))).toContain('MARKET');
  });
});

describe('similar requests (并单 candidates)', () => {
  test('the same caller on the same matter in other words is found; an unrelated request in the district is not', async () => {
    const caller = { name: '李四', phone: '13900001111' };
    const first = await createRequest(agent, {
      citizen: caller, regionCode: 'D04S01', title: '幸福路路灯不亮', content: '北山街道幸福路东段的路灯连续三晚不亮，晚上一片漆黑。',
    });
    const again = await createRequest(agent, {
      citizen: caller, regionCode: 'D04S01', title: '路灯坏了', content: '幸福路那边路灯坏了好几天，晚上走路看不见。',
    });
    const neighbour = await createRequest(agent, {
      citizen: { name: '王五', phone: '13900002222' }, regionCode: 'D04S02', title: '路灯坏了好几天', content: '幸福路的路灯坏了好几天了，晚上看不见路。',
    });
    const unrelated = await createRequest(agent, {
      citizen: { name: '赵六', phone: '13900003333' }, regionCode: 'D04S01', categoryCode: 'ENV_FUMES', title: '餐馆油烟', content: '楼下烧烤店油烟直排，窗户都不敢开。',
    });
    const unrelatedSameCategory = await createRequest(agent, {
      citizen: { name: '钱七', phone: '13900004444' }, regionCode: 'D04S01', title: '路灯白天常亮', content: '青年路的路灯大白天也开着，浪费电。',
    });
    const found = (await agent.ok(SIMILAR, { id: again.id })).similarRequests as { request: { id: string }; score: number; reason: string }[];
    const ids = found.map((f) => f.request.id);
    expect(found.find((f) => f.request.id === first.id)?.reason).toContain('same caller');
    expect(found.find((f) => f.request.id === neighbour.id)?.reason).not.toContain('same caller');
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(unrelatedSameCategory.id);
    expect(ids).not.toContain(again.id);
    expect(found.every((f) => f.score > 0 && f.score <= 1)).toBe(true);
  });

  test('only the center asks; unknown ids are NOT_FOUND and malformed ones BAD_USER_INPUT', async () => {
    const liaison = await t.login('liaison_urban');
    const id = (await createRequest(agent)).id;
    expect(await liaison.errorCode(SIMILAR, { id })).toBe('FORBIDDEN');
    expect(await agent.errorCode(SIMILAR, { id: Buffer.from('ServiceRequest:999999').toString('base64url') })).toBe('NOT_FOUND');
    expect(await agent.errorCode(SIMILAR, { id: 'nonsense' })).toBe('BAD_USER_INPUT');
  });
});
