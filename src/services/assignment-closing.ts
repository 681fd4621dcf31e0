import { In } from 'typeorm';
import { Assignment, ExtensionRequest } from '../entities';
import { AssignmentRole, DecisionStatus, OPEN_ASSIGNMENT_STATUSES } from '../domain/enums';
import { AssignmentAction, nextAssignmentStatus } from '../domain/assignment-lifecycle';
import { ServiceContext } from './service-context';

export interface OpenAssignmentFilter {
  round?: number;
  role?: AssignmentRole;
}

/**
 * Withdraws the request's assignments that still owe work (re-dispatch, return approval, merge, void, close,
 * reply approval for assists that never replied). The caller holds the request's lock and writes the one
 * timeline event that explains why; the ids returned go into that event's data.
 */
export async function cancelOpenAssignments(ctx: ServiceContext, requestId: string, filter: OpenAssignmentFilter = {}): Promise<Assignment[]> {
  const repo = ctx.em.getRepository(Assignment);
  const open = await repo.find({
    where: { requestId, status: In([...OPEN_ASSIGNMENT_STATUSES]), ...(filter.round !== undefined && { round: filter.round }), ...(filter.role && { role: filter.role }) },
    order: { id: 'ASC' },
  });
  for (const assignment of open) {
    assignment.status = nextAssignmentStatus(assignment, AssignmentAction.CANCEL);
    assignment.cancelledAt = ctx.now;
  }
  if (open.length > 0) await repo.save(open);
  await withdrawPendingExtensions(ctx, open.map((a) => a.id), 'withdrawn: the assignment was cancelled');
  return open;
}

/**
 * An assignment that has ended (cancelled, returned, completed) needs no more time. Its pending extension is
 * closed as REJECTED with a comment saying why, so it leaves the center's queue instead of waiting forever.
 */
export async function withdrawPendingExtensions(ctx: ServiceContext, assignmentIds: string[], comment: string): Promise<void> {
  if (assignmentIds.length === 0) return;
  await ctx.em.getRepository(ExtensionRequest).update(
    { assignmentId: In(assignmentIds), status: DecisionStatus.PENDING },
    { status: DecisionStatus.REJECTED, decidedById: ctx.actor.staffId, decidedAt: ctx.now, comment },
  );
}
