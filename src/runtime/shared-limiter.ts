import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts } from 'rate-limiter-flexible';

// Counters that every API replica shares (rate limits, login failures) live in Redis. Without Redis (tests
// of the API alone) they live in this process. When Redis fails or hangs, an in-process "insurance"
// counter takes over: limits keep applying, per replica, and the API stays up. A warning says so, at most
// once a minute per counter, so an outage does not flood the log.

/** A Redis command slower than this counts as Redis being down: a request must not hang on its limiter. */
const REDIS_TIMEOUT_MS = 250;
const WARN_EVERY_MS = 60_000;

export interface SharedLimiterOptions {
  redis: Redis | null;
  /** Key prefix, e.g. `hotline:limits:staff`. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  log: Logger;
}

export type SharedLimiter = RateLimiterAbstract;

export function createSharedLimiter(o: SharedLimiterOptions): SharedLimiter {
  const local = { keyPrefix: o.keyPrefix, points: o.points, duration: o.durationSeconds };
  if (!o.redis) return new RateLimiterMemory(local);
  const redis = new RateLimiterRedis({ ...local, storeClient: o.redis, rejectIfRedisNotReady: true });
  return new RLWrapperTimeouts({ limiter: redis, timeoutMs: REDIS_TIMEOUT_MS, insuranceLimiter: new InsuranceLimiter(local, o.log) });
}

/** The in-process stand-in; it is only called when Redis failed, so every call is worth a (throttled) warning. */
class InsuranceLimiter extends RateLimiterMemory {
  private lastWarning = 0;

  constructor(opts: { keyPrefix: string; points: number; duration: number }, private readonly log: Logger) {
    super(opts);
  }

  private redisFailed(): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.log.warn({ limiter: this.keyPrefix }, 'Redis unavailable: limits are counted in this process only until it answers again');
  }

  consume(key: string | number, points?: number, options?: { [key: string]: any }): Promise<RateLimiterRes> {
    this.redisFailed();
    return super.consume(key, points, options);
  }

  get(key: string | number, options?: { [key: string]: any }): Promise<RateLimiterRes | null> {
    this.redisFailed();
    return super.get(key, options);
  }

  block(key: string | number, secDuration: number, options?: { [key: string]: any }): Promise<RateLimiterRes> {
    this.redisFailed();
    return super.block(key, secDuration, options);
  }

  delete(key: string | number, options?: { [key: string]: any }): Promise<boolean> {
    this.redisFailed();
    return super.delete(key, options);
  }
}

/** A store error (not a refusal) escaped every fallback: a RateLimiterRes is a refusal, anything else is not. */
export const isRefusal = (x: unknown): x is RateLimiterRes => x instanceof RateLimiterRes;
