import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { ServiceRequest } from '../entities';
import { GraphQLContext } from '../schema/context';
import { ServiceRequestConnectionType } from '../schema/connection.types';
import { fromGlobalId } from '../schema/global-id';
import { ServiceRequestFilterInput } from '../schema/inputs';
import { ServiceRequestType } from '../schema/request.types';
import { findRequest, listRequests } from '../services/request-query.service';
import { REQUEST_READERS } from './roles';
import { connection, read } from './support';

@Resolver()
export class ServiceRequestResolver {
  @Authorized(REQUEST_READERS)
  @Query(() => ServiceRequestType, { nullable: true })
  serviceRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ): Promise<ServiceRequest | null> {
    const dbId = id == null ? null : fromGlobalId(id, 'ServiceRequest');
    return read(ctx, (c) => findRequest(c, { id: dbId, code }));
  }

  @Authorized(REQUEST_READERS)
  @Query(() => ServiceRequestConnectionType)
  async serviceRequests(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ServiceRequestFilterInput, { nullable: true }) filter?: ServiceRequestFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return connection(await read(ctx, (c) => listRequests(c, filter ?? {}, { first, after })));
  }
}
