import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { maskName, maskPhone } from '../domain/masking';
import { GraphQLContext } from '../schema/context';
import { ServiceRequestConnectionType } from '../schema/connection.types';
import { fromGlobalId, toGlobalId } from '../schema/global-id';
import { CitizenType } from '../schema/request.types';
import { findCitizen, listCitizenRequests } from '../services/request-query.service';
import { CitizenView } from './citizen-view';
import { CITIZEN_READERS } from './roles';
import { connection, read } from './support';

@Resolver(() => CitizenType)
export class CitizenResolver {
  @Authorized(CITIZEN_READERS)
  @Query(() => CitizenType, { nullable: true })
  async citizen(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<CitizenView | null> {
    const citizen = await read(ctx, (c) => findCitizen(c, fromGlobalId(id, 'Citizen')));
    return citizen ? new CitizenView(citizen, 'FULL', null) : null;
  }

  @FieldResolver(() => ID)
  id(@Root() v: CitizenView) {
    return toGlobalId('Citizen', v.citizen.id);
  }

  @FieldResolver(() => String, { nullable: true })
  name(@Root() v: CitizenView, @Ctx() ctx: GraphQLContext): string | null {
    if (v.visibility === 'MASKED') return maskName(v.citizen.name);
    if (v.citizen.name) ctx.audit.record(v.citizen.id, v.viaRequestId, 'name');
    return v.citizen.name;
  }

  @FieldResolver(() => String, { nullable: true })
  phone(@Root() v: CitizenView, @Ctx() ctx: GraphQLContext): string | null {
    if (v.visibility === 'MASKED') return maskPhone(v.citizen.phone);
    if (v.citizen.phone) ctx.audit.record(v.citizen.id, v.viaRequestId, 'phone');
    return v.citizen.phone;
  }

  @FieldResolver(() => Int)
  async requestCount(@Root() v: CitizenView, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.loaders.citizenStatsById.load(v.citizen.id)).requestCount;
  }

  @FieldResolver(() => Boolean)
  async isRepeatCaller(@Root() v: CitizenView, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return (await ctx.loaders.citizenStatsById.load(v.citizen.id)).recentCount30d > 1;
  }

  /** The history agents see before answering; a liaison sees only the requests in their scope. */
  @FieldResolver(() => ServiceRequestConnectionType)
  async requests(
    @Root() v: CitizenView,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return connection(await read(ctx, (c) => listCitizenRequests(c, v.citizen.id, { first, after })));
  }
}
