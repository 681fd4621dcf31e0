import { GraphQLClient } from './support/graphql-client';
import { ACCEPT, CREATE, DISPATCH, REQUEST_EXTENSION, createRequest, dispatch, requestInput } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Bad input answers BAD_USER_INPUT or NOT_FOUND with a clear message, never INTERNAL_SERVER_ERROR, and
// nothing is written.

let t: TestServer;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban] = await Promise.all(['agent01', 'supervisor01', 'liaison_urban'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const TABLES = ['service_request', 'citizen', 'assignment', 'extension_request', 'timeline_event', 'outbox_event'];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return out;
}

async function refusedWithoutWriting(client: GraphQLClient, query: string, variables: Record<string, unknown>, codes: string[]) {
  const before = await counts();
  const result = await client.request(query, variables);
  expect(result.errors?.length).toBeGreaterThan(0);
  const code = result.errors![0].extensions?.code;
  expect(codes).toContain(code);
  expect(result.errors![0].message).not.toMatch(/SQL|relation|syntax|QueryFailedError/i);
  expect(await counts()).toEqual(before);
}

const HUNDRED_KB = '路'.repeat(100 * 1024);

describe('intake', () => {
  test.each([
    ['an unknown category code', { categoryCode: 'NO_SUCH_CATEGORY' }],
    ['an unknown region code', { regionCode: 'D99' }],
    ['an invalid phone', { citizen: { name: '张三', phone: '12345' } }],
    ['a foreign phone', { citizen: { phone: '+1 202 555 0100' } }],
    ['an empty title', { title: '' }],
    ['a blank title', { title: '   ' }],
    ['a 100 KB title', { title: HUNDRED_KB }],
    ['a 100 KB address', { address: HUNDRED_KB }],
    ['an empty content', { content: '' }],
    ['a title with NUL', { title: 'a\u0000b' }],
    ['a blank idempotency key', { idempotencyKey: ' ' }],
  ])('%s', async (_name, overrides) => {
    await refusedWithoutWriting(agent, CREATE, { input: requestInput(overrides) }, ['BAD_USER_INPUT']);
  });

  test('an unknown enum value is refused before anything runs', async () => {
    await refusedWithoutWriting(agent, CREATE, { input: requestInput({ channel: 'PIGEON' }) }, ['BAD_USER_INPUT']);
  });
});

describe('ids', () => {
  test.each([
    ['malformed', 'abc'],
    ['empty', ''],
    ['a global id of another type', Buffer.from('Staff:1').toString('base64url')],
    ['a huge number', Buffer.from('ServiceRequest:99999999999999999999999').toString('base64url')],
  ])('a %s request id is BAD_USER_INPUT', async (_name, id) => {
    await refusedWithoutWriting(supervisor, DISPATCH, { input: { requestId: id, leadDepartmentCode: 'URBAN' } }, ['BAD_USER_INPUT']);
  });

  test('a request that does not exist is NOT_FOUND', async () => {
    const missing = Buffer.from('ServiceRequest:987654').toString('base64url');
    await refusedWithoutWriting(supervisor, DISPATCH, { input: { requestId: missing, leadDepartmentCode: 'URBAN' } }, ['NOT_FOUND']);
    await refusedWithoutWriting(agent, 'mutation($id: ID!) { addNote(requestId: $id, content: "x") { id } }', { id: missing }, ['NOT_FOUND']);
    expect((await supervisor.ok('query($id: ID!) { serviceRequest(id: $id) { id } }', { id: missing })).serviceRequest).toBeNull();
  });

  test('an assignment that does not exist is NOT_FOUND', async () => {
    await refusedWithoutWriting(urban, ACCEPT, { id: Buffer.from('Assignment:987654').toString('base64url') }, ['NOT_FOUND']);
  });
});

describe('dispatch', () => {
  test('unknown department codes, the lead twice, and the center itself are refused', async () => {
    const created = await createRequest(agent);
    for (const input of [
      { requestId: created.id, leadDepartmentCode: 'NOPE' },
      { requestId: created.id, leadDepartmentCode: 'URBAN', assistDepartmentCodes: ['NOPE'] },
      { requestId: created.id, leadDepartmentCode: 'URBAN', assistDepartmentCodes: ['URBAN'] },
      { requestId: created.id, leadDepartmentCode: 'HOTLINE' },
    ]) {
      await refusedWithoutWriting(supervisor, DISPATCH, { input }, ['BAD_USER_INPUT']);
    }
  });
});

describe('deadlines', () => {
  test('an extension to a moment in the past is refused', async () => {
    const created = await createRequest(agent);
    const d = await dispatch(supervisor, created.id);
    await urban.ok(ACCEPT, { id: d.leadAssignment.id });
    const past = new Date(t.clock.now().getTime() - 86_400_000).toISOString();
    await refusedWithoutWriting(urban, REQUEST_EXTENSION, { id: d.leadAssignment.id, due: past, reason: '需要更多时间' }, ['BAD_USER_INPUT']);
    await refusedWithoutWriting(urban, REQUEST_EXTENSION, { id: d.leadAssignment.id, due: 'not a date', reason: '需要更多时间' }, ['BAD_USER_INPUT']);
  });
});

describe('pagination and filters', () => {
  test.each([
    ['a negative first', '{ serviceRequests(first: -1) { totalCount } }'],
    ['a malformed cursor', '{ serviceRequests(after: "nonsense") { totalCount } }'],
    ['an unknown region filter', '{ serviceRequests(filter: { regionCode: "ZZ" }) { totalCount } }'],
    ['a malformed phone filter', '{ serviceRequests(filter: { citizenPhone: "abc" }) { totalCount } }'],
    ['a reversed calendar range', '{ calendar(from: "2026-03-01", to: "2026-02-01") { date } }'],
    ['an impossible date', '{ calendar(from: "2026-02-30", to: "2026-03-01") { date } }'],
  ])('%s', async (_name, query) => {
    expect(await supervisor.errorCode(query)).toBe('BAD_USER_INPUT');
  });
});
