import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { BULL_BOARD_PATH } from '../../../src/jobs/bull-board';
import { CREATE, requestInput } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { capturingLogger, connectRedis, ME, post, raw, uniqueLimitsPrefix } from './support/edge';

// The HTTP edge apart from rate limits: body size and malformed JSON, CSRF prevention, CORS, security headers
// (with a Content Security Policy that still lets the landing page and Bull Board work), and no stack traces or
// SQL in errors outside development.

const TABLES = ['service_request', 'timeline_event', 'outbox_event'];
const PORTAL = 'https://portal.example.gov.cn';
const EVIL = 'https://evil.example.com';

describe('one server, CORS_ORIGINS set, Redis for Bull Board', () => {
  const prefix = uniqueLimitsPrefix();
  let redis: Redis;
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    redis = await connectRedis();
    t = await startTestServer({ env: { CORS_ORIGINS: `${PORTAL}, http://localhost:5173`, LIMITS_REDIS_PREFIX: prefix }, redis, queuePrefix: `{${prefix}}` });
    token = (await t.login('agent01')).token!;
  });
  afterAll(async () => {
    await t?.close();
    await redis?.quit();
  });

  describe('request bodies', () => {
    test('over 1 MB: HTTP 413 with a GraphQL-style JSON error, and nothing written', async () => {
      const before = await t.countRows(TABLES);
      const answer = await post(t.url, CREATE, { input: requestInput({ content: '长'.repeat(600_000) }) }, token);
      expect(answer.status).toBe(413);
      expect(answer.headers.get('content-type')).toMatch(/json/);
      expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(answer.json.errors[0].message).toMatch(/too large/);
      expect(await t.countRows(TABLES)).toEqual(before);
    });

    test('malformed JSON: a clean 400 in JSON, no parser internals', async () => {
      const answer = await raw(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"query": "{ me { username } }",' });
      expect(answer.status).toBe(400);
      expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(answer.text).not.toMatch(/at |node_modules|SyntaxError|<html/i);
    });
  });

  describe('CSRF prevention (Apollo csrfPrevention, on)', () => {
    const query = encodeURIComponent('{ __typename }');

    test('a GET query without a preflight-forcing header is refused, with one it runs', async () => {
      const refused = await raw(`${t.url}?query=${query}`);
      expect(refused.status).toBe(400);
      expect(refused.json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      const allowed = await raw(`${t.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(allowed.json).toEqual({ data: { __typename: 'Query' } });
    });

    test.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
      'a POST a <form> could send (%s) is refused, and writes nothing', async (contentType) => {
        const before = await t.countRows(TABLES);
        const answer = await raw(t.url, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ query: CREATE, variables: { input: requestInput() } }) });
        expect(answer.status).toBe(400);
        expect(answer.json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
        expect(await t.countRows(TABLES)).toEqual(before);
      });

    test('an ordinary JSON POST works', async () => {
      expect((await post(t.url, ME, {}, token)).json.data.me.username).toBe('agent01');
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) => raw(t.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });

    test('a preflight from a listed origin is granted: POST, JSON, the bearer header, no credentials', async () => {
      const answer = await preflight(PORTAL);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(answer.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(answer.headers.get('access-control-allow-headers')).toMatch(/content-type.*authorization/);
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      expect(answer.headers.get('vary')).toMatch(/Origin/i);
    });

    test('a preflight from any other origin is refused with no CORS headers', async () => {
      for (const origin of [EVIL, 'null', `${PORTAL}.evil.example.com`, 'http://portal.example.gov.cn']) {
        const answer = await preflight(origin);
        expect(answer.status).toBe(403);
        expect(answer.headers.get('access-control-allow-origin')).toBeNull();
        expect(answer.headers.get('access-control-allow-methods')).toBeNull();
      }
    });

    test('a listed origin may read answers (and Retry-After); any other origin gets no CORS headers', async () => {
      const allowed = await post(t.url, ME, {}, token, { origin: PORTAL });
      expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(allowed.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
      const other = await post(t.url, ME, {}, token, { origin: EVIL });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('security headers', () => {
    const csp = (h: Headers) => Object.fromEntries(h.get('content-security-policy')!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

    test('GraphQL answers carry Helmet headers and a CSP that allows nothing', async () => {
      const answer = await post(t.url, ME, {}, token);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(answer.headers.get('x-powered-by')).toBeNull();
      expect(csp(answer.headers)).toEqual({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
      // A 413 refused before GraphQL carries them too.
      const big = await post(t.url, CREATE, { input: requestInput({ content: 'x'.repeat(1_100_000) }) }, token);
      expect(big.headers.get('x-content-type-options')).toBe('nosniff');
    });

    test('the landing page: its own inline script and styles (by hash) and fetch to this origin, nothing else', async () => {
      const page = await raw(new URL('/', t.url).toString());
      expect(page.status).toBe(200);
      const policy = csp(page.headers);
      const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
      const scripts = [...page.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(scripts).toHaveLength(1);
      expect(policy['script-src']).toEqual([hash(scripts[0])]);
      const styles = [...page.text.matchAll(/<style>([\s\S]*?)<\/style>/g), ...page.text.matchAll(/ style="([^"]*)"/g)].map((m) => hash(m[1]));
      expect(policy['style-src']).toEqual(expect.arrayContaining(styles));
      expect(policy['style-src'].filter((s: string) => !s.startsWith("'sha256-"))).toEqual(["'unsafe-hashes'"]);
      expect(policy['connect-src']).toEqual(["'self'"]);
      expect(policy['default-src']).toEqual(["'none'"]);
      expect(page.text).toContain("fetch('/graphql'"); // what connect-src 'self' allows
    });

    test('Bull Board: its page, scripts and API work under a CSP of this origin only', async () => {
      const base = new URL(BULL_BOARD_PATH, t.url).toString();
      const { token: admin } = await t.login('admin');
      const auth = { authorization: `Bearer ${admin}` };
      const page = await raw(`${base}/`, { headers: auth });
      expect(page.status).toBe(200);
      const policy = csp(page.headers);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['connect-src']).toEqual(["'self'"]);
      expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      // Every script the page runs comes from this origin; the only inline one is JSON data, which CSP lets be.
      const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      for (const attrs of scripts) {
        if (/src="/.test(attrs)) expect(attrs).toMatch(/src="static\//);
        else expect(attrs).toMatch(/type="application\/json"/);
      }
      const first = /src="(static\/[^"]+\.js)"/.exec(page.text)![1];
      const asset = await fetch(new URL(first, `${base}/`), { headers: auth });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`${base}/api/queues`, { headers: auth })).status).toBe(200);
    });
  });
});

describe('empty CORS_ORIGINS (the default): no cross-origin access at all', () => {
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer(); });
  afterAll(async () => { await t?.close(); });

  test('every preflight is refused; same-origin JSON POSTs work', async () => {
    const answer = await raw(t.url, { method: 'OPTIONS', headers: { origin: PORTAL, 'access-control-request-method': 'POST' } });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(t.url, '{ __typename }', {}, undefined, { origin: new URL(t.url).origin })).json.data.__typename).toBe('Query');
  });
});

describe.each(['test', 'production'])('an unexpected error with NODE_ENV=%s', (nodeEnv) => {
  const logs = capturingLogger();
  let t: TestServer;
  let analystToken: string;
  beforeAll(async () => {
    t = await startTestServer({ env: { NODE_ENV: nodeEnv, TOKEN_SECRET: 'x'.repeat(40) }, logger: logs.log });
    await t.db.dataSource.query(`UPDATE staff SET demo = false WHERE username = 'analyst01'`); // production refuses demo accounts
    analystToken = (await t.login('analyst01')).token!;
    // Break tables under the running server: the next login and the next KPI read fail inside PostgreSQL.
    await t.db.dataSource.query('ALTER TABLE staff RENAME COLUMN password_hash TO password_hash_renamed_by_test');
    await t.db.dataSource.query('ALTER TABLE kpi_rollup_department RENAME TO kpi_rollup_department_renamed_by_test');
  });
  afterAll(async () => { await t?.close(); });

  test('answers INTERNAL_SERVER_ERROR with no stack trace, SQL or database message', async () => {
    const answer = await post(t.url, 'mutation { login(username: "agent01", password: "demo12345") { token } }');
    expect(answer.json.errors).toHaveLength(1);
    const [error] = answer.json.errors;
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(error.message).toBe('internal server error');
    expect(answer.text).not.toMatch(/stacktrace|SELECT|password_hash|"staff"|QueryFailedError|does not exist|node_modules|\.ts:\d+/i);
    // It was the database's error, and the details went to the server's log only.
    expect(logs.lines().some((l) => l.msg === 'unexpected error in a GraphQL operation' && /password_hash/.test(JSON.stringify(l.err)))).toBe(true);
  });

  test('a route outside GraphQL (the KPI CSV) answers a JSON INTERNAL_SERVER_ERROR, not Express\'s HTML page', async () => {
    const base = new URL(t.url).origin;
    const answer = await raw(`${base}/analytics/kpis.csv?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=DEPARTMENT`, {
      headers: { authorization: `Bearer ${analystToken}` },
    });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.json).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal server error' } });
    expect(logs.lines().some((l) => l.msg === 'unexpected error outside a GraphQL operation' && /kpi_rollup_department/.test(JSON.stringify(l.err)))).toBe(true);
  });
});
