import { errors, jwtVerify, SignJWT } from 'jose';
import { Config } from '../config';
import { DomainError, ErrorCode } from '../domain/errors';

const ISSUER = 'hotline-12345';
const AUDIENCE = 'hotline-12345-api';

const key = (config: Pick<Config, 'tokenSecret'>) => new TextEncoder().encode(config.tokenSecret);

/** A signed (HS256), expiring bearer token naming the staff member. */
export function issueToken(config: Pick<Config, 'tokenSecret' | 'tokenTtl'>, staffId: string, now: Date = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(staffId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(expiry(iat, config.tokenTtl))
    .sign(key(config));
}

function expiry(iat: number, ttl: string): number {
  return iat + tokenTtlSeconds(ttl);
}

/** TOKEN_TTL ("30m", "12h", "7d", "3600s") in seconds; throws for anything else, so config can check it at start-up. */
export function tokenTtlSeconds(ttl: string): number {
  const m = /^(\d{1,6})\s*([smhd])$/.exec(ttl.trim());
  if (!m || Number(m[1]) === 0) throw new Error(`TOKEN_TTL "${ttl}" must look like 30m, 12h or 7d`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

// Tokens whose signature and static claims were verified, per secret: a client sends the same token with every
// request, and HMAC through WebCrypto (twice a request: rate limit, then context) cost more CPU than the rest of
// a small query. A hit still checks the time claims against `now` exactly as jose does (nbf > now, exp <= now,
// whole seconds, no tolerance); anything else (expired, not yet valid, unknown token) goes through jwtVerify,
// which gives the error. Bounded: the oldest entries are dropped first.
const VERIFIED_MAX = 10_000;
interface VerifiedToken { staffId: string; nbf?: number; exp?: number }
const verified = new Map<string, Map<string, VerifiedToken>>();

function cachedVerification(secret: string, token: string, now: Date): string | null {
  const hit = verified.get(secret)?.get(token);
  if (!hit) return null;
  const at = Math.floor(now.getTime() / 1000);
  if ((hit.nbf !== undefined && hit.nbf > at) || (hit.exp !== undefined && hit.exp <= at)) return null;
  return hit.staffId;
}

function rememberVerification(secret: string, token: string, v: VerifiedToken): void {
  let bySecret = verified.get(secret);
  if (!bySecret) verified.set(secret, (bySecret = new Map()));
  if (bySecret.size >= VERIFIED_MAX) bySecret.delete(bySecret.keys().next().value!);
  bySecret.set(token, v);
}

/** `now` comes from the server's clock, so tokens expire on the same clock that stamps everything else. */
export async function verifyToken(config: Pick<Config, 'tokenSecret'>, token: string, now: Date = new Date()): Promise<{ staffId: string }> {
  const cached = cachedVerification(config.tokenSecret, token, now);
  if (cached) return { staffId: cached };
  try {
    const { payload } = await jwtVerify(token, key(config), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: now });
    if (!payload.sub || !/^[1-9]\d{0,17}$/.test(payload.sub)) throw new Error('no staff id as subject');
    rememberVerification(config.tokenSecret, token, { staffId: payload.sub, nbf: payload.nbf, exp: payload.exp });
    return { staffId: payload.sub };
  } catch (err) {
    const expired = err instanceof errors.JWTExpired;
    throw new DomainError(ErrorCode.UNAUTHENTICATED, expired ? 'token expired: log in again' : 'invalid token');
  }
}
