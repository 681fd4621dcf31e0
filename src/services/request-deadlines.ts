import { Assignment, ServiceRequest } from '../entities';
import { RequestStatus } from '../domain/enums';
import { ServiceContext } from './service-context';

/**
 * `ServiceRequest.dueAt` is the one deadline that matters now, kept denormalised so that `overdue` filters
 * and the deadline scan are index lookups. It is derived here and only here from the status:
 * DISPATCHED → the lead's sign-for deadline, IN_PROGRESS → the lead's reply deadline,
 * AWAITING_FOLLOW_UP → the follow-up deadline; REGISTERED, REPLIED (the center reviews) and the closed
 * states have no running clock.
 */
export function currentDueAt(request: ServiceRequest, lead: Assignment | null): Date | null {
  switch (request.status) {
    case RequestStatus.DISPATCHED:
      return lead?.acceptDueAt ?? null;
    case RequestStatus.IN_PROGRESS:
      return lead?.dueAt ?? null;
    case RequestStatus.AWAITING_FOLLOW_UP:
      return request.followUpDueAt;
    default:
      return null;
  }
}

/**
 * Recomputes `dueAt` after a change. Outside AWAITING_FOLLOW_UP the follow-up deadline is cleared too,
 * so a follow-up reminder can never fire for a request that has moved on.
 * `changed` is an assignment the caller holds (possibly modified, not yet saved): used when it is the lead,
 * otherwise the lead is read when the status needs it.
 */
export async function refreshDueAt(ctx: ServiceContext, request: ServiceRequest, changed?: Assignment | null): Promise<void> {
  if (request.status !== RequestStatus.AWAITING_FOLLOW_UP) {
    request.followUpDueAt = null;
    request.followUpWarnAt = null;
  }
  request.dueAt = currentDueAt(request, await leadFor(ctx, request, changed));
}

async function leadFor(ctx: ServiceContext, request: ServiceRequest, changed?: Assignment | null): Promise<Assignment | null> {
  const needsLead = request.status === RequestStatus.DISPATCHED || request.status === RequestStatus.IN_PROGRESS;
  if (!needsLead || !request.leadAssignmentId) return null;
  if (changed && changed.id === request.leadAssignmentId) return changed;
  return ctx.em.getRepository(Assignment).findOneBy({ id: request.leadAssignmentId });
}
