import { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { resolveStaffActor } from '../auth/authenticate';
import { Actor } from '../auth/actor';
import { LoginLockout } from '../auth/login-lockout';
import { Config } from '../config';
import { DomainError } from '../domain/errors';
import { Staff } from '../entities';
import { requestLogger } from '../observability/request-scope';
import { GraphQLContext } from '../schema/context';
import { PersonalDataAudit } from '../schema/personal-data-audit';
import { CalendarCache } from '../services/calendar-cache';
import { createLoaders } from '../services/loaders';
import { ReferenceSnapshot } from '../services/reference-cache';
import { UnitOfWork } from '../services/unit-of-work';

interface ContextDeps {
  config: Config;
  uow: UnitOfWork;
  calendars: CalendarCache;
  dataSource: DataSource;
  /** The server's logger; each request's context gets it bound to the request id. */
  log: Logger;
  loginLockout: LoginLockout;
}

interface Authentication {
  actor: Actor | null;
  staff?: Staff;
  /** reference_version as read with the actor (absent without one). */
  referenceVersion?: string;
  authProblem: string | null;
}

async function authenticate(deps: ContextDeps, req: Request, now: Date): Promise<Authentication> {
  const header = req.headers.authorization;
  if (!header) return { actor: null, authProblem: null };
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { actor: null, authProblem: 'the Authorization header must be "Bearer <token>"' };
  try {
    const found = await resolveStaffActor(deps.dataSource.manager, deps.config, m[1], now);
    if (!found) return { actor: null, authProblem: 'this account cannot log in' };
    return { ...found, authProblem: null };
  } catch (err) {
    if (err instanceof DomainError) return { actor: null, authProblem: err.message };
    throw err;
  }
}

/** Per GraphQL request: who asks, fresh DataLoaders, one "now", and the audit of unmasked views. */
export function createContextFactory(deps: ContextDeps) {
  return async ({ req }: { req: Request }): Promise<GraphQLContext> => {
    const now = deps.uow.clock.now();
    const { actor, staff, referenceVersion, authProblem } = await authenticate(deps, req, now);
    let reference: Promise<ReferenceSnapshot> | undefined;
    const loaders = createLoaders(deps.dataSource.manager, now, () => (reference ??= deps.uow.references.snapshot(referenceVersion)));
    // The actor's own row was just read: `me`, and the actor as owner or author of timeline events, need no query.
    if (staff) loaders.staffById.prime(staff.id, staff);
    return {
      actor,
      authProblem,
      referenceVersion: referenceVersion ?? null,
      uow: deps.uow,
      calendars: deps.calendars,
      config: deps.config,
      loaders,
      audit: new PersonalDataAudit(actor?.staffId ?? null),
      now,
      log: requestLogger(deps.log),
      clientIp: req.ip ?? '',
      loginLockout: deps.loginLockout,
    };
  };
}

/** Writes the audit rows of unmasked personal data before the response leaves (awaited). */
export function auditPlugin(dataSource: DataSource, log: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName }) {
          try {
            await contextValue.audit.flush(dataSource, operationName ?? null, contextValue.now);
          } catch (err) {
            contextValue.log.error({ err }, 'could not write the personal-data audit');
            throw err;
          }
        },
      };
    },
  };
}
