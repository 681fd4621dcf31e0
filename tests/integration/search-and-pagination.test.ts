import { GraphQLClient } from './support/graphql-client';
import { DAY, Desk, HOUR, LIST, MY_ASSIGNMENTS, createRequest, dispatch, dispatchedRequest, edgesOf } from './support/operations';
import { TEST_START, startTestServer, TestServer } from './support/test-server';

// Search finds Chinese substrings of title/content and parts of codes; lists are keyset-paginated
// (first/after, first capped at 100) with a totalCount that matches what the pages hold.

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

const search = async (client: GraphQLClient, filter: Record<string, unknown>) =>
  (await client.ok(LIST, { filter, first: 100 })).serviceRequests;
const titles = (connection: any) => edgesOf(connection).map((r) => r.title).sort();

/** Every page of a list, following endCursor until hasNextPage is false. */
async function allPages(client: GraphQLClient, query: string, field: string, variables: Record<string, unknown>, between?: () => Promise<void>) {
  const pages: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (await client.ok(query, { ...variables, after }))[field];
    pages.push(page);
    if (!page.pageInfo.hasNextPage) return pages;
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
    after = page.pageInfo.endCursor;
    if (between) await between();
  }
}

describe('search', () => {
  beforeAll(async () => {
    await createRequest(agent, { title: '路灯不亮', content: '小区门口一直黑着', categoryCode: 'URBAN_LIGHT' });
    await createRequest(agent, { title: '反映照明问题', content: '幸福小区门口路灯不亮已一周', categoryCode: 'URBAN_LIGHT' });
    await createRequest(agent, { title: '噪音扰民', content: '楼下商铺夜间施工，噪音很大', categoryCode: 'ENV_NOISE' });
    await createRequest(agent, { title: '拖欠工资', content: '某建筑公司拖欠农民工工资三个月', categoryCode: 'HRSS_WAGE', regionCode: 'D02' });
    await createRequest(agent, { title: '停水', content: '灯塔小区停水两天', categoryCode: 'WATER_CUT' });
  });

  test('finds a Chinese substring inside the title or the content, not only whole words', async () => {
    expect(titles(await search(agent, { search: '路灯' }))).toEqual(['反映照明问题', '路灯不亮'].sort());
    expect(titles(await search(agent, { search: '农民工工资' }))).toEqual(['拖欠工资']);
    expect(titles(await search(agent, { search: '灯' }))).toEqual(['反映照明问题', '停水', '路灯不亮'].sort());
    expect((await search(agent, { search: '路灯' })).totalCount).toBe(2);
    expect((await search(agent, { search: '不存在的内容' })).totalCount).toBe(0);
  });

  test('finds a request by a part of its code, and by its whole code', async () => {
    const [noise] = edgesOf(await search(agent, { search: '噪音扰民' }));
    const byPart = edgesOf(await search(agent, { search: noise.code.slice(-6) })).map((r) => r.id);
    expect(byPart).toContain(noise.id);
    expect(edgesOf(await search(agent, { search: noise.code })).map((r) => r.id)).toEqual([noise.id]);
    expect((await agent.ok('query($c: String!) { serviceRequest(code: $c) { id } }', { c: noise.code })).serviceRequest.id).toBe(noise.id);
  });

  test('LIKE wildcards and regex characters in the search are literal', async () => {
    for (const s of ['%', '_', '.*', '\\']) expect((await search(agent, { search: s })).totalCount).toBe(0);
  });

  test('search combines with region and category subtrees, type and status', async () => {
    expect((await search(agent, { search: '工资', regionCode: 'D02' })).totalCount).toBe(1);
    expect((await search(agent, { search: '工资', regionCode: 'D01' })).totalCount).toBe(0);
    expect(titles(await search(agent, { categoryCode: 'ENV' }))).toEqual(['噪音扰民']);
    expect((await search(agent, { search: '路灯', status: ['REGISTERED'], type: ['COMPLAINT'] })).totalCount).toBe(2);
    expect((await search(agent, { search: '路灯', status: ['CLOSED'] })).totalCount).toBe(0);
    expect((await search(agent, { search: '路灯', type: ['PRAISE'] })).totalCount).toBe(0);
  });

  test('a liaison searches only within their department\'s requests', async () => {
    const mine = await dispatchedRequest(desk, { input: { title: '井盖缺失', content: '人民路井盖缺失' } });
    await dispatchedRequest(desk, { lead: 'MARKET', input: { title: '井盖丢失', content: '市场门口井盖丢失' } });
    expect(edgesOf(await search(urban, { search: '井盖' })).map((r) => r.id)).toEqual([mine.id]);
    expect((await search(supervisor, { search: '井盖' })).totalCount).toBe(2);
    expect((await search(supervisor, { search: '井盖', departmentCode: 'MARKET' })).totalCount).toBe(1);
  });

  test('a citizen\'s history by phone in any format, for repeat callers', async () => {
    await createRequest(agent, { citizen: { name: '周七', phone: '15811112222' } });
    await createRequest(agent, { citizen: { name: '周七', phone: '+86 158 1111 2222' } });
    const q = '{ serviceRequests(filter: { citizenPhone: "158-1111-2222" }) { totalCount edges { node { citizen { isRepeatCaller requestCount } } } } }';
    const history = (await agent.ok(q)).serviceRequests;
    expect(history.totalCount).toBe(2);
    expect(history.edges[0].node.citizen).toEqual({ isRepeatCaller: true, requestCount: 2 });
  });

  test('creation time filters use the server\'s clock', async () => {
    t.clock.set(new Date(TEST_START.getTime() + 10 * DAY));
    await createRequest(agent, { title: '晚些时候的诉求' });
    const later = await search(agent, { createdFrom: new Date(TEST_START.getTime() + 9 * DAY).toISOString() });
    expect(titles(later)).toEqual(['晚些时候的诉求']);
    const earlier = await search(agent, { createdTo: new Date(TEST_START.getTime() + HOUR).toISOString() });
    expect(titles(earlier)).not.toContain('晚些时候的诉求');
    t.clock.set(TEST_START);
  });
});

describe('keyset pagination', () => {
  test('45 requests in pages of 20: three pages, no duplicates, totalCount right on every page', async () => {
    // Several requests share a creation instant: the keyset must break ties without losing or repeating any.
    for (let i = 0; i < 45; i++) {
      if (i % 10 === 0) t.clock.advance(60_000);
      await createRequest(agent, { regionCode: 'D06', title: `分页测试 ${i}` });
    }
    const pages = await allPages(agent, LIST, 'serviceRequests', { filter: { regionCode: 'D06' }, first: 20 });
    expect(pages.map((p) => p.edges.length)).toEqual([20, 20, 5]);
    expect(pages.map((p) => p.totalCount)).toEqual([45, 45, 45]);
    const seen = pages.flatMap((p) => edgesOf(p).map((r) => r.title));
    expect(new Set(seen).size).toBe(45);
    expect(seen.slice(0, 5)).toEqual(['分页测试 44', '分页测试 43', '分页测试 42', '分页测试 41', '分页测试 40']); // newest first
  });

  test('requests created while paging neither repeat nor push older ones out', async () => {
    for (let i = 0; i < 30; i++) await createRequest(agent, { regionCode: 'D04', title: `翻页中 ${i}` });
    let added = 0;
    const pages = await allPages(agent, LIST, 'serviceRequests', { filter: { regionCode: 'D04' }, first: 10 }, async () => {
      await createRequest(agent, { regionCode: 'D04', title: `新来电 ${added++}` });
    });
    const seen = pages.flatMap((p) => edgesOf(p).map((r) => r.title));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((title) => title.startsWith('翻页中'))).toHaveLength(30);
  });

  test('first is capped at 100', async () => {
    for (let i = 0; i < 60; i++) await createRequest(agent, { regionCode: 'D05', title: `上限测试 ${i}` });
    const page = (await agent.ok(LIST, { filter: { regionCode: 'D05' }, first: 1000 })).serviceRequests;
    expect(page.edges).toHaveLength(60);
    const all = (await agent.ok(LIST, { first: 1000 })).serviceRequests;
    expect(all.edges).toHaveLength(100);
    expect(all.pageInfo.hasNextPage).toBe(true);
    expect(all.totalCount).toBeGreaterThan(100);
    expect((await agent.ok(LIST, {})).serviceRequests.edges).toHaveLength(20); // the default page size
  });

  test('a liaison\'s work list pages the same way', async () => {
    for (let i = 0; i < 25; i++) await dispatch(supervisor, (await createRequest(agent, { title: `派给环保 ${i}` })).id, 'ENV');
    const env = await t.login('liaison_env');
    const pages = await allPages(env, MY_ASSIGNMENTS, 'myAssignments', { first: 10 });
    expect(pages.map((p) => p.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
    expect(new Set(pages.flatMap((p) => edgesOf(p).map((a) => a.id))).size).toBe(25);
  });

  test('a timeline pages in order', async () => {
    const { id } = await dispatchedRequest(desk);
    for (let i = 0; i < 5; i++) await agent.ok('mutation($id: ID!, $c: String!) { addNote(requestId: $id, content: $c) { id } }', { id, c: `备注 ${i}` });
    const query = `query($id: ID!, $first: Int, $after: String) { serviceRequest(id: $id) {
      timeline(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { kind summary } } } } }`;
    const pages: any[] = [];
    let after: string | null = null;
    do {
      const page: any = (await agent.ok(query, { id, first: 3, after })).serviceRequest.timeline;
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages.map((p) => p.totalCount)).toEqual([7, 7, 7]);
    expect(pages.flatMap((p) => edgesOf(p).map((e) => e.summary)).slice(2)).toEqual(['备注 0', '备注 1', '备注 2', '备注 3', '备注 4']);
    expect(pages.flatMap((p) => edgesOf(p).map((e) => e.kind)).slice(0, 2)).toEqual(['CREATED', 'DISPATCHED']);
  });
});
