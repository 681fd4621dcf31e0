import { SignJWT } from 'jose';
import { GraphQLClient } from './support/graphql-client';
import { HOUR, LIST, ME } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// login hands out a signed, expiring token; every operation but login needs one; bad, forged, expired
// tokens and accounts that may not log in are UNAUTHENTICATED (issue 2, Auth).

let t: TestServer;
let agent: GraphQLClient;

beforeAll(async () => {
  t = await startTestServer();
  agent = await t.login('agent01');
});
afterAll(() => t.close());

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token staff { username roles department { code } } } }';

/** A token as the server would sign it, with the claims a test chooses. */
async function forge(opts: { secret?: string; sub: string; iat: number; exp: number; issuer?: string; audience?: string }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(opts.sub)
    .setIssuer(opts.issuer ?? 'hotline-12345')
    .setAudience(opts.audience ?? 'hotline-12345-api')
    .setIssuedAt(opts.iat)
    .setExpirationTime(opts.exp)
    .sign(new TextEncoder().encode(opts.secret ?? t.config.tokenSecret));
}

async function rawRequest(headers: Record<string, string>, query = ME) {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const staffId = async (username: string) => (await t.db.dataSource.query('SELECT id FROM staff WHERE username = $1', [username]))[0].id as string;
const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);

describe('login and me', () => {
  test('login answers a token and the staff member; me answers who the token names', async () => {
    const login = (await t.anonymous.ok(LOGIN, { u: 'liaison_urban', p: 'demo12345' })).login;
    expect(login.staff).toEqual({ username: 'liaison_urban', roles: ['LIAISON'], department: { code: 'URBAN' } });
    const me = (await new GraphQLClient(t.url, login.token).ok(ME)).me;
    expect(me).toMatchObject({ username: 'liaison_urban', roles: ['LIAISON'], department: { code: 'URBAN' } });
    expect((await agent.ok(ME)).me).toMatchObject({ username: 'agent01', roles: ['AGENT'], department: null });
  });

  test('a wrong password and an unknown user are refused alike', async () => {
    const wrong = await t.anonymous.request(LOGIN, { u: 'agent01', p: 'wrong-password' });
    const unknown = await t.anonymous.request(LOGIN, { u: 'nobody', p: 'demo12345' });
    expect(wrong.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message); // no telling which usernames exist
    expect(wrong.data?.login ?? null).toBeNull();
  });
});

describe('requests without a valid token', () => {
  test('no token: every operation but login is UNAUTHENTICATED', async () => {
    expect(await t.anonymous.errorCode(ME)).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode(LIST)).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode('{ departments { code } }')).toBe('UNAUTHENTICATED');
    expect(await t.anonymous.errorCode('mutation { addNote(requestId: "x", content: "y") { id } }')).toBe('UNAUTHENTICATED');
  });

  test.each([
    ['not a bearer scheme', 'Basic YWdlbnQwMTpkZW1vMTIzNDU='],
    ['an empty bearer', 'Bearer '],
    ['garbage', 'Bearer not-a-token'],
  ])('%s is UNAUTHENTICATED', async (_name, authorization) => {
    expect((await rawRequest({ authorization })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a tampered token is UNAUTHENTICATED', async () => {
    const [header, payload, signature] = agent.token!.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const admin = Buffer.from(JSON.stringify({ ...claims, sub: await staffId('admin') })).toString('base64url');
    expect(await new GraphQLClient(t.url, `${header}.${admin}.${signature}`).errorCode(ME)).toBe('UNAUTHENTICATED');
    expect(await new GraphQLClient(t.url, `${agent.token!.slice(0, -3)}abc`).errorCode(ME)).toBe('UNAUTHENTICATED');
  });

  test('an expired token, signed with the server\'s own secret, is UNAUTHENTICATED and says so', async () => {
    const iat = nowSeconds() - 2 * 3600;
    const expired = await forge({ sub: await staffId('agent01'), iat, exp: iat + 3600 });
    const result = await new GraphQLClient(t.url, expired).request(ME);
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });
    // The same claims, unexpired, are accepted: the refusal was the expiry and nothing else.
    const valid = await forge({ sub: await staffId('agent01'), iat: nowSeconds(), exp: nowSeconds() + 3600 });
    expect((await new GraphQLClient(t.url, valid).ok(ME)).me.username).toBe('agent01');
  });

  test.each([
    ['another secret', { secret: 'some-other-secret-that-is-long-enough-to-sign' }],
    ['another issuer', { issuer: 'someone-else' }],
    ['another audience', { audience: 'another-api' }],
  ])('a token with %s is UNAUTHENTICATED', async (_name, overrides) => {
    const token = await forge({ sub: await staffId('admin'), iat: nowSeconds(), exp: nowSeconds() + 3600, ...overrides });
    expect(await new GraphQLClient(t.url, token).errorCode(ME)).toBe('UNAUTHENTICATED');
  });

  test('an unsigned token (alg none) is UNAUTHENTICATED', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${enc({ alg: 'none' })}.${enc({ sub: await staffId('admin'), iss: 'hotline-12345', aud: 'hotline-12345-api', exp: nowSeconds() + 3600 })}.`;
    expect(await new GraphQLClient(t.url, none).errorCode(ME)).toBe('UNAUTHENTICATED');
  });

  test('a token naming nobody is UNAUTHENTICATED', async () => {
    const token = await forge({ sub: '987654', iat: nowSeconds(), exp: nowSeconds() + 3600 });
    expect(await new GraphQLClient(t.url, token).errorCode(ME)).toBe('UNAUTHENTICATED');
  });
});

describe('token lifetime and accounts', () => {
  test('a token expires on the server\'s clock (TOKEN_TTL)', async () => {
    const shortLived = await startTestServer({ env: { TOKEN_TTL: '1h' } });
    try {
      const me = await shortLived.login('agent01');
      shortLived.clock.advance(HOUR - 60_000);
      expect((await me.ok(ME)).me.username).toBe('agent01');
      shortLived.clock.advance(2 * 60_000);
      expect(await me.errorCode(ME)).toBe('UNAUTHENTICATED');
      const fresh = (await shortLived.anonymous.ok(LOGIN, { u: 'agent01', p: 'demo12345' })).login.token;
      expect((await new GraphQLClient(shortLived.url, fresh).ok(ME)).me.username).toBe('agent01');
    } finally {
      await shortLived.close();
    }
  });

  test('a deactivated account cannot log in, and its tokens stop working', async () => {
    const a2 = await t.login('agent02');
    await t.db.dataSource.query(`UPDATE staff SET active = false WHERE username = 'agent02'`);
    try {
      expect(await a2.errorCode(ME)).toBe('UNAUTHENTICATED');
      expect(await t.anonymous.errorCode(LOGIN, { u: 'agent02', p: 'demo12345' })).toBe('UNAUTHENTICATED');
    } finally {
      await t.db.dataSource.query(`UPDATE staff SET active = true WHERE username = 'agent02'`);
    }
  });

  test('in production the demo accounts are refused, and their old tokens too; real accounts work', async () => {
    const prod = await startTestServer({ env: { NODE_ENV: 'production', TOKEN_SECRET: 'a-production-secret-of-at-least-32-characters' } });
    try {
      await prod.db.dataSource.query(`UPDATE staff SET demo = false WHERE username = 'admin'`);
      expect(await prod.anonymous.errorCode(LOGIN, { u: 'agent01', p: 'demo12345' })).toBe('UNAUTHENTICATED');
      const admin = await prod.login('admin');
      expect((await admin.ok(ME)).me.username).toBe('admin');
      const id = (await prod.db.dataSource.query(`SELECT id FROM staff WHERE username = 'agent01'`))[0].id;
      const iat = Math.floor(prod.clock.now().getTime() / 1000);
      const demoToken = await forge({ secret: prod.config.tokenSecret, sub: id, iat, exp: iat + 3600 });
      expect(await new GraphQLClient(prod.url, demoToken).errorCode(ME)).toBe('UNAUTHENTICATED');
    } finally {
      await prod.close();
    }
  });
});
