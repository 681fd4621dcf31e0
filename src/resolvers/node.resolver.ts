import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { hasRole, readsAllRequests } from '../auth/actor';
import { Role } from '../domain/enums';
import { GraphQLContext } from '../schema/context';
import { parseGlobalId } from '../schema/global-id';
import { NodeInterface } from '../schema/node.type';
import { findAssignment, findExtension, findFollowUp, findTimelineEvent } from '../services/assignment-query.service';
import { findKnowledgeArticle } from '../services/knowledge-query.service';
import { findNotification } from '../services/notification.service';
import { findCitizen, findRequest } from '../services/request-query.service';
import { CitizenView } from './citizen-view';
import { read } from './support';

/**
 * Relay's node(id:): each type answers under the same rules as its own query. Unknown ids and objects
 * the viewer may not see are null, never an error that would tell them it exists.
 */
@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => NodeInterface, { nullable: true })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<object | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) return null;
    const { dbId } = parsed;
    const actor = ctx.actor!;
    const readsRequests = readsAllRequests(actor) || hasRole(actor, Role.LIAISON);
    switch (parsed.type) {
      case 'Staff': return ctx.loaders.staffById.load(dbId);
      case 'Department': return ctx.loaders.departmentById.load(dbId);
      case 'Category': return ctx.loaders.categoryById.load(dbId);
      case 'Region': return ctx.loaders.regionById.load(dbId);
      case 'Citizen': {
        if (!readsAllRequests(actor)) return null;
        const citizen = await read(ctx, (c) => findCitizen(c, dbId));
        return citizen ? new CitizenView(citizen, 'FULL', null) : null;
      }
      case 'ServiceRequest': return readsRequests ? read(ctx, (c) => findRequest(c, { id: dbId })) : null;
      case 'Assignment': return read(ctx, (c) => findAssignment(c, dbId));
      case 'ExtensionRequest': return read(ctx, (c) => findExtension(c, dbId));
      case 'FollowUp': return read(ctx, (c) => findFollowUp(c, dbId));
      case 'TimelineEvent': return read(ctx, (c) => findTimelineEvent(c, dbId));
      case 'Notification': return read(ctx, (c) => findNotification(c, dbId));
      case 'KnowledgeArticle': return read(ctx, (c) => findKnowledgeArticle(c, dbId));
      default: return null; // hotspot alerts and webhook configuration are listed by their queries, not fetched one by one
    }
  }
}
