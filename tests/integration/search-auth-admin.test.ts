import { SignJWT } from 'jose';
import { GraphQLClient } from './support/graphql-client';
import { createRequest, dispatch } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

let t: TestServer;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let admin: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, admin] = await Promise.all(['agent01', 'supervisor01', 'admin'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const PAGE = `query($filter: ServiceRequestFilter, $first: Int, $after: String) {
  serviceRequests(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id code title } } pageInfo { hasNextPage endCursor } } }`;

describe('search', () => {
  beforeAll(async () => {
    await createRequest(agent, { title: '噪音扰民', content: '楼下商铺夜间施工，噪音很大', categoryCode: 'ENV_NOISE' });
    await createRequest(agent, { title: '反映照明问题', content: '幸福小区门口路灯不亮已一周', categoryCode: 'URBAN_LIGHT' });
    await createRequest(agent, { title: '拖欠工资', content: '某建筑公司拖欠农民工工资三个月', categoryCode: 'HRSS_WAGE', regionCode: 'D02' });
  });

  test('finds a Chinese substring inside the content, not only whole words', async () => {
    const found = (await agent.ok(PAGE, { filter: { search: '路灯' } })).serviceRequests;
    expect(found.edges.map((e: any) => e.node.title)).toEqual(['反映照明问题']);
    const three = (await agent.ok(PAGE, { filter: { search: '农民工工资' } })).serviceRequests;
    expect(three.edges.map((e: any) => e.node.title)).toEqual(['拖欠工资']);
  });

  test('finds a request by part of its code', async () => {
    const any = (await agent.ok(PAGE, { filter: { search: '噪音' } })).serviceRequests.edges[0].node;
    const part = any.code.slice(-6);
    const byCode = (await agent.ok(PAGE, { filter: { search: part } })).serviceRequests;
    expect(byCode.edges.map((e: any) => e.node.id)).toContain(any.id);
  });

  test('LIKE wildcards in the search are literal', async () => {
    expect((await agent.ok(PAGE, { filter: { search: '%' } })).serviceRequests.totalCount).toBe(0);
    expect((await agent.ok(PAGE, { filter: { search: '_' } })).serviceRequests.totalCount).toBe(0);
  });

  test('search combines with a region subtree and a category subtree', async () => {
    const inD02 = (await agent.ok(PAGE, { filter: { search: '工资', regionCode: 'D02' } })).serviceRequests;
    expect(inD02.totalCount).toBe(1);
    const inD01 = (await agent.ok(PAGE, { filter: { search: '工资', regionCode: 'D01' } })).serviceRequests;
    expect(inD01.totalCount).toBe(0);
    const byParentCategory = (await agent.ok(PAGE, { filter: { categoryCode: 'ENV' } })).serviceRequests;
    expect(byParentCategory.edges.map((e: any) => e.node.title)).toEqual(['噪音扰民']);
  });

  test('a citizen\'s history by phone, for repeat callers', async () => {
    await createRequest(agent, { citizen: { name: '周七', phone: '15811112222' } });
    await createRequest(agent, { citizen: { name: '周七', phone: '+86 158 1111 2222' } });
    const history = (await agent.ok(`{ serviceRequests(filter: { citizenPhone: "158-1111-2222" }) { totalCount edges { node { citizen { isRepeatCaller requestCount } } } } }`)).serviceRequests;
    expect(history.totalCount).toBe(2);
    expect(history.edges[0].node.citizen).toEqual({ isRepeatCaller: true, requestCount: 2 });
  });
});

describe('keyset pagination', () => {
  test('45 requests in pages of 20: three pages, no duplicates, stable totalCount', async () => {
    const region = 'D06';
    for (let i = 0; i < 45; i++) await createRequest(agent, { regionCode: region, title: `分页测试 ${i}` });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = (await agent.ok(PAGE, { filter: { regionCode: region }, first: 20, after })).serviceRequests;
      pages++;
      expect(page.totalCount).toBe(45);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(45);
  });

  test('first is capped at 100', async () => {
    for (let i = 0; i < 60; i++) await createRequest(agent, { regionCode: 'D05', title: `上限测试 ${i}` });
    const page = (await agent.ok(PAGE, { filter: { regionCode: 'D05' }, first: 1000 })).serviceRequests;
    expect(page.edges.length).toBeLessThanOrEqual(100);
    expect(page.edges.length).toBe(60);
    const all = (await agent.ok(PAGE, { first: 1000 })).serviceRequests;
    expect(all.edges).toHaveLength(100);
    expect(all.pageInfo.hasNextPage).toBe(true);
  });
});

describe('authentication', () => {
  test('no token, a bad password, a tampered and an expired token are UNAUTHENTICATED', async () => {
    expect(await t.anonymous.errorCode('{ me { id } }')).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode('mutation { login(username: "agent01", password: "wrong-password") { token } }')).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode('mutation { login(username: "nobody", password: "demo12345") { token } }')).toBe('UNAUTHENTICATED');
    const tampered = new GraphQLClient(t.url, `${agent.token!.slice(0, -3)}abc`);
    expect(await tampered.errorCode('{ me { id } }')).toBe('UNAUTHENTICATED');
    const key = new TextEncoder().encode('development-only-token-secret-change-me');
    const iat = Math.floor(t.clock.now().getTime() / 1000) - 7200;
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('2').setIssuer('hotline-12345')
      .setAudience('hotline-12345-api').setIssuedAt(iat).setExpirationTime(iat + 3600).sign(key);
    const client = new GraphQLClient(t.url, expired);
    const result = await client.request('{ me { id } }');
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });
  });

  test('a token expires on the server\'s clock', async () => {
    const shortLived = await startTestServer({ env: { TOKEN_TTL: '1h' } });
    try {
      const me = await shortLived.login('agent01');
      expect((await me.ok('{ me { username } }')).me.username).toBe('agent01');
      shortLived.clock.advance(2 * 3_600_000);
      expect(await me.errorCode('{ me { username } }')).toBe('UNAUTHENTICATED');
    } finally {
      await shortLived.close();
    }
  });

  test('a deactivated account cannot log in, and its tokens stop working', async () => {
    const a2 = await t.login('agent02');
    await t.db.dataSource.query(`UPDATE staff SET active = false WHERE username = 'agent02'`);
    expect(await a2.errorCode('{ me { id } }')).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode('mutation { login(username: "agent02", password: "demo12345") { token } }')).toBe('UNAUTHENTICATED');
    await t.db.dataSource.query(`UPDATE staff SET active = true WHERE username = 'agent02'`);
  });
});

describe('administration', () => {
  const HELP_NORMAL = `mutation($amount: Int!) { updateSlaPolicy(input: { requestType: HELP, urgency: NORMAL,
    accept: { amount: $amount, unit: HOURS }, reply: { amount: 10, unit: WORKING_DAYS },
    followUp: { amount: 36, unit: HOURS }, warnBefore: { amount: 1, unit: HOURS } }) { accept { amount unit } } }`;

  test('an SLA change applies to assignments dispatched afterwards only', async () => {
    const before = await dispatch(supervisor, (await createRequest(agent, { type: 'HELP' })).id);
    expect((await admin.ok(HELP_NORMAL, { amount: 3 })).updateSlaPolicy.accept).toEqual({ amount: 3, unit: 'HOURS' });
    const after = await dispatch(supervisor, (await createRequest(agent, { type: 'HELP' })).id);
    expect(new Date(after.leadAssignment.acceptDueAt).getTime() - t.clock.now().getTime()).toBe(3 * 3_600_000);
    const unchanged = (await supervisor.ok('query($id: ID!) { serviceRequest(id: $id) { leadAssignment { acceptDueAt } } }', { id: before.id })).serviceRequest;
    expect(unchanged.leadAssignment.acceptDueAt).toBe(before.leadAssignment.acceptDueAt);
    expect(await admin.errorCode(HELP_NORMAL, { amount: 0 })).toBe('BAD_USER_INPUT');
    expect(await supervisor.errorCode(HELP_NORMAL, { amount: 4 })).toBe('FORBIDDEN');
  });

  test('a day marked off in the calendar moves working-day deadlines', async () => {
    // Clock: Monday 2 March 2026, 10:00 in Shanghai. A NORMAL complaint is signed for within 1 working day:
    // by the end of Tuesday. Declaring Tuesday a holiday moves it to the end of Wednesday.
    t.clock.set(new Date('2026-03-02T02:00:00Z'));
    const normal = await dispatch(supervisor, (await createRequest(agent)).id);
    expect(normal.leadAssignment.acceptDueAt).toBe('2026-03-03T16:00:00.000Z');
    const set = (await admin.ok('mutation { setCalendarDays(days: [{ date: "2026-03-03", workday: false, note: "临时停工" }]) { date workday note } }')).setCalendarDays;
    expect(set).toEqual([{ date: '2026-03-03', workday: false, note: '临时停工' }]);
    const moved = await dispatch(supervisor, (await createRequest(agent)).id);
    expect(moved.leadAssignment.acceptDueAt).toBe('2026-03-04T16:00:00.000Z');
    const days = (await agent.ok('{ calendar(from: "2026-03-02", to: "2026-03-04") { date workday note } }')).calendar;
    expect(days.map((d: any) => d.workday)).toEqual([true, false, true]);
  });

  test('the calendar shows the Spring Festival and its adjusted working days', async () => {
    const days = (await agent.ok('{ calendar(from: "2026-02-14", to: "2026-02-24") { date workday note } }')).calendar;
    expect(days.find((d: any) => d.date === '2026-02-14').workday).toBe(true);
    expect(days.find((d: any) => d.date === '2026-02-17')).toMatchObject({ workday: false, note: '春节' });
    expect(days.find((d: any) => d.date === '2026-02-24').workday).toBe(true);
  });

  test('createStaff: an admin creates a liaison who can log in; a supervisor cannot', async () => {
    const input = { username: 'liaison_urban_2', displayName: '城管联络员二', password: 'correct horse', roles: ['LIAISON'], departmentCode: 'URBAN' };
    const q = 'mutation($input: CreateStaffInput!) { createStaff(input: $input) { id username roles department { code } } }';
    expect(await supervisor.errorCode(q, { input })).toBe('FORBIDDEN');
    const created = (await admin.ok(q, { input })).createStaff;
    expect(created).toMatchObject({ username: 'liaison_urban_2', roles: ['LIAISON'], department: { code: 'URBAN' } });
    expect(await admin.errorCode(q, { input })).toBe('CONFLICT');
    expect(await admin.errorCode(q, { input: { ...input, username: 'liaison_x', departmentCode: null } })).toBe('BAD_USER_INPUT');
    const me = await t.login('liaison_urban_2', 'correct horse');
    expect((await me.ok('{ me { username } }')).me.username).toBe('liaison_urban_2');
  });
});
