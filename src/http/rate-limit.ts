import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { verifyToken } from '../auth/token';
import { Clock } from '../clock';
import { Config } from '../config';
import { ErrorCode } from '../domain/errors';
import { createSharedLimiter, isRefusal, SharedLimiter } from '../runtime/shared-limiter';
import { sendGraphQLError } from './error-response';

// Request budgets per RATE_LIMIT_WINDOW, counted in Redis so that every API replica spends the same budget.
// A request with a valid token spends its staff member's budget (all their tokens and devices together);
// any other request spends its client address's. Authenticated traffic is not also counted per address on
// purpose: a call center's agents share one NAT address, and one agent's work must not throttle the floor.

export interface RateLimitDeps {
  config: Pick<Config, 'tokenSecret' | 'rateLimitPerStaff' | 'rateLimitPerIp' | 'rateLimitWindowSeconds' | 'limitsRedisPrefix'>;
  redis: Redis | null;
  clock: Clock;
  log: Logger;
}

export function rateLimit(deps: RateLimitDeps): RequestHandler {
  const { config } = deps;
  const limiter = (kind: string, points: number): SharedLimiter | null => points > 0
    ? createSharedLimiter({ redis: deps.redis, keyPrefix: `${config.limitsRedisPrefix}:rate:${kind}`, points, durationSeconds: config.rateLimitWindowSeconds, log: deps.log })
    : null;
  const perStaff = limiter('staff', config.rateLimitPerStaff);
  const perIp = limiter('ip', config.rateLimitPerIp);

  return async (req, res, next) => {
    const staffId = await staffIdOf(deps, req.headers.authorization);
    const [budget, key] = staffId ? [perStaff, staffId] : [perIp, req.ip ?? 'unknown'];
    if (!budget) return next();
    try {
      await budget.consume(key);
    } catch (err) {
      if (!isRefusal(err)) {
        // Redis and the in-process stand-in both failed: serve rather than take the API down.
        deps.log.error({ err }, 'rate limiter failed; request let through');
        return next();
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      deps.log.warn({ staffId, ip: req.ip, path: req.path, retryAfterSeconds }, 'rate limit exceeded');
      res.setHeader('Retry-After', String(retryAfterSeconds));
      sendGraphQLError(req, res, 429, {
        code: ErrorCode.RATE_LIMITED,
        message: `too many requests: try again in ${retryAfterSeconds} s`,
        details: { retryAfterSeconds },
      });
      return;
    }
    next();
  };
}

/** The staff member a correctly signed, unexpired token names; checked again (with the database) later. */
async function staffIdOf(deps: RateLimitDeps, header: string | undefined): Promise<string | null> {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!m) return null;
  try {
    return (await verifyToken(deps.config, m[1], deps.clock.now())).staffId;
  } catch {
    return null;
  }
}
