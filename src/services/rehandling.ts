import { Assignment, ServiceRequest } from '../entities';
import { AssignmentRole, SupervisionLevel, TimelineEventKind } from '../domain/enums';
import { supervisionAfterRehandling } from '../domain/follow-up-outcome';
import { RequestAction, nextRequestStatus } from '../domain/request-lifecycle';
import { openAssignment } from './assignment-factory';
import { emitOutbox, OutboxTopic } from './outbox';
import { deadlinesChanged } from './request-changes';
import { refreshDueAt } from './request-deadlines';
import { ServiceContext } from './service-context';
import { policyFor } from './sla-lookup';
import { appendTimeline } from './timeline';

/**
 * 重办: the citizen was reached and is dissatisfied or the matter unresolved. A new round starts
 * (reopenCount+1, round+1, unreached attempts counted afresh). After a department's reply the same department
 * gets a new LEAD assignment with fresh deadlines, dispatched by whoever recorded the follow-up; after an
 * intake answer there is no department to send it back to, so it returns to REGISTERED for a supervisor to
 * dispatch. From the 2nd re-handling on the request is supervised (LISTED) automatically.
 */
export async function startRehandlingRound(ctx: ServiceContext, request: ServiceRequest, previousLead: Assignment | null): Promise<void> {
  request.reopenCount += 1;
  request.round += 1;
  request.unreachedAttempts = 0;
  let assignment: Assignment | null = null;
  if (previousLead) {
    request.status = nextRequestStatus(request.status, RequestAction.FOLLOW_UP_REHANDLE);
    const policy = await policyFor(ctx, request.type, request.urgency);
    assignment = await openAssignment(ctx, request, { id: previousLead.departmentId }, AssignmentRole.LEAD, policy);
    request.leadAssignmentId = assignment.id;
  } else {
    request.status = nextRequestStatus(request.status, RequestAction.FOLLOW_UP_BACK_TO_REGISTERED);
    request.leadAssignmentId = null;
  }
  await refreshDueAt(ctx, request, assignment);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment?.id ?? null,
    kind: TimelineEventKind.REOPENED,
    summary: assignment
      ? `Re-handling round ${request.round}: sent back to the same lead department`
      : `Reopened (round ${request.round}): the intake answer did not satisfy; awaiting dispatch`,
    data: { round: request.round, reopenCount: request.reopenCount, assignmentId: assignment?.id ?? null, departmentId: previousLead?.departmentId ?? null },
  });
  await emitOutbox(ctx, OutboxTopic.REHANDLING, {
    requestId: request.id, round: request.round, assignmentId: assignment?.id ?? null, departmentId: previousLead?.departmentId ?? null,
  });
  if (assignment) await deadlinesChanged(ctx, request.id, [assignment.id]);
  await superviseIfRepeatedlyReopened(ctx, request);
}

async function superviseIfRepeatedlyReopened(ctx: ServiceContext, request: ServiceRequest): Promise<void> {
  const level: SupervisionLevel | null = supervisionAfterRehandling(request.reopenCount, request.supervisionLevel);
  if (level === request.supervisionLevel) return;
  const previous = request.supervisionLevel;
  request.supervisionLevel = level;
  await appendTimeline(ctx, {
    requestId: request.id,
    kind: TimelineEventKind.SUPERVISED,
    summary: `Supervised automatically (${level}) after re-handling ${request.reopenCount} times`,
    data: { level, previousLevel: previous, automatic: true, reopenCount: request.reopenCount },
  });
  await emitOutbox(ctx, OutboxTopic.SUPERVISED, { requestId: request.id, level, assignmentId: request.leadAssignmentId });
}
