import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Config } from '../config';
import { DomainError, ErrorCode } from '../domain/errors';
import { createSharedLimiter, isRefusal, SharedLimiter } from '../runtime/shared-limiter';

// Lock-out after repeated failed logins: LOGIN_LOCKOUT_FAILURES failures for one username within
// LOGIN_LOCKOUT_WINDOW lock that username for LOGIN_LOCKOUT_DURATION; LOGIN_LOCKOUT_IP_FAILURES failures from
// one client address lock logins from that address (one attacker trying many usernames). The counters live
// in Redis, next to the rate limits, so every replica sees them and they expire by themselves.
//
// A username is counted and locked whether or not such a staff member exists, and a locked one is refused
// before any lookup, with the same answer, so lock-out tells nobody which usernames exist. A locked
// username is refused even with the right password; a successful login clears its failures.

export interface LoginAttempt {
  username: string;
  /** The client address (express's req.ip, TRUST_PROXY-aware). */
  ip: string;
}

type LockoutConfig = Pick<Config,
  'loginLockoutFailures' | 'loginLockoutIpFailures' | 'loginLockoutWindowSeconds' | 'loginLockoutSeconds' | 'limitsRedisPrefix'>;

/** RATE_LIMITED, answered over HTTP as 429 with Retry-After (Apollo reads `extensions.http` of the original error). */
export class LoginLockedError extends DomainError {
  readonly extensions: { http: { status: number; headers: Map<string, string> } };

  constructor(message: string, retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
    this.extensions = { http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } };
  }
}

interface Counter {
  limiter: SharedLimiter;
  threshold: number;
}

export class LoginLockout {
  private readonly byUsername: Counter | null;
  private readonly byIp: Counter | null;

  constructor(private readonly config: LockoutConfig, redis: Redis | null, private readonly log: Logger) {
    const counter = (kind: string, threshold: number): Counter | null => threshold > 0
      ? {
          threshold,
          limiter: createSharedLimiter({
            redis, log, keyPrefix: `${config.limitsRedisPrefix}:login-failures:${kind}`, points: threshold, durationSeconds: config.loginLockoutWindowSeconds,
          }),
        }
      : null;
    this.byUsername = counter('username', config.loginLockoutFailures);
    this.byIp = counter('ip', config.loginLockoutIpFailures);
  }

  /** Runs `login` unless the username or address is locked; counts its refusal, or clears the username's failures. */
  async guard<T>(attempt: LoginAttempt, login: () => Promise<T>): Promise<T> {
    const username = normalise(attempt.username);
    const userKey = usernameKey(username);
    await this.refuseIfLocked(this.byIp, attempt.ip, 'too many failed logins from this address');
    await this.refuseIfLocked(this.byUsername, userKey, 'too many failed logins for this username');
    let result: T;
    try {
      result = await login();
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.UNAUTHENTICATED) await this.recordFailure(username, userKey, attempt.ip);
      throw err;
    }
    await this.byUsername?.limiter.delete(userKey).catch((err) => this.log.error({ err }, 'could not clear login failures'));
    return result;
  }

  private async refuseIfLocked(counter: Counter | null, key: string, what: string): Promise<void> {
    if (!counter) return;
    const state = await counter.limiter.get(key).catch((err) => {
      this.log.error({ err }, 'could not read login failures; login allowed');
      return null;
    });
    if (!state || state.consumedPoints < counter.threshold) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    throw new LoginLockedError(`${what}: try again in ${Math.ceil(retryAfterSeconds / 60)} min`, retryAfterSeconds);
  }

  private async recordFailure(username: string, userKey: string, ip: string): Promise<void> {
    const failures = await Promise.all([this.count(this.byUsername, userKey), this.count(this.byIp, ip)]);
    // The attempted username is logged (it is what an investigation searches for); the password never is.
    const who = { username: username.slice(0, 64), ip };
    this.log.info({ ...who, usernameFailures: failures[0], ipFailures: failures[1] }, 'login failed');
    const lockSeconds = this.config.loginLockoutSeconds;
    if (failures[0] === this.byUsername?.threshold) {
      await this.lock(this.byUsername, userKey);
      this.log.warn({ ...who, lockSeconds }, 'login locked for this username after repeated failures');
    }
    if (failures[1] === this.byIp?.threshold) {
      await this.lock(this.byIp, ip);
      this.log.warn({ ...who, lockSeconds }, 'login locked for this address after repeated failures');
    }
  }

  /** Failures in the window after this one; only the failure that reaches the threshold starts the lock. */
  private async count(counter: Counter | null, key: string): Promise<number | null> {
    if (!counter) return null;
    try {
      return (await counter.limiter.consume(key)).consumedPoints;
    } catch (err) {
      if (isRefusal(err)) return err.consumedPoints; // already past the threshold (concurrent failures)
      this.log.error({ err }, 'could not count a login failure');
      return null;
    }
  }

  /** The lock runs LOGIN_LOCKOUT_DURATION from the failure that reached the threshold, not from the first. */
  private async lock(counter: Counter, key: string): Promise<void> {
    await counter.limiter.block(key, this.config.loginLockoutSeconds).catch((err) => this.log.error({ err }, 'could not lock logins'));
  }
}

/** As the login service reads it, so "Agent01 " and "agent01" share one count. */
const normalise = (username: string) => (typeof username === 'string' ? username.trim().toLowerCase() : '');

/** Hashed: a key of bounded length whatever is typed, and no usernames in Redis. */
const usernameKey = (username: string) => createHash('sha256').update(username).digest('hex').slice(0, 32);
