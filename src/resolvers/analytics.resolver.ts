import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '../domain/errors';
import { GraphQLContext } from '../schema/context';
import { NotificationConnectionType } from '../schema/connection.types';
import { fromGlobalId } from '../schema/global-id';
import { NotificationType, RoutingSuggestionType } from '../schema/request.types';
import { findRequest } from '../services/request-query.service';
import { CENTER } from './roles';
import { actorOf, emptyConnection, read } from './support';

// Operations whose behaviour belongs to later issues (#3 notifications, #5 routing). Until they
// land they answer an empty list, as issue #2 allows, but with the full authorization and input checks.
@Resolver()
export class PendingFeaturesResolver {
  @Authorized(CENTER)
  @Query(() => [RoutingSuggestionType])
  async routingSuggestions(@Arg('requestId', () => ID) requestId: string, @Ctx() ctx: GraphQLContext) {
    const request = await read(ctx, (c) => findRequest(c, { id: fromGlobalId(requestId, 'ServiceRequest', 'requestId') }));
    if (!request) throw notFound('service request');
    return [];
  }

  @Authorized()
  @Query(() => NotificationConnectionType)
  notifications(
    @Arg('unreadOnly', () => Boolean, { nullable: true }) _unreadOnly?: boolean | null,
    @Arg('first', () => Int, { nullable: true }) _first?: number | null,
    @Arg('after', () => String, { nullable: true }) _after?: string | null,
  ) {
    return emptyConnection();
  }

  @Authorized()
  @Mutation(() => NotificationType)
  markNotificationRead(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): never {
    actorOf(ctx);
    fromGlobalId(id, 'Notification');
    throw notFound('notification');
  }
}
