import { captureLog, CapturedLog } from './support/captured-log';
import { DEMO_PASSWORD, startTestServer, TestServer } from '../support/test-server';
import { GraphQLClient } from '../support/graphql-client';
import { CREATE, requestInput } from '../support/operations';

// The API's request log (README "Operations: logs and metrics"): one JSON line per GraphQL request with its
// request id, operation, outcome and actor; the id is echoed in X-Request-Id and carried by the other lines
// logged while serving the request; and no citizen's data, password or token reaches the log.

let t: TestServer;
let log: CapturedLog;
let agent: GraphQLClient;

beforeAll(async () => {
  log = captureLog();
  t = await startTestServer({ logger: log.logger, env: { RATE_LIMIT_PER_STAFF: '0', RATE_LIMIT_PER_IP: '0' } });
  agent = await t.login('agent01');
});
afterAll(async () => { await t?.close(); });

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; requestId: string | null; json: any }> {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, requestId: res.headers.get('x-request-id'), json: await res.json() };
}

/** The request line of one request: written as its response closes, so give it a moment to land. */
async function requestLine(requestId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 200; i++) {
    const line = log.lines().find((l) => l.requestId === requestId && l.msg === 'graphql request');
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no request line for ${requestId}`);
}

const staffId = async (username: string): Promise<string> =>
  String((await t.db.dataSource.query('SELECT id FROM staff WHERE username = $1', [username]))[0].id);

const bearer = (client: GraphQLClient) => ({ authorization: `Bearer ${client.token}` });

test('a sane incoming X-Request-Id is echoed and names the request line, with operation, outcome and actor', async () => {
  const res = await post({ query: 'query WhoAmI { me { id username } }' }, { 'x-request-id': 'desk7-call.000123', ...bearer(agent) });
  expect(res.requestId).toBe('desk7-call.000123');
  const line = await requestLine('desk7-call.000123');
  expect(line).toMatchObject({
    name: 'hotline-api', msg: 'graphql request', operation: 'WhoAmI', operationType: 'query', status: 200,
    outcome: 'ok', errorCodes: [], staffId: await staffId('agent01'), roles: ['AGENT'],
  });
  expect(typeof line.durationMs).toBe('number');
});

test('without an id, or with one that does not look like an id, the server makes one up and echoes it', async () => {
  for (const incoming of [undefined, 'two words', 'x'.repeat(65), '{"level":60}']) {
    const res = await post({ query: '{ __typename }' }, incoming === undefined ? {} : { 'x-request-id': incoming });
    expect(res.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const line = await requestLine(res.requestId!);
    expect(line).toMatchObject({ operation: null, operationType: 'query', outcome: 'ok', staffId: null, roles: null });
  }
});

test('refused operations log their error codes; unparsable ones log no operation', async () => {
  const analyst = await t.login('analyst01');
  const refused = await post({ query: CREATE.replace('mutation(', 'mutation Intake('), variables: { input: requestInput() } }, bearer(analyst));
  expect(refused.json.errors[0].extensions.code).toBe('FORBIDDEN');
  expect(await requestLine(refused.requestId!)).toMatchObject({ operation: 'Intake', operationType: 'mutation', outcome: 'error', errorCodes: ['FORBIDDEN'], roles: ['ANALYST'] });

  const broken = await post({ query: 'query Broken { me { id ' });
  expect(await requestLine(broken.requestId!)).toMatchObject({ operation: null, operationType: null, outcome: 'error', errorCodes: ['GRAPHQL_PARSE_FAILED'] });
});

test("registering a citizen's call leaves the phone, name, address and description out of the log", async () => {
  const citizen = { name: '欧阳观测', phone: '139 8765 0123' };
  const input = requestInput({
    title: '观测路井盖缺失', content: '观测路77号门前井盖缺失已两天，夜里有人差点踩空。', address: '测试区观测街道观测路77号', citizen,
  });
  const res = await post({ query: CREATE.replace('mutation(', 'mutation RegisterCall('), variables: { input } }, bearer(agent));
  expect(res.json.errors).toBeUndefined();
  expect(await requestLine(res.requestId!)).toMatchObject({ operation: 'RegisterCall', operationType: 'mutation', outcome: 'ok' });
  const text = log.text();
  for (const secret of ['欧阳观测', '13987650123', '139 8765 0123', '8765', '观测路', '井盖', '测试区', 'variables', 'citizen']) {
    expect(text).not.toContain(secret);
  }
});

test('the password sent to login and the token it returns never reach the log, nor a wrong password', async () => {
  const good = await post({ query: 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: 'supervisor01', p: DEMO_PASSWORD } });
  const token: string = good.json.data.login.token;
  await post({ query: '{ me { id } }' }, { authorization: `Bearer ${token}` });
  const bad = await post({ query: 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: 'supervisor01', p: 'Wr0ng-Secret-4711' } });
  expect(await requestLine(good.requestId!)).toMatchObject({ operation: 'SignIn', outcome: 'ok', staffId: null });
  const badLine = await requestLine(bad.requestId!);
  expect(badLine.outcome).toBe('error');
  const text = log.text();
  expect(text).not.toContain(DEMO_PASSWORD);
  expect(text).not.toContain('Wr0ng-Secret-4711');
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.split('.')[2]); // not even the signature alone
});

test('an unexpected error is logged with the request id of the call, and without the SQL or its parameters', async () => {
  // A fault in this file's own database: the timeline table is gone, so registering a call fails inside its
  // transaction after the citizen was written.
  await t.db.dataSource.query('ALTER TABLE timeline_event RENAME TO timeline_event_away');
  try {
    const input = requestInput({ content: '故障时的诉求内容：楼道灯坏了', citizen: { name: '司马故障', phone: '13711112222' } });
    const res = await post({ query: CREATE, variables: { input } }, { 'x-request-id': 'fault-1', ...bearer(agent) });
    expect(res.json.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await requestLine('fault-1')).toMatchObject({ outcome: 'error', errorCodes: ['INTERNAL_SERVER_ERROR'] });
    const unexpected = log.lines().filter((l) => l.msg === 'unexpected error in a GraphQL operation');
    expect(unexpected).toHaveLength(1);
    expect(unexpected[0]).toMatchObject({ requestId: 'fault-1', level: 50 });
    expect(unexpected[0].err.message).toContain('timeline_event');
    const text = log.text();
    for (const secret of ['司马故障', '13711112222', '楼道灯', 'INSERT INTO']) expect(text).not.toContain(secret);
  } finally {
    await t.db.dataSource.query('ALTER TABLE timeline_event_away RENAME TO timeline_event');
  }
});
