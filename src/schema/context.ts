import type { Logger } from 'pino';
import { Actor } from '../auth/actor';
import { LoginLockout } from '../auth/login-lockout';
import { Config } from '../config';
import { CalendarCache } from '../services/calendar-cache';
import { Loaders } from '../services/loaders';
import { UnitOfWork } from '../services/unit-of-work';
import { PersonalDataAudit } from './personal-data-audit';

/** What every resolver gets: who asks, how to reach the services, and this request's loaders and audit. */
export interface GraphQLContext {
  actor: Actor | null;
  /** Why there is no actor when a token was sent (expired, invalid, account disabled). */
  authProblem: string | null;
  /** The reference version read with the actor: the unit of work's reference cache needs no query when it matches. */
  referenceVersion: string | null;
  uow: UnitOfWork;
  calendars: CalendarCache;
  config: Config;
  loaders: Loaders;
  audit: PersonalDataAudit;
  now: Date;
  /** The server's logger bound to this request's id (X-Request-Id). */
  log: Logger;
  /** The client address (TRUST_PROXY-aware), for the login lock-out. */
  clientIp: string;
  loginLockout: LoginLockout;
}
