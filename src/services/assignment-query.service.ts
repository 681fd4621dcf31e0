import { Assignment, ExtensionRequest, FollowUp, TimelineEvent } from '../entities';
import { hasRole, readsAllRequests } from '../auth/actor';
import { Role } from '../domain/enums';
import { forbidden } from '../domain/errors';
import { AssignmentFilter } from './commands';
import { departmentWorklist, Worklist } from './department-worklist';
import { PageRequest } from './page';
import { canViewRequest } from './scope';
import { ServiceContext } from './service-context';

const ID = /^[1-9][0-9]{0,17}$/;

/**
 * The liaison portal's work list: assignments of the liaison's department and its sub-departments, newest
 * dispatch first. Other roles have no department work list (FORBIDDEN): the center works from
 * `serviceRequests`, whose filters (departmentCode, overdue, status) cover the same ground across departments.
 */
export async function listMyAssignments(ctx: ServiceContext, filter: AssignmentFilter, page: PageRequest): Promise<Worklist> {
  if (!hasRole(ctx.actor, Role.LIAISON) || !ctx.actor.departmentPath) throw forbidden('only department liaisons have assignments');
  return departmentWorklist(ctx, ctx.actor.departmentPath, filter ?? {}, page);
}

// The children of a request are visible exactly when the request is (a liaison's scope follows assignments).
// Analysts read no requests at all, whatever department their account may name.
async function visible<T extends { requestId: string }>(ctx: ServiceContext, row: T | null): Promise<T | null> {
  if (!row || !(readsAllRequests(ctx.actor) || hasRole(ctx.actor, Role.LIAISON))) return null;
  return (await canViewRequest(ctx, row.requestId)) ? row : null;
}

export async function findAssignment(ctx: ServiceContext, id: string): Promise<Assignment | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(Assignment).findOneBy({ id })) : null;
}

export async function findExtension(ctx: ServiceContext, id: string): Promise<ExtensionRequest | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(ExtensionRequest).findOneBy({ id })) : null;
}

export async function findFollowUp(ctx: ServiceContext, id: string): Promise<FollowUp | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(FollowUp).findOneBy({ id })) : null;
}

export async function findTimelineEvent(ctx: ServiceContext, id: string): Promise<TimelineEvent | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(TimelineEvent).findOneBy({ id })) : null;
}
