import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { Assignment, FollowUp, ServiceRequest } from '../entities';
import { RequestStatus, Satisfaction } from '../domain/enums';
import { citizenVisibility } from '../domain/masking';
import { GraphQLContext } from '../schema/context';
import { TimelineConnectionType } from '../schema/connection.types';
import { toGlobalId } from '../schema/global-id';
import { KnowledgeArticleType } from '../schema/knowledge.types';
import { CategoryType, RegionType, StaffType } from '../schema/organisation.types';
import { AssignmentType, CitizenType, FollowUpType, ServiceRequestType } from '../schema/request.types';
import { listTimeline } from '../services/request-query.service';
import { canViewRequest } from '../services/scope';
import { CitizenView } from './citizen-view';
import { actorOf, connection, read } from './support';

const RUNNING_CLOCK = [RequestStatus.DISPATCHED, RequestStatus.IN_PROGRESS, RequestStatus.AWAITING_FOLLOW_UP];

@Resolver(() => ServiceRequestType)
export class ServiceRequestFieldsResolver {
  @FieldResolver(() => ID)
  id(@Root() r: ServiceRequest) {
    return toGlobalId('ServiceRequest', r.id);
  }

  @FieldResolver(() => CategoryType)
  category(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.categoryById.load(r.categoryId);
  }

  @FieldResolver(() => RegionType, { nullable: true })
  region(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext) {
    return r.regionId ? ctx.loaders.regionById.load(r.regionId) : null;
  }

  /** Masked for liaisons, hidden from them when confidential, never shown to analysts (DESIGN.md §3). */
  @FieldResolver(() => CitizenType, { nullable: true })
  async citizen(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<CitizenView | null> {
    if (!r.citizenId) return null;
    const visibility = citizenVisibility(actorOf(ctx).roles, r.confidential);
    if (visibility === 'HIDDEN') return null;
    const citizen = await ctx.loaders.citizenById.load(r.citizenId);
    return citizen ? new CitizenView(citizen, visibility, r.id) : null;
  }

  @FieldResolver(() => StaffType)
  registeredBy(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.staffById.load(r.registeredById);
  }

  @FieldResolver(() => StaffType)
  owner(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.staffById.load(r.ownerId);
  }

  @FieldResolver(() => [AssignmentType])
  assignments(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<Assignment[]> {
    return ctx.loaders.assignmentsByRequestId.load(r.id);
  }

  @FieldResolver(() => AssignmentType, { nullable: true })
  leadAssignment(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext) {
    return r.leadAssignmentId ? ctx.loaders.assignmentById.load(r.leadAssignmentId) : null;
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): boolean {
    return RUNNING_CLOCK.includes(r.status) && r.dueAt !== null && r.dueAt.getTime() < ctx.now.getTime();
  }

  @FieldResolver(() => ServiceRequestType, { nullable: true })
  async mergedInto(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext) {
    if (!r.mergedIntoId) return null;
    return (await this.visible(ctx, [r.mergedIntoId]))[0] ?? null;
  }

  @FieldResolver(() => [ServiceRequestType])
  async duplicates(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<ServiceRequest[]> {
    const duplicates = await ctx.loaders.duplicatesByRequestId.load(r.id);
    return this.visible(ctx, duplicates.map((d) => d.id));
  }

  @FieldResolver(() => [FollowUpType])
  followUps(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<FollowUp[]> {
    return ctx.loaders.followUpsByRequestId.load(r.id);
  }

  @FieldResolver(() => Satisfaction, { nullable: true })
  async latestSatisfaction(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext): Promise<Satisfaction | null> {
    const followUps = await ctx.loaders.followUpsByRequestId.load(r.id);
    return [...followUps].reverse().find((f) => f.reached && f.satisfaction)?.satisfaction ?? null;
  }

  /** The article as it is now (a later edit shows; the versions say what it said then). */
  @FieldResolver(() => KnowledgeArticleType, { nullable: true })
  knowledgeArticle(@Root() r: ServiceRequest, @Ctx() ctx: GraphQLContext) {
    return r.knowledgeArticleId ? ctx.loaders.knowledgeArticleById.load(r.knowledgeArticleId) : null;
  }

  @FieldResolver(() => TimelineConnectionType)
  async timeline(
    @Root() r: ServiceRequest,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return connection(await read(ctx, (c) => listTimeline(c, r.id, { first, after })));
  }

  // Related requests are shown only when the viewer may read them on their own (a liaison's scope).
  private async visible(ctx: GraphQLContext, ids: string[]): Promise<ServiceRequest[]> {
    const out: ServiceRequest[] = [];
    for (const id of ids) {
      const request = await ctx.loaders.requestById.load(id);
      if (request && (await read(ctx, (c) => canViewRequest(c, id)))) out.push(request);
    }
    return out;
  }
}
