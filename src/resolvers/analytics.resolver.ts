import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { notFound } from '../domain/errors';
import { GraphQLContext } from '../schema/context';
import { fromGlobalId } from '../schema/global-id';
import { RoutingSuggestionType } from '../schema/request.types';
import { findRequest } from '../services/request-query.service';
import { CENTER } from './roles';
import { read } from './support';

// routingSuggestions belongs to issue #5. Until it lands it answers an empty list, as issue #2 allows, but
// with the full authorization and input checks.
@Resolver()
export class PendingFeaturesResolver {
  @Authorized(CENTER)
  @Query(() => [RoutingSuggestionType])
  async routingSuggestions(@Arg('requestId', () => ID) requestId: string, @Ctx() ctx: GraphQLContext) {
    const request = await read(ctx, (c) => findRequest(c, { id: fromGlobalId(requestId, 'ServiceRequest', 'requestId') }));
    if (!request) throw notFound('service request');
    return [];
  }
}
