import { decodeJwt, SignJWT } from 'jose';
import { issueToken, tokenTtlSeconds, verifyToken } from '../../src/auth/token';

const config = { tokenSecret: 'unit-test-secret-unit-test-secret-0123', tokenTtl: '12h' };
const NOW = new Date('2026-03-10T04:00:00Z');
const HOUR = 3_600_000;

const rejected = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));

describe('issueToken / verifyToken', () => {
  test('a fresh token names the staff member, with issuer and expiry from TOKEN_TTL', async () => {
    const token = await issueToken(config, '42', NOW);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: '42', iss: 'hotline-12345', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 12 * 3600 });
    expect(await verifyToken(config, token, new Date(NOW.getTime() + 11 * HOUR))).toEqual({ staffId: '42' });
  });

  test('an expired token is UNAUTHENTICATED and says so', async () => {
    const token = await issueToken(config, '42', NOW);
    expect(await rejected(verifyToken(config, token, new Date(NOW.getTime() + 13 * HOUR)))).toEqual({
      code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/),
    });
  });

  test('a token verified once (and remembered) still expires on time, and is not valid under another secret', async () => {
    const token = await issueToken(config, '43', NOW);
    expect(await verifyToken(config, token, new Date(NOW.getTime() + HOUR))).toEqual({ staffId: '43' });
    expect(await verifyToken(config, token, new Date(NOW.getTime() + 2 * HOUR))).toEqual({ staffId: '43' });
    expect(await rejected(verifyToken(config, token, new Date(NOW.getTime() + 12 * HOUR)))).toEqual({
      code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/),
    });
    expect(await rejected(verifyToken({ ...config, tokenSecret: 'another-secret-another-secret-0123456' }, token, NOW))).toEqual({
      code: 'UNAUTHENTICATED', message: expect.any(String),
    });
  });

  test('a tampered payload, a foreign secret or garbage is UNAUTHENTICATED', async () => {
    const token = await issueToken(config, '42', NOW);
    const [header, , signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: '1' })).toString('base64url');
    const forged = `${header}.${forgedPayload}.${signature}`;
    const otherSecret = await issueToken({ ...config, tokenSecret: 'another-secret-another-secret-0123456' }, '42', NOW);
    for (const bad of [forged, otherSecret, 'garbage', '', `${token}x`]) {
      expect(await rejected(verifyToken(config, bad, NOW))).toEqual({ code: 'UNAUTHENTICATED', message: 'invalid token' });
    }
  });

  test('an unsigned token (alg none) and one from another issuer are refused', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: '1', iss: 'hotline-12345' })).toString('base64url')}.`;
    const key = new TextEncoder().encode(config.tokenSecret);
    const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('1').setIssuer('someone-else')
      .setIssuedAt().setExpirationTime('1h').sign(key);
    expect((await rejected(verifyToken(config, none, NOW)))?.code).toBe('UNAUTHENTICATED');
    expect((await rejected(verifyToken(config, foreign)))?.code).toBe('UNAUTHENTICATED');
  });

  test('a validly signed token whose subject is no staff id is refused', async () => {
    const key = new TextEncoder().encode(config.tokenSecret);
    const sign = (sub: string) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('hotline-12345')
      .setAudience('hotline-12345-api').setIssuedAt().setExpirationTime('1h').sign(key);
    for (const sub of ['admin', '0', '99999999999999999999']) {
      expect((await rejected(verifyToken(config, await sign(sub))))?.code).toBe('UNAUTHENTICATED');
    }
    expect(await verifyToken(config, await sign('7'))).toEqual({ staffId: '7' });
  });
});

describe('tokenTtlSeconds', () => {
  test.each([['30m', 1800], ['12h', 43200], ['7d', 604800], ['3600s', 3600], [' 2 h ', 7200]])('%s is %i seconds', (ttl, seconds) => {
    expect(tokenTtlSeconds(ttl)).toBe(seconds);
  });
  test.each(['', '12', 'h', '0h', '-1h', '1w', '1.5h', '12 hours'])('"%s" is refused', (ttl) => {
    expect(() => tokenTtlSeconds(ttl)).toThrow(/TOKEN_TTL/);
  });
});
