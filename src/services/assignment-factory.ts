import { Assignment, Department, ServiceRequest } from '../entities';
import { AssignmentRole, AssignmentStatus } from '../domain/enums';
import { assignmentDeadlines, replyEscalationTime, SlaPolicyRule } from '../domain/sla';
import { emitOutbox, OutboxTopic } from './outbox';
import { ServiceContext } from './service-context';

/**
 * A new assignment of the request's current round for one department, its deadlines computed from the
 * policy in force now (a later policy change never moves them, DESIGN.md §5), and the outbox row that makes
 * the department's liaisons hear about it (ASSIGNED). Used by dispatch and by re-handling rounds.
 */
export async function openAssignment(
  ctx: ServiceContext,
  request: ServiceRequest,
  department: Pick<Department, 'id'>,
  role: AssignmentRole,
  policy: SlaPolicyRule,
  /** Who dispatched it; null for the system's direct dispatch (直派). */
  dispatchedById: string | null = ctx.actor.staffId,
): Promise<Assignment> {
  const cal = await ctx.calendar();
  const deadlines = assignmentDeadlines(ctx.now, policy, cal, ctx.timeZone);
  const repo = ctx.em.getRepository(Assignment);
  const assignment = await repo.save(
    repo.create({
      requestId: request.id,
      departmentId: department.id,
      role,
      status: AssignmentStatus.PENDING,
      round: request.round,
      dispatchedAt: ctx.now,
      dispatchedById,
      acceptDueAt: deadlines.acceptDueAt,
      acceptWarnAt: deadlines.acceptWarnAt,
      dueAt: deadlines.dueAt,
      replyWarnAt: deadlines.replyWarnAt,
      replyEscalateAt: replyEscalationTime(deadlines.dueAt, cal, ctx.timeZone),
      designated: false,
    }),
  );
  await emitOutbox(ctx, OutboxTopic.ASSIGNMENT_DISPATCHED, {
    assignmentId: assignment.id,
    requestId: request.id,
    departmentId: department.id,
    role,
  });
  return assignment;
}
