import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Notification } from '../entities';
import { GraphQLContext } from '../schema/context';
import { NotificationConnectionType } from '../schema/connection.types';
import { fromGlobalId, toGlobalId } from '../schema/global-id';
import { NotificationType, ServiceRequestType } from '../schema/request.types';
import { listNotifications, markNotificationRead } from '../services/notification.service';
import { canViewRequest } from '../services/scope';
import { connection, mutate, read } from './support';

/** Everyone's own notifications (DESIGN.md §6); written by the jobs, read and marked here. */
@Resolver(() => NotificationType)
export class NotificationResolver {
  @Authorized()
  @Query(() => NotificationConnectionType)
  async notifications(
    @Ctx() ctx: GraphQLContext,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return connection(await read(ctx, (c) => listNotifications(c, { unreadOnly }, { first, after })));
  }

  @Authorized()
  @Mutation(() => NotificationType)
  markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const dbId = fromGlobalId(id, 'Notification');
    return mutate(ctx, (c) => markNotificationRead(c, dbId));
  }

  @FieldResolver(() => ID)
  id(@Root() n: Notification) {
    return toGlobalId('Notification', n.id);
  }

  /** The request, when the recipient may read it (analysts get hotspot notices without a request). */
  @FieldResolver(() => ServiceRequestType, { nullable: true })
  async request(@Root() n: Notification, @Ctx() ctx: GraphQLContext) {
    if (!n.requestId || !(await read(ctx, (c) => canViewRequest(c, n.requestId!)))) return null;
    return ctx.loaders.requestById.load(n.requestId);
  }
}
