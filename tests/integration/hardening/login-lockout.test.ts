import { createHash } from 'node:crypto';
import { startTestServer, TestServer } from '../support/test-server';
import { capturingLogger, LOGIN, post, RawAnswer, twoReplicasSharingRedis } from './support/edge';

// Lock-out after repeated failed logins: 5 failures for one username lock it for 15 minutes (the defaults),
// even for the right password; the answer is RATE_LIMITED with HTTP 429 and Retry-After. A username that
// does not exist is counted and locked the same way, so the lock-out tells nobody which usernames exist.
// A success clears the count; failures from one address lock that address; the log names the username and
// address of every failure and lock, never the password. With Redis every replica sees the same count.

const PASSWORD = 'demo12345';
const WRONG = 'Wrong-Guess-42';
const lockoutDefaults = { LOGIN_LOCKOUT_FAILURES: '5', LOGIN_LOCKOUT_WINDOW: '15m', LOGIN_LOCKOUT_DURATION: '15m' };

const attempt = (t: TestServer, username: string, password: string) => post(t.url, LOGIN, { u: username, p: password });
const codeOf = (a: RawAnswer) => a.json.errors?.[0]?.extensions?.code;

/** What a client can observe of an answer, without the parts that differ by nature (tokens, seconds left). */
const observable = (a: RawAnswer) => ({
  status: a.status,
  code: codeOf(a),
  message: a.json.errors?.[0]?.message?.replace(/\d+ min/, 'N min'),
  retryAfter: a.headers.get('retry-after') !== null,
});

function expectLocked(a: RawAnswer) {
  expect(a.status).toBe(429);
  expect(codeOf(a)).toBe('RATE_LIMITED');
  expect(a.json.data).toBeNull();
  const retryAfter = Number(a.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(14 * 60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(a.json.errors[0].extensions.retryAfterSeconds).toBe(retryAfter);
}

describe('one API process (in-process counters)', () => {
  const logs = capturingLogger();
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer({ env: { ...lockoutDefaults, LOGIN_LOCKOUT_IP_FAILURES: '0' }, logger: logs.log }); });
  afterAll(async () => { await t?.close(); });

  test('five failures lock the username for 15 minutes, even against the right password', async () => {
    for (let i = 0; i < 5; i++) expect(codeOf(await attempt(t, 'agent01', WRONG))).toBe('UNAUTHENTICATED');
    expectLocked(await attempt(t, 'agent01', PASSWORD));
    expect((await attempt(t, 'agent01', PASSWORD)).json.errors[0].message).toMatch(/too many failed logins.*try again in 15 min/);
    // The lock is the username's: another account logs in.
    expect((await attempt(t, 'agent02', PASSWORD)).json.data.login.token).toEqual(expect.any(String));
  });

  test('the same username spelt with other case or spaces shares the count', async () => {
    for (const spelling of ['Supervisor01', ' supervisor01', 'SUPERVISOR01 ', 'supervisor01', 'SuperVisor01']) {
      expect(codeOf(await attempt(t, spelling, WRONG))).toBe('UNAUTHENTICATED');
    }
    expectLocked(await attempt(t, 'supervisor01', PASSWORD));
  });

  test('a username that does not exist answers exactly as one that does, failure by failure and when locked', async () => {
    const existing: object[] = [];
    const missing: object[] = [];
    for (let i = 0; i < 7; i++) {
      existing.push(observable(await attempt(t, 'analyst01', WRONG)));
      missing.push(observable(await attempt(t, 'no_such_staff', WRONG)));
    }
    expect(missing).toEqual(existing);
    expect(existing.slice(0, 5).every((o) => (o as { code: string }).code === 'UNAUTHENTICATED')).toBe(true);
    expect(existing.slice(5).every((o) => (o as { code: string }).code === 'RATE_LIMITED')).toBe(true);
  });

  test('a successful login clears the count', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect(codeOf(await attempt(t, 'liaison_urban', WRONG))).toBe('UNAUTHENTICATED');
      expect((await attempt(t, 'liaison_urban', PASSWORD)).json.data.login.token).toEqual(expect.any(String));
    }
  });

  test('failures and locks are logged with username and address, never the password', async () => {
    for (let i = 0; i < 5; i++) await attempt(t, 'liaison_hrss', 'Secret-Typed-Here-77');
    const lines = logs.lines();
    const failures = lines.filter((l) => l.msg === 'login failed' && l.username === 'liaison_hrss');
    expect(failures).toHaveLength(5);
    expect(failures[4]).toMatchObject({ usernameFailures: 5, ip: expect.any(String) });
    expect(lines.filter((l) => /login locked for this username/.test(l.msg) && l.username === 'liaison_hrss')).toHaveLength(1);
    expect(logs.text()).not.toContain('Secret-Typed-Here-77');
    expect(logs.text()).not.toContain(WRONG);
    expect(logs.text()).not.toContain(PASSWORD);
  });
});

describe('failures from one address', () => {
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer({ env: { ...lockoutDefaults, LOGIN_LOCKOUT_IP_FAILURES: '6' } }); });
  afterAll(async () => { await t?.close(); });

  test('many usernames tried from one address lock logins from that address', async () => {
    for (const username of ['a_1', 'b_2', 'c_3', 'd_4', 'e_5', 'f_6']) expect(codeOf(await attempt(t, username, WRONG))).toBe('UNAUTHENTICATED');
    const locked = await attempt(t, 'agent01', PASSWORD);
    expectLocked(locked);
    expect(locked.json.errors[0].message).toMatch(/from this address/);
  });
});

describe('with Redis: replicas share the count', () => {
  const replicas = twoReplicasSharingRedis(() => ({ ...lockoutDefaults, LOGIN_LOCKOUT_IP_FAILURES: '0' }));

  test('failures on either replica add up; the lock holds on both, kept in Redis with a 15-minute expiry', async () => {
    const { a, b, redis: redisA, prefix } = replicas;
    for (const t of [a, b, a, b, a]) expect(codeOf(await attempt(t, 'agent01', WRONG))).toBe('UNAUTHENTICATED');
    expectLocked(await attempt(b, 'agent01', PASSWORD));
    expectLocked(await attempt(a, 'agent01', PASSWORD));
    const key = `${prefix}:login-failures:username:${createHash('sha256').update('agent01').digest('hex').slice(0, 32)}`;
    const ttl = await redisA.pttl(key);
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    // No usernames are kept in Redis, only their hashes.
    expect((await redisA.keys(`${prefix}:*`)).join(' ')).not.toContain('agent01');
  });

  test('a success on one replica clears the count for both', async () => {
    const { a, b } = replicas;
    for (const t of [a, b, a, b]) expect(codeOf(await attempt(t, 'agent02', WRONG))).toBe('UNAUTHENTICATED');
    expect((await attempt(b, 'agent02', PASSWORD)).status).toBe(200);
    for (const t of [a, b, a, b]) expect(codeOf(await attempt(t, 'agent02', WRONG))).toBe('UNAUTHENTICATED');
    expect((await attempt(a, 'agent02', PASSWORD)).json.data.login.token).toEqual(expect.any(String));
  });
});
