import { GraphQLClient } from './support/graphql-client';
import { ACCEPT, CREATE, REQUEST_RETURN, createRequest, dispatch, requestInput } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Two people acting on the same request at once: exactly one wins, the others are told why.

let t: TestServer;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
let urban: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  [agent, supervisor, urban] = await Promise.all(['agent01', 'supervisor01', 'liaison_urban'].map((u) => t.login(u)));
});
afterAll(() => t.close());

async function timelineKinds(requestDbId: string): Promise<string[]> {
  const rows = await t.db.dataSource.query('SELECT kind FROM timeline_event WHERE request_id = $1 ORDER BY id', [requestDbId]);
  return rows.map((r: { kind: string }) => r.kind);
}

async function freshLead() {
  const created = await createRequest(agent);
  const dispatched = await dispatch(supervisor, created.id);
  const dbId = Buffer.from(created.id, 'base64url').toString().split(':')[1];
  return { lead: dispatched.leadAssignment.id as string, dbId };
}

const codesOf = (results: { errors?: { extensions?: { code?: string } }[] }[]) =>
  results.filter((r) => r.errors?.length).map((r) => r.errors![0].extensions?.code);

describe('racing transitions on one assignment', () => {
  test('20 parallel sign-fors: one succeeds, the rest are refused, one ACCEPTED event', async () => {
    const { lead, dbId } = await freshLead();
    const results = await Promise.all(Array.from({ length: 20 }, () => urban.request(ACCEPT, { id: lead })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    for (const code of codesOf(results)) expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(code);
    expect((await timelineKinds(dbId)).filter((k) => k === 'ACCEPTED')).toHaveLength(1);
  });

  test('20 parallel return requests: one succeeds, one RETURN_REQUESTED event', async () => {
    const { lead, dbId } = await freshLead();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => urban.request(REQUEST_RETURN, { id: lead, reason: `不属于本部门 ${i}` })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    for (const code of codesOf(results)) expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(code);
    expect((await timelineKinds(dbId)).filter((k) => k === 'RETURN_REQUESTED')).toHaveLength(1);
  });

  test('20 mixed sign-for and return calls on a pending assignment: one sign-for, at most one return after it', async () => {
    // A return may legitimately follow a sign-for (a signed assignment can still be returned), so a mixed race
    // can have one winner of each kind; every other call is refused and each transition is recorded once.
    const { lead, dbId } = await freshLead();
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? urban.request(ACCEPT, { id: lead }) : urban.request(REQUEST_RETURN, { id: lead, reason: '非本部门职责' }));
    const results = await Promise.all(calls);
    const wins = results.filter((r) => !r.errors).length;
    expect(wins).toBeGreaterThanOrEqual(1);
    expect(wins).toBeLessThanOrEqual(2);
    for (const code of codesOf(results)) expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(code);
    const kinds = await timelineKinds(dbId);
    expect(kinds.filter((k) => k === 'ACCEPTED').length).toBeLessThanOrEqual(1);
    expect(kinds.filter((k) => k === 'RETURN_REQUESTED').length).toBeLessThanOrEqual(1);
    expect(kinds.filter((k) => k === 'ACCEPTED' || k === 'RETURN_REQUESTED')).toHaveLength(wins);
  });

  test('two supervisors dispatching the same request at once: one dispatch', async () => {
    const created = await createRequest(agent);
    const second = await t.login('supervisor01');
    const results = await Promise.all([supervisor, second, supervisor, second].map((s) =>
      s.request('mutation($input: DispatchInput!) { dispatchServiceRequest(input: $input) { id } }', { input: { requestId: created.id, leadDepartmentCode: 'URBAN' } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(codesOf(results)).toEqual(['INVALID_TRANSITION', 'INVALID_TRANSITION', 'INVALID_TRANSITION']);
    const [{ count }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS count FROM assignment a JOIN service_request r ON r.id = a.request_id WHERE r.code = (SELECT code FROM service_request ORDER BY id DESC LIMIT 1)`);
    expect(count).toBe(1);
  });
});

describe('idempotent intake', () => {
  test('the same idempotencyKey sent 10 times in parallel creates one request', async () => {
    const input = requestInput({ idempotencyKey: 'call-2026-03-02-0001', citizen: { name: '王五', phone: '13900001111' } });
    const before = (await t.db.dataSource.query('SELECT count(*)::int AS n FROM service_request'))[0].n;
    const results = await Promise.all(Array.from({ length: 10 }, () => agent.request(CREATE, { input })));
    expect(results.every((r) => !r.errors)).toBe(true);
    const ids = new Set(results.map((r) => r.data.createServiceRequest.id));
    expect(ids.size).toBe(1);
    const after = (await t.db.dataSource.query('SELECT count(*)::int AS n FROM service_request'))[0].n;
    expect(after - before).toBe(1);
    const citizens = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM citizen WHERE phone = '13900001111'`);
    expect(citizens[0].n).toBe(1);
    const created = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM timeline_event WHERE kind = 'CREATED' AND request_id = (SELECT id FROM service_request WHERE idempotency_key = 'call-2026-03-02-0001')`);
    expect(created[0].n).toBe(1);
  });

  test('calls from one new phone taken in parallel (no key) make their own requests and share one citizen', async () => {
    const phone = '13900002222';
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      agent.request(CREATE, { input: requestInput({ title: `同一号码来电${i}`, citizen: { name: i % 2 ? '赵六' : null, phone } }) })));
    expect(results.map((r) => r.errors ?? null)).toEqual(Array(8).fill(null));
    const rows = await t.db.dataSource.query(
      `SELECT count(DISTINCT r.id)::int AS requests, count(DISTINCT r.citizen_id)::int AS citizens, min(c.phone) AS phone
       FROM service_request r JOIN citizen c ON c.id = r.citizen_id WHERE r.title LIKE '同一号码来电%'`);
    expect(rows[0]).toEqual({ requests: 8, citizens: 1, phone });
    expect((await t.db.dataSource.query('SELECT count(*)::int AS n FROM citizen WHERE phone = $1', [phone]))[0].n).toBe(1);
  });

  test('a key is one agent\'s: another agent with the same key gets a request of their own', async () => {
    const input = requestInput({ idempotencyKey: 'shared-key' });
    const other = await t.login('agent02');
    const a = (await agent.ok(CREATE, { input })).createServiceRequest.id;
    const b = (await other.ok(CREATE, { input })).createServiceRequest.id;
    expect(a).not.toBe(b);
  });
});
