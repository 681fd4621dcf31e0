import { GraphQLClient } from './support/graphql-client';
import { CREATE, HOUR, createRequest, dbId, dispatch, requestInput } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Intake with an idempotency key: a client that retries after a lost answer, or sends the same call twice at
// once, gets the one request it made (contract: "same key twice → the same request, created once").

let t: TestServer;
let agent: GraphQLClient;
let agent02: GraphQLClient;
let supervisor: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, agent02, supervisor] = await t.loginAll('agent01', 'agent02', 'supervisor01');
});
afterAll(() => t.close());

const TABLES = ['service_request', 'citizen', 'timeline_event', 'outbox_event'];

describe('the same idempotencyKey', () => {
  test('sent 10 times in parallel creates one request, one citizen, one CREATED event', async () => {
    const input = requestInput({ idempotencyKey: 'call-2026-03-02-0001', citizen: { name: '王五', phone: '13900001111' } });
    const before = await t.countRows(TABLES);
    const results = await Promise.all(Array.from({ length: 10 }, () => agent.request(CREATE, { input })));
    expect(results.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
    const ids = new Set(results.map((r) => r.data.createServiceRequest.id));
    expect(ids.size).toBe(1);
    const codes = new Set(results.map((r) => r.data.createServiceRequest.code));
    expect(codes.size).toBe(1);

    const after = await t.countRows(TABLES);
    expect(after.service_request - before.service_request).toBe(1);
    expect(after.citizen - before.citizen).toBe(1);
    const [id] = [...ids];
    const events = await t.db.dataSource.query('SELECT kind FROM timeline_event WHERE request_id = $1', [dbId(id)]);
    expect(events).toEqual([{ kind: 'CREATED' }]);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM service_request WHERE idempotency_key = 'call-2026-03-02-0001'`);
    expect(n).toBe(1);
  });

  test('sent again later answers the request as it is now and writes nothing', async () => {
    const input = requestInput({ idempotencyKey: 'call-2026-03-02-0002' });
    const first = (await agent.ok(CREATE, { input })).createServiceRequest;
    await dispatch(supervisor, first.id, 'URBAN');
    t.clock.advance(HOUR);
    const before = await t.countRows(TABLES);
    const again = (await agent.ok(CREATE, { input })).createServiceRequest;
    expect(again).toMatchObject({ id: first.id, code: first.code, status: 'DISPATCHED' });
    expect(await t.countRows(TABLES)).toEqual(before);
  });

  test('with different content answers the original, unchanged', async () => {
    const first = await createRequest(agent, { idempotencyKey: 'call-2026-03-02-0003', title: '噪音扰民' });
    const second = await createRequest(agent, { idempotencyKey: 'call-2026-03-02-0003', title: '完全不同的标题' });
    expect(second).toMatchObject({ id: first.id, title: '噪音扰民' });
  });

  test('is one agent\'s: another agent with the same key gets a request of their own', async () => {
    const input = requestInput({ idempotencyKey: 'shared-key' });
    const a = (await agent.ok(CREATE, { input })).createServiceRequest;
    const b = (await agent02.ok(CREATE, { input })).createServiceRequest;
    expect(a.id).not.toBe(b.id);
    expect(b.owner.username).toBe('agent02');
  });

  test('leading and trailing blanks do not make a new key', async () => {
    const a = await createRequest(agent, { idempotencyKey: 'call-0004' });
    const b = await createRequest(agent, { idempotencyKey: '  call-0004 ' });
    expect(b.id).toBe(a.id);
  });
});

describe('without a key', () => {
  test('every call is a new request', async () => {
    const input = requestInput();
    const results = await Promise.all(Array.from({ length: 3 }, () => agent.ok(CREATE, { input })));
    expect(new Set(results.map((r) => r.createServiceRequest.id)).size).toBe(3);
  });

  test('a key longer than the column is bad input, not a server error', async () => {
    expect(await agent.errorCode(CREATE, { input: requestInput({ idempotencyKey: 'k'.repeat(129) }) })).toBe('BAD_USER_INPUT');
  });
});
