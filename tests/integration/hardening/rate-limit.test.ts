import { Redis } from 'ioredis';
import { issueToken } from '../../../src/auth/token';
import { Staff } from '../../../src/entities';
import { CREATE, requestInput } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { capturingLogger, connectRedis, deleteKeys, LOGIN, ME, post, twoReplicasSharingRedis, uniqueLimitsPrefix } from './support/edge';

// Rate limits at the HTTP edge: a staff member's requests (any of their tokens) spend one budget, requests
// without a valid token spend their address's; over it the answer is HTTP 429, Retry-After and a GraphQL
// error RATE_LIMITED, and nothing runs. With Redis the budget is shared by every API replica; when Redis
// fails, an in-process counter keeps the limits and the API answering.

const TABLES = ['service_request', 'timeline_event', 'outbox_event'];

const low = (perStaff: number, perIp: number, extra: Record<string, string> = {}) => ({
  RATE_LIMIT_PER_STAFF: String(perStaff), RATE_LIMIT_PER_IP: String(perIp), ...extra,
});

const staffId = async (t: TestServer, username: string) => (await t.db.dataSource.getRepository(Staff).findOneByOrFail({ username })).id;

function expectRateLimited(answer: { status: number; headers: Headers; json: any }) {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.json.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
  expect(answer.json.data).toBeUndefined();
}

describe('without Redis (in-process counters)', () => {
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer({ env: low(3, 4) }); });
  afterAll(async () => { await t?.close(); });

  test('a staff member over budget gets 429 + Retry-After + RATE_LIMITED, and the refused mutation writes nothing', async () => {
    const { token } = await t.login('agent01'); // anonymous: spends the address's budget, not agent01's
    for (let i = 0; i < 3; i++) expect((await post(t.url, ME, {}, token!)).json.data.me.username).toBe('agent01');
    const before = await t.countRows(TABLES);
    expectRateLimited(await post(t.url, CREATE, { input: requestInput() }, token!));
    expect(await t.countRows(TABLES)).toEqual(before);
  });

  test('every token of one staff member spends the same budget; another staff member has their own', async () => {
    const id = await staffId(t, 'agent02');
    const tokens = await Promise.all([0, 1, 2].map((s) => issueToken(t.config, id, new Date(t.clock.now().getTime() + s * 1000))));
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect((await post(t.url, ME, {}, token)).status).toBe(200);
    expectRateLimited(await post(t.url, ME, {}, tokens[0]));
    const supervisor = await issueToken(t.config, await staffId(t, 'supervisor01'), t.clock.now());
    expect((await post(t.url, ME, {}, supervisor)).json.data.me.username).toBe('supervisor01');
  });

  test('requests without a valid token spend the address budget, bad tokens included', async () => {
    // agent01's login above spent one of this address's four.
    expect((await post(t.url, LOGIN, { u: 'analyst01', p: 'demo12345' })).json.data.login.token).toEqual(expect.any(String));
    expect((await post(t.url, ME, {}, 'not-a-token')).json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(t.url, ME)).json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expectRateLimited(await post(t.url, LOGIN, { u: 'analyst01', p: 'demo12345' }));
    expectRateLimited(await post(t.url, ME, {}, 'not-a-token'));
    // TRUST_PROXY is off: a forged X-Forwarded-For does not buy a fresh budget.
    expectRateLimited(await post(t.url, ME, {}, undefined, { 'x-forwarded-for': '198.51.100.7' }));
  });

  test('the KPI CSV export is limited too; /healthz (probed by load balancers) is not', async () => {
    const base = new URL(t.url);
    const csv = await fetch(new URL('/analytics/kpis.csv?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z', base));
    expect(csv.status).toBe(429);
    for (let i = 0; i < 6; i++) expect((await fetch(new URL('/healthz', base))).status).not.toBe(429);
  });
});

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer({ env: low(1000, 2, { TRUST_PROXY: 'loopback' }) }); });
  afterAll(async () => { await t?.close(); });

  test('each client address named by the proxy has its own budget', async () => {
    const from = (ip: string) => post(t.url, ME, {}, undefined, { 'x-forwarded-for': ip });
    for (let i = 0; i < 2; i++) expect((await from('203.0.113.5')).status).toBe(200);
    expectRateLimited(await from('203.0.113.5'));
    expect((await from('203.0.113.6')).status).toBe(200);
  });
});

describe('limit 0 switches a budget off', () => {
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer({ env: low(0, 0) }); });
  afterAll(async () => { await t?.close(); });

  test('many requests, no 429', async () => {
    const { token } = await t.login('agent01');
    for (let i = 0; i < 20; i++) expect((await post(t.url, ME, {}, token!)).status).toBe(200);
  });
});

describe('with Redis: two API replicas share one budget', () => {
  const replicas = twoReplicasSharingRedis(() => low(4, 1000));

  test('requests to either replica spend the same staff budget, counted in Redis under the configured prefix', async () => {
    const { a, b, redis: redisA, prefix } = replicas;
    // Both test databases hold the same seeded staff, so agent01 has the same id on both replicas.
    const id = await staffId(a, 'agent01');
    expect(await staffId(b, 'agent01')).toBe(id);
    const token = await issueToken(a.config, id, a.clock.now());
    expect(b.config.tokenSecret).toBe(a.config.tokenSecret);
    expect((await post(a.url, ME, {}, token)).status).toBe(200);
    expect((await post(b.url, ME, {}, token)).status).toBe(200);
    expect((await post(a.url, ME, {}, token)).status).toBe(200);
    expect((await post(b.url, ME, {}, token)).status).toBe(200);
    expectRateLimited(await post(a.url, ME, {}, token));
    expectRateLimited(await post(b.url, ME, {}, token));
    expect(Number(await redisA.get(`${prefix}:rate:staff:${id}`))).toBeGreaterThanOrEqual(5);
    const ttl = await redisA.pttl(`${prefix}:rate:staff:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

describe('when Redis goes away', () => {
  const prefix = uniqueLimitsPrefix();
  const logs = capturingLogger();
  let redis: Redis;
  let t: TestServer;
  beforeAll(async () => {
    redis = await connectRedis();
    t = await startTestServer({ env: low(3, 1000, { LIMITS_REDIS_PREFIX: prefix }), redis, queuePrefix: `{${prefix}}`, logger: logs.log });
  });
  afterAll(async () => {
    await t?.close();
    const cleaner = await connectRedis();
    await deleteKeys(cleaner, prefix);
    await cleaner.quit();
  });

  test('the API keeps answering, the limits keep applying in-process, and a warning says so', async () => {
    const id = await staffId(t, 'agent01');
    const token = await issueToken(t.config, id, t.clock.now());
    expect((await post(t.url, ME, {}, token)).status).toBe(200); // counted in Redis
    const ended = new Promise((resolve) => redis.once('end', resolve));
    redis.disconnect(); // the shared client is gone, as in a Redis outage
    await ended;
    for (let i = 0; i < 3; i++) expect((await post(t.url, ME, {}, token)).json.data.me.username).toBe('agent01');
    expectRateLimited(await post(t.url, ME, {}, token));
    const warnings = logs.lines().filter((l) => /Redis unavailable/.test(l.msg));
    expect(warnings.length).toBe(1); // once, not once per request
    expect(warnings[0].level).toBe(40);
  });
});
