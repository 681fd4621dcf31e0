import { Actor } from '../auth/actor';
import { DomainError, ErrorCode } from '../domain/errors';
import { GraphQLContext } from '../schema/context';
import { Page } from '../services/page';
import { ServiceContext } from '../services/service-context';

/** The authenticated actor; @Authorized has already refused anonymous calls. */
export function actorOf(ctx: GraphQLContext): Actor {
  if (!ctx.actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, ctx.authProblem ?? 'log in first');
  return ctx.actor;
}

/** A mutation: one transaction through the unit of work. */
export function mutate<T>(ctx: GraphQLContext, work: (c: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.uow.run(actorOf(ctx), work, ctx.referenceVersion);
}

/** A query: reads outside a transaction, "now" fixed for the whole GraphQL request. */
export function read<T>(ctx: GraphQLContext, work: (c: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.uow.read(actorOf(ctx), work, ctx.referenceVersion);
}

/** A Relay connection; totalCount is a getter, so the count query runs only when the field is selected. */
export function connection<T>(page: Page<T>) {
  return {
    edges: page.items,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    get totalCount(): Promise<number> {
      return page.totalCount();
    },
  };
}
