import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RoutingRule } from '../entities';
import { GraphQLContext } from '../schema/context';
import { fromGlobalId, toGlobalId } from '../schema/global-id';
import { CategoryType, DepartmentType, RegionType, StaffType } from '../schema/organisation.types';
import { RoutingSuggestionType } from '../schema/request.types';
import { RoutingRuleInput, RoutingRuleType, SimilarRequestType } from '../schema/routing.types';
import { deleteRoutingRule, listRoutingRules, upsertRoutingRule } from '../services/routing/routing-rule.service';
import { routingSuggestionsFor } from '../services/routing/routing-suggestion.service';
import { similarRequests } from '../services/routing/similar-request.service';
import { ADMIN, CENTER } from './roles';
import { mutate, read } from './support';

const RULE_READERS = [...CENTER, ...ADMIN];

/** Routing (派单) help for the center: rules, suggestions and duplicate candidates (issue 5). */
@Resolver(() => RoutingRuleType)
export class RoutingResolver {
  @Authorized(RULE_READERS)
  @Query(() => [RoutingRuleType])
  routingRules(@Ctx() ctx: GraphQLContext, @Arg('categoryCode', () => String, { nullable: true }) categoryCode?: string | null) {
    return read(ctx, (c) => listRoutingRules(c, { categoryCode }));
  }

  @Authorized(ADMIN)
  @Mutation(() => RoutingRuleType, { description: 'creates a rule, or replaces the one named by input.id' })
  upsertRoutingRule(@Arg('input', () => RoutingRuleInput) input: RoutingRuleInput, @Ctx() ctx: GraphQLContext) {
    const id = input.id == null ? null : fromGlobalId(input.id, 'RoutingRule', 'input.id');
    return mutate(ctx, (c) => upsertRoutingRule(c, { ...input, id }));
  }

  @Authorized(ADMIN)
  @Mutation(() => ID, { description: 'the id of the deleted rule' })
  async deleteRoutingRule(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const dbId = fromGlobalId(id, 'RoutingRule');
    const deleted = await mutate(ctx, (c) => deleteRoutingRule(c, dbId));
    return toGlobalId('RoutingRule', deleted.id);
  }

  @Authorized(CENTER)
  @Query(() => [RoutingSuggestionType], { description: 'up to 3 departments, best first' })
  async routingSuggestions(@Arg('requestId', () => ID) requestId: string, @Ctx() ctx: GraphQLContext) {
    const id = fromGlobalId(requestId, 'ServiceRequest', 'requestId');
    const suggestions = await read(ctx, (c) => routingSuggestionsFor(c, id));
    return suggestions.map((s) => ({ score: s.score, reason: s.reason, department: ctx.loaders.departmentById.load(s.departmentId) }));
  }

  @Authorized(CENTER)
  @Query(() => [SimilarRequestType], { description: 'open or recently closed requests that are probably the same matter, best first' })
  similarRequests(
    @Arg('requestId', () => ID) requestId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ) {
    const id = fromGlobalId(requestId, 'ServiceRequest', 'requestId');
    return read(ctx, (c) => similarRequests(c, id, first));
  }

  @FieldResolver(() => ID)
  id(@Root() r: RoutingRule) {
    return toGlobalId('RoutingRule', r.id);
  }

  @FieldResolver(() => CategoryType)
  category(@Root() r: RoutingRule, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.categoryById.load(r.categoryId);
  }

  @FieldResolver(() => RegionType, { nullable: true })
  region(@Root() r: RoutingRule, @Ctx() ctx: GraphQLContext) {
    return r.regionId ? ctx.loaders.regionById.load(r.regionId) : null;
  }

  @FieldResolver(() => DepartmentType)
  department(@Root() r: RoutingRule, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.departmentById.load(r.departmentId);
  }

  @FieldResolver(() => StaffType, { nullable: true })
  updatedBy(@Root() r: RoutingRule, @Ctx() ctx: GraphQLContext) {
    return r.updatedById ? ctx.loaders.staffById.load(r.updatedById) : null;
  }
}
