import { GraphQLClient } from './support/graphql-client';
import { GET, NODE, createRequest, edgesOf, globalId, recordFollowUp } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';
import { seedKnowledgeArticles } from '../../src/seed/knowledge-articles.seed';
import { KNOWLEDGE_ARTICLES } from '../../src/seed/knowledge-texts';

// The knowledge base (知识库): agents search published articles in force and answer with them at intake;
// supervisors and administrators write them, every version kept. The demo articles are loaded here, as
// `npm start` loads them, so searches run over a realistic set.

let t: TestServer;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let admin: GraphQLClient;
let liaison: GraphQLClient;
let analyst: GraphQLClient;

const ARTICLE_FIELDS = `id title body status version validFrom validTo publishedAt updatedAt updatedBy { username } category { code }
  versions { version title body editedAt editedBy { username } } usageCount satisfactionRate`;
const LIST = `query($search: String, $categoryCode: String, $first: Int, $after: String) {
  knowledgeArticles(search: $search, categoryCode: $categoryCode, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status updatedAt category { code } } } } }`;
const CREATE = `mutation($input: KnowledgeArticleInput!) { createKnowledgeArticle(input: $input) { ${ARTICLE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: KnowledgeArticleInput!) { updateKnowledgeArticle(id: $id, input: $input) { ${ARTICLE_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishKnowledgeArticle(id: $id) { ${ARTICLE_FIELDS} } }`;
const ARTICLE = `query($id: ID!) { node(id: $id) { ... on KnowledgeArticle { ${ARTICLE_FIELDS} } } }`;
const RESOLVE = `mutation($id: ID!, $answer: String!, $articleId: ID) {
  resolveAtIntake(requestId: $id, answer: $answer, articleId: $articleId) { id status intakeAnswer knowledgeArticle { id title } } }`;

const TABLES = ['knowledge_article', 'knowledge_article_version', 'service_request', 'timeline_event'];

async function list(client: GraphQLClient, vars: Record<string, unknown> = {}) {
  return (await client.ok(LIST, { first: 100, ...vars })).knowledgeArticles;
}
const titles = (connection: { edges: { node: { title: string } }[] }) => edgesOf(connection).map((a) => a.title);

async function seededId(title: string): Promise<string> {
  const found = edgesOf(await list(supervisor, { search: title })).find((a) => a.title === title);
  if (!found) throw new Error(`no seeded article ${title}`);
  return found.id;
}

async function publishedArticle(input: Record<string, unknown>) {
  const created = (await supervisor.ok(CREATE, { input })).createKnowledgeArticle;
  return (await supervisor.ok(PUBLISH, { id: created.id })).publishKnowledgeArticle;
}

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, admin, liaison, analyst] = await t.loginAll('agent01', 'supervisor01', 'admin', 'liaison_urban', 'analyst01');
  await t.db.dataSource.transaction((em) => seedKnowledgeArticles(em));
});
afterAll(() => t.close());

describe('the demo knowledge base', () => {
  test('is loaded once, every article in a known category; loading again adds nothing', async () => {
    const before = await t.countRows(['knowledge_article', 'knowledge_article_version']);
    expect(before.knowledge_article).toBe(KNOWLEDGE_ARTICLES.length);
    expect(before.knowledge_article).toBeGreaterThanOrEqual(30);
    expect(await t.db.dataSource.transaction((em) => seedKnowledgeArticles(em))).toBe(0);
    expect(await t.countRows(['knowledge_article', 'knowledge_article_version'])).toEqual(before);
    const uncategorised = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM knowledge_article WHERE category_id IS NULL`);
    expect(uncategorised[0].n).toBe(0);
  });
});

describe('searching', () => {
  test('finds an article by a Chinese substring of its body', async () => {
    const found = await list(agent, { search: '即时制卡网点' });
    expect(titles(found)).toEqual(['社会保障卡丢失如何补办']);
    expect(found.totalCount).toBe(1);
    expect(found.pageInfo.hasNextPage).toBe(false);
  });

  test('ranks title hits before body hits, however new the body hit is', async () => {
    const inTitle = await publishedArticle({ title: '蓝鲸卡办理须知', body: '说明正文。', categoryCode: 'HRSS' });
    const inBody = await publishedArticle({ title: '另一条说明', body: '办理蓝鲸卡时请携带身份证。', categoryCode: 'HRSS' });
    expect(new Date(inBody.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(inTitle.updatedAt).getTime());
    expect(titles(await list(agent, { search: '蓝鲸卡' }))).toEqual(['蓝鲸卡办理须知', '另一条说明']);
  });

  test('takes % _ and \\ literally', async () => {
    await publishedArticle({ title: '减免比例说明', body: '符合条件的减免100%费用。' });
    expect(titles(await list(agent, { search: '100%' }))).toEqual(['减免比例说明']);
    expect(titles(await list(agent, { search: '_' }))).toEqual([]);
    expect(titles(await list(agent, { search: '\\' }))).toEqual([]);
  });

  test('answers at most `first` best matches as one page', async () => {
    const page = await list(agent, { search: '办理', first: 2 });
    expect(page.edges).toHaveLength(2);
    expect(page.totalCount).toBeGreaterThan(2);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(await agent.errorCode(LIST, { search: '办理', after: page.pageInfo.endCursor })).toBe('BAD_USER_INPUT');
  });

  test('categoryCode includes sub-categories; an unknown code is BAD_USER_INPUT', async () => {
    const hrss = edgesOf(await list(agent, { categoryCode: 'HRSS' }));
    expect(hrss.length).toBeGreaterThanOrEqual(5);
    expect(hrss.every((a) => a.category.code.startsWith('HRSS'))).toBe(true);
    expect(titles(await list(agent, { categoryCode: 'HRSS_WAGE' }))).toEqual(['拖欠工资投诉办理指引']);
    expect(await agent.errorCode(LIST, { categoryCode: 'NO_SUCH_CATEGORY' })).toBe('BAD_USER_INPUT');
  });

  test('without search, pages newest-updated first through keyset cursors', async () => {
    const seen: { id: string; updatedAt: string }[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = await list(agent, { first: 7, after });
      total = page.totalCount;
      seen.push(...edgesOf(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((a) => a.id)).size).toBe(total);
    const times = seen.map((a) => new Date(a.updatedAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe('what each role sees', () => {
  const DRAFTS = ['新能源汽车充电桩安装指引（征求意见稿）', '灵活就业人员社保缴费调整（草稿）'];
  const EXPIRED = '2025年春节期间生活垃圾清运时间调整';

  test('drafts and expired articles are invisible to agents, liaisons and analysts, in the list and through node()', async () => {
    const hidden = [...DRAFTS, EXPIRED];
    const ids = await Promise.all(hidden.map(seededId));
    for (const client of [agent, liaison, analyst]) {
      const all = titles(await list(client));
      expect(all).toContain('社会保障卡丢失如何补办');
      for (const title of hidden) expect(all).not.toContain(title);
      expect(titles(await list(client, { search: '垃圾清运时间' }))).toEqual([]);
      for (const id of ids) expect((await client.ok(NODE, { id })).node).toBeNull();
    }
  });

  test('supervisors and admins see them all', async () => {
    for (const client of [supervisor, admin]) {
      const all = titles(await list(client));
      for (const title of [...DRAFTS, EXPIRED]) expect(all).toContain(title);
    }
    const id = await seededId(DRAFTS[0]);
    expect((await supervisor.ok(NODE, { id })).node).toEqual({ __typename: 'KnowledgeArticle', id });
    const expired = (await admin.ok(ARTICLE, { id: await seededId(EXPIRED) })).node;
    expect(expired).toMatchObject({ status: 'PUBLISHED', validTo: '2025-02-12T16:00:00.000Z', category: { code: 'URBAN_GARBAGE' } });
  });
});

describe('editing', () => {
  test('create → DRAFT v1, update → v2 with the history kept, publish, edit while published stays published', async () => {
    const created = (await supervisor.ok(CREATE, {
      input: { title: '城市书房开放时间', body: '城市书房每日9:00-21:00开放。', categoryCode: 'EDU_HEALTH' },
    })).createKnowledgeArticle;
    expect(created).toMatchObject({
      status: 'DRAFT', version: 1, publishedAt: null, validTo: null, validFrom: t.clock.now().toISOString(),
      updatedBy: { username: 'supervisor01' }, category: { code: 'EDU_HEALTH' }, usageCount: 0, satisfactionRate: null,
    });
    expect(created.versions).toEqual([
      { version: 1, title: '城市书房开放时间', body: '城市书房每日9:00-21:00开放。', editedAt: created.updatedAt, editedBy: { username: 'supervisor01' } },
    ]);
    expect((await agent.ok(NODE, { id: created.id })).node).toBeNull();

    const updated = (await supervisor.ok(UPDATE, {
      id: created.id, input: { title: '城市书房开放时间', body: '城市书房每日9:00-22:00开放，节假日照常。' },
    })).updateKnowledgeArticle;
    expect(updated).toMatchObject({ status: 'DRAFT', version: 2, category: { code: 'EDU_HEALTH' } });
    expect(updated.versions.map((v: any) => [v.version, v.body])).toEqual([
      [2, '城市书房每日9:00-22:00开放，节假日照常。'], [1, '城市书房每日9:00-21:00开放。'],
    ]);

    const published = (await admin.ok(PUBLISH, { id: created.id })).publishKnowledgeArticle;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 2, publishedAt: t.clock.now().toISOString(), updatedBy: { username: 'admin' } });
    expect((await agent.ok(ARTICLE, { id: created.id })).node.body).toBe('城市书房每日9:00-22:00开放，节假日照常。');

    const corrected = (await supervisor.ok(UPDATE, {
      id: created.id, input: { title: '城市书房开放时间（更正）', body: '城市书房每日8:30-22:00开放。', categoryCode: null },
    })).updateKnowledgeArticle;
    expect(corrected).toMatchObject({ status: 'PUBLISHED', version: 3, category: null, title: '城市书房开放时间（更正）' });
    expect(corrected.versions.map((v: any) => v.version)).toEqual([3, 2, 1]);
    expect((await agent.ok(ARTICLE, { id: created.id })).node.body).toBe('城市书房每日8:30-22:00开放。');
  });

  test('publishing twice is INVALID_TRANSITION', async () => {
    const article = await publishedArticle({ title: '重复发布', body: '正文' });
    expect(await supervisor.errorCode(PUBLISH, { id: article.id })).toBe('INVALID_TRANSITION');
  });

  test('a window that has not started hides the article from agents until it starts', async () => {
    const later = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const article = await publishedArticle({ title: '明日起施行的新规', body: '正文', validFrom: later });
    expect((await agent.ok(NODE, { id: article.id })).node).toBeNull();
    expect((await supervisor.ok(NODE, { id: article.id })).node).not.toBeNull();
  });
});

describe('refused edits write nothing', () => {
  let draftId: string;
  beforeAll(async () => {
    draftId = (await supervisor.ok(CREATE, { input: { title: '待审草稿', body: '正文' } })).createKnowledgeArticle.id;
  });

  test('agents, liaisons and analysts are FORBIDDEN to create, update or publish', async () => {
    const before = await t.countRows(TABLES);
    for (const client of [agent, liaison, analyst]) {
      expect(await client.errorCode(CREATE, { input: { title: '越权', body: '正文' } })).toBe('FORBIDDEN');
      expect(await client.errorCode(UPDATE, { id: draftId, input: { title: '越权', body: '正文' } })).toBe('FORBIDDEN');
      expect(await client.errorCode(PUBLISH, { id: draftId })).toBe('FORBIDDEN');
    }
    expect(await t.countRows(TABLES)).toEqual(before);
    expect((await supervisor.ok(ARTICLE, { id: draftId })).node).toMatchObject({ status: 'DRAFT', version: 1, title: '待审草稿' });
  });

  test('bad input is BAD_USER_INPUT', async () => {
    const before = await t.countRows(TABLES);
    const now = t.clock.now().toISOString();
    const earlier = new Date(t.clock.now().getTime() - 1000).toISOString();
    const bad: Record<string, unknown>[] = [
      { title: '', body: '正文' },
      { title: '   ', body: '正文' },
      { title: '标题', body: '' },
      { title: '字'.repeat(201), body: '正文' },
      { title: '标题', body: '正文', validFrom: now, validTo: earlier },
      { title: '标题', body: '正文', validTo: now }, // validFrom defaults to now: an empty window
      { title: '标题', body: '正文', categoryCode: 'NO_SUCH_CATEGORY' },
    ];
    for (const input of bad) {
      expect({ input, code: await supervisor.errorCode(CREATE, { input }) }).toEqual({ input, code: 'BAD_USER_INPUT' });
      expect({ input, code: await supervisor.errorCode(UPDATE, { id: draftId, input }) }).toEqual({ input, code: 'BAD_USER_INPUT' });
    }
    for (const id of ['not-an-id', globalId('ServiceRequest', 1), globalId('KnowledgeArticle', 0)]) {
      expect(await supervisor.errorCode(UPDATE, { id, input: { title: '标题', body: '正文' } })).toBe('BAD_USER_INPUT');
      expect(await supervisor.errorCode(PUBLISH, { id })).toBe('BAD_USER_INPUT');
    }
    expect(await t.countRows(TABLES)).toEqual(before);
    expect((await supervisor.ok(ARTICLE, { id: draftId })).node).toMatchObject({ status: 'DRAFT', version: 1, title: '待审草稿' });
  });

  test('an id of no article is NOT_FOUND', async () => {
    expect(await supervisor.errorCode(PUBLISH, { id: globalId('KnowledgeArticle', 999999) })).toBe('NOT_FOUND');
  });
});

describe('answering at intake with an article', () => {
  test('records the article; its usageCount and, after a satisfied follow-up, its satisfactionRate follow', async () => {
    const article = await publishedArticle({ title: '图书馆借阅证办理', body: '携带身份证到任一分馆办理借阅证，押金100元。', categoryCode: 'EDU_HEALTH' });
    const request = await createRequest(agent, { type: 'CONSULTATION', title: '咨询借阅证', content: '如何办理图书馆借阅证？' });
    const resolved = (await agent.ok(RESOLVE, { id: request.id, answer: '已告知办理方式。', articleId: article.id })).resolveAtIntake;
    expect(resolved).toMatchObject({ status: 'AWAITING_FOLLOW_UP', knowledgeArticle: { id: article.id, title: '图书馆借阅证办理' } });
    const timeline = (await agent.ok(GET, { id: request.id })).serviceRequest.timeline.edges.map((e: any) => e.node);
    const event = timeline.find((e: any) => e.kind === 'RESOLVED_AT_INTAKE');
    expect(event.data.articleId).toBe(Buffer.from(article.id, 'base64url').toString('utf8').split(':')[1]);

    const used = (await agent.ok(ARTICLE, { id: article.id })).node;
    expect(used).toMatchObject({ usageCount: 1, satisfactionRate: null });

    await recordFollowUp(agent, request.id, { reached: true, satisfaction: 'SATISFIED', resolved: true });
    expect((await agent.ok(ARTICLE, { id: article.id })).node).toMatchObject({ usageCount: 1, satisfactionRate: 1 });
  });

  test('a draft, an expired article or a malformed id is BAD_USER_INPUT and changes nothing', async () => {
    const request = await createRequest(agent, { type: 'CONSULTATION' });
    const draft = await seededId('新能源汽车充电桩安装指引（征求意见稿）');
    const expired = await seededId('2025年春节期间生活垃圾清运时间调整');
    const before = await t.countRows(TABLES);
    for (const articleId of [draft, expired, 'not-an-id', globalId('KnowledgeArticle', 999999), request.id]) {
      expect({ articleId, code: await agent.errorCode(RESOLVE, { id: request.id, answer: '答复', articleId }) })
        .toEqual({ articleId, code: 'BAD_USER_INPUT' });
    }
    expect(await t.countRows(TABLES)).toEqual(before);
    expect((await agent.ok(GET, { id: request.id })).serviceRequest.status).toBe('REGISTERED');
  });

  test('without articleId, resolveAtIntake works as before', async () => {
    const request = await createRequest(agent, { type: 'CONSULTATION' });
    const resolved = (await agent.ok(RESOLVE, { id: request.id, answer: '已解答。' })).resolveAtIntake;
    expect(resolved).toMatchObject({ status: 'AWAITING_FOLLOW_UP', knowledgeArticle: null });
  });
});
