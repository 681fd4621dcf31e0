import { GraphQLClient } from './support/graphql-client';
import { LIST, createRequest, edgesOf } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Two-character Chinese terms (路灯, 物业) are read through the character-bigram index and a partial index of
// non-ASCII codes instead of ILIKE over every row. The answer must be exactly ILIKE's: the bigram index only
// narrows the rows, ILIKE decides, and terms the bigrams cannot stand for keep the plain path.

let t: TestServer;
let agent: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent] = await t.loginAll('agent01');
  const texts: [string, string][] = [
    ['路灯不亮', '小区门口一直黑着'],
    ['反映照明问题', '幸福小区门口路灯不亮已一周'],
    ['修路 灯具坏了', '道路施工，灯光昏暗'], // 路 and 灯 only ever apart: the bigram 路灯 is in its index row
    ['物业不作为', 'B路公交站旁的小区，物业费上涨'],
    ['电梯故障', '3号楼电梯困人，12楼'],
    ['路边摊', 'A栋门口路e\u0301（带组合符）'],
  ];
  for (const [title, content] of texts) await createRequest(agent, { title, content });
});
afterAll(() => t.close());

const codes = async (search: string): Promise<string[]> =>
  edgesOf((await agent.ok(LIST, { filter: { search }, first: 100 })).serviceRequests).map((r) => r.code).sort();

/** What ILIKE alone answers, straight from the table. */
async function ilikeCodes(term: string): Promise<string[]> {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows: { code: string }[] = await t.db.dataSource.query(
    'SELECT code FROM service_request WHERE title ILIKE $1 OR content ILIKE $1 OR code ILIKE $1', [pattern]);
  return rows.map((r) => r.code).sort();
}

test('a two-character term is found where it stands, not where a space or punctuation splits it', async () => {
  const found = edgesOf((await agent.ok(LIST, { filter: { search: '路灯' }, first: 100 })).serviceRequests).map((r) => r.title).sort();
  expect(found).toEqual(['反映照明问题', '路灯不亮'].sort());
});

test('every kind of term answers exactly what ILIKE over title, content and code answers', async () => {
  const terms = ['路灯', '物业', '小区', '门口', '3号', '号楼', 'b路', 'B路', '路e', '12', '楼电梯', '灯具', '路，', '黑着', '没有'];
  for (const term of terms) expect({ term, codes: await codes(term) }).toEqual({ term, codes: await ilikeCodes(term) });
  expect((await codes('B路')).length).toBe(1);
  expect((await codes('路e')).length).toBe(1); // e followed by a combining mark: NFKC makes it é, ILIKE still sees e
});

test('a code with Chinese characters (imported from another system) is found by a two-character term', async () => {
  const imported = await createRequest(agent, { title: '旧系统工单', content: '迁移过来的历史记录' });
  await t.db.dataSource.query('UPDATE service_request SET code = $1 WHERE code = $2', ['旧-路灯-000123', imported.code]);
  expect(await codes('路灯')).toContain('旧-路灯-000123');
  expect(await codes('路灯')).toEqual(await ilikeCodes('路灯'));
});
