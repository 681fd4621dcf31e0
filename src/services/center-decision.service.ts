import { Assignment, ExtensionRequest, ServiceRequest } from '../entities';
import { AssignmentRole, AssignmentStatus, DecisionStatus, OPEN_ASSIGNMENT_STATUSES, TimelineEventKind } from '../domain/enums';
import { invalidTransition } from '../domain/errors';
import { AssignmentAction, nextAssignmentStatus } from '../domain/assignment-lifecycle';
import { RequestAction, nextRequestStatus } from '../domain/request-lifecycle';
import { followUpDeadline, replyEscalationTime, warningTime } from '../domain/sla';
import { COMMENT_MAX, optionalText } from '../domain/text-limits';
import { cancelOpenAssignments, withdrawPendingExtensions } from './assignment-closing';
import { requireDbId } from './db-id';
import { lockAssignment, lockExtension } from './locks';
import { emitOutbox, OutboxTopic } from './outbox';
import { deadlinesChanged, saveRequestChange } from './request-changes';
import { refreshDueAt } from './request-deadlines';
import { ServiceContext } from './service-context';
import { policyFor } from './sla-lookup';
import { appendTimeline } from './timeline';

// The center's decisions on what departments asked for or delivered (supervisors).

/**
 * 退单审核. Approved: the assignment is RETURNED, the request goes back to REGISTERED for re-dispatch and the
 * round's assisting assignments are withdrawn with it. Rejected: the assignment resumes where it was and the
 * unit is designated (指定), so it cannot return the request again.
 */
export async function decideReturn(ctx: ServiceContext, assignmentId: string, approve: boolean, comment?: string | null): Promise<Assignment> {
  const note = optionalText('comment', comment, COMMENT_MAX);
  const { assignment, request } = await lockAssignment(ctx, requireDbId(assignmentId, 'assignment'));
  const next = nextAssignmentStatus(assignment, approve ? AssignmentAction.APPROVE_RETURN : AssignmentAction.REJECT_RETURN);
  let cancelled: Assignment[] = [];
  if (approve) {
    assignment.status = next;
    assignment.returnedAt = ctx.now;
    await ctx.em.getRepository(Assignment).save(assignment);
    await withdrawPendingExtensions(ctx, [assignment.id], 'withdrawn: the assignment was returned');
    if (request.leadAssignmentId === assignment.id) {
      request.status = nextRequestStatus(request.status, RequestAction.RETURN_APPROVED);
      request.leadAssignmentId = null;
      cancelled = await cancelOpenAssignments(ctx, request.id, { round: request.round, role: AssignmentRole.ASSIST });
      await refreshDueAt(ctx, request, null);
    }
  } else {
    assignment.status = next;
    assignment.designated = true;
    assignment.statusBeforeReturn = null;
    await ctx.em.getRepository(Assignment).save(assignment);
  }
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment.id,
    kind: TimelineEventKind.RETURN_DECIDED,
    summary: approve ? 'Return approved; the request awaits re-dispatch' : 'Return rejected; the department is designated and keeps the assignment',
    data: { approved: approve, departmentId: assignment.departmentId, comment: note, cancelledAssignmentIds: cancelled.map((a) => a.id) },
  });
  await emitOutbox(ctx, OutboxTopic.RETURN_DECIDED, { assignmentId: assignment.id, requestId: request.id, departmentId: assignment.departmentId, approved: approve });
  await saveRequestChange(ctx, request);
  return assignment;
}

/** 延期审核. Approved: the reply deadline (and its warning) move; rejected: nothing moves. */
export async function decideExtension(ctx: ServiceContext, extensionId: string, approve: boolean, comment?: string | null): Promise<ExtensionRequest> {
  const note = optionalText('comment', comment, COMMENT_MAX);
  const { extension, assignment, request } = await lockExtension(ctx, requireDbId(extensionId, 'extension request'));
  if (extension.status !== DecisionStatus.PENDING) throw invalidTransition(`the extension request was already decided (${extension.status})`);
  // Extensions of ended assignments are withdrawn when they end; this guards the rows written before that rule.
  if (!OPEN_ASSIGNMENT_STATUSES.includes(assignment.status)) throw invalidTransition(`the assignment is ${assignment.status}; its deadline can no longer move`);
  extension.status = approve ? DecisionStatus.APPROVED : DecisionStatus.REJECTED;
  extension.decidedById = ctx.actor.staffId;
  extension.decidedAt = ctx.now;
  extension.comment = note;
  await ctx.em.getRepository(ExtensionRequest).save(extension);
  if (approve) await moveReplyDeadline(ctx, request, assignment, extension.requestedDueAt);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment.id,
    kind: TimelineEventKind.EXTENSION_DECIDED,
    summary: approve ? `Extension approved; new deadline ${extension.requestedDueAt.toISOString()}` : 'Extension rejected; the deadline stays',
    data: {
      extensionId: extension.id, approved: approve, comment: note,
      previousDueAt: extension.previousDueAt.toISOString(), requestedDueAt: extension.requestedDueAt.toISOString(),
    },
  });
  await emitOutbox(ctx, OutboxTopic.EXTENSION_DECIDED, {
    extensionId: extension.id, assignmentId: assignment.id, requestId: request.id, departmentId: assignment.departmentId, approved: approve,
  });
  await saveRequestChange(ctx, request);
  return extension;
}

async function moveReplyDeadline(ctx: ServiceContext, request: ServiceRequest, assignment: Assignment, dueAt: Date): Promise<void> {
  const policy = await policyFor(ctx, request.type, request.urgency);
  assignment.dueAt = dueAt;
  // The reply step started at dispatch; the warning is re-armed against the new deadline.
  const cal = await ctx.calendar();
  assignment.replyWarnAt = warningTime(assignment.dispatchedAt, dueAt, policy.warnBefore, cal, ctx.timeZone);
  // … and so is the LISTED escalation, 5 working days after the new deadline.
  assignment.replyEscalateAt = replyEscalationTime(dueAt, cal, ctx.timeZone);
  await ctx.em.getRepository(Assignment).save(assignment);
  await refreshDueAt(ctx, request, assignment);
  await deadlinesChanged(ctx, request.id, [assignment.id]);
}

/**
 * 审核 of the lead's reply. Approved: the lead and the assists that replied are COMPLETED, assists that never
 * replied are cancelled (the round's handling is over: leaving them open would keep them running against
 * deadlines and reminders for work nobody needs any more), and the follow-up clock starts.
 * Rejected: the lead is back to ACCEPTED, the request IN_PROGRESS against the lead's deadline (which does not
 * move; only an extension moves it). The rejected reply is kept in the timeline event and cleared from the
 * assignment, so "replied" and "on time" describe the reply that finally counts.
 */
export async function reviewReply(ctx: ServiceContext, assignmentId: string, approve: boolean, comment?: string | null): Promise<ServiceRequest> {
  const note = optionalText('comment', comment, COMMENT_MAX);
  const { assignment, request } = await lockAssignment(ctx, requireDbId(assignmentId, 'assignment'));
  if (request.leadAssignmentId !== assignment.id) throw invalidTransition('only the current lead assignment\'s reply is reviewed; assisting replies are recorded as they are');
  const next = nextAssignmentStatus(assignment, approve ? AssignmentAction.APPROVE_REPLY : AssignmentAction.REJECT_REPLY);
  const data = approve ? await approveReply(ctx, request, assignment, next) : await rejectReply(ctx, request, assignment, next);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment.id,
    kind: TimelineEventKind.REPLY_REVIEWED,
    summary: approve ? 'Reply approved; awaiting follow-up' : 'Reply rejected; the lead department handles it again',
    data: { approved: approve, comment: note, ...data },
  });
  return saveRequestChange(ctx, request);
}

async function approveReply(ctx: ServiceContext, request: ServiceRequest, lead: Assignment, next: AssignmentStatus) {
  lead.status = next;
  lead.completedAt = ctx.now;
  const repo = ctx.em.getRepository(Assignment);
  await repo.save(lead);
  const assists = await repo.find({ where: { requestId: request.id, round: request.round, role: AssignmentRole.ASSIST, status: AssignmentStatus.REPLIED } });
  for (const assist of assists) {
    assist.status = nextAssignmentStatus(assist, AssignmentAction.APPROVE_REPLY);
    assist.completedAt = ctx.now;
  }
  await repo.save(assists);
  const cancelled = await cancelOpenAssignments(ctx, request.id, { round: request.round, role: AssignmentRole.ASSIST });
  await withdrawPendingExtensions(ctx, [lead.id, ...assists.map((a) => a.id)], 'withdrawn: the reply was approved');

  request.status = nextRequestStatus(request.status, RequestAction.APPROVE_REPLY);
  const policy = await policyFor(ctx, request.type, request.urgency);
  const followUp = followUpDeadline(ctx.now, policy, await ctx.calendar(), ctx.timeZone);
  request.followUpDueAt = followUp.followUpDueAt;
  request.followUpWarnAt = followUp.followUpWarnAt;
  await refreshDueAt(ctx, request, lead);
  await deadlinesChanged(ctx, request.id);
  return { completedAssistIds: assists.map((a) => a.id), cancelledAssignmentIds: cancelled.map((a) => a.id), followUpDueAt: followUp.followUpDueAt.toISOString() };
}

async function rejectReply(ctx: ServiceContext, request: ServiceRequest, lead: Assignment, next: AssignmentStatus) {
  const rejected = { rejectedReply: lead.reply, rejectedOutcome: lead.replyOutcome, rejectedRepliedAt: lead.repliedAt?.toISOString() ?? null };
  lead.status = next;
  lead.reply = null;
  lead.replyOutcome = null;
  lead.repliedAt = null;
  lead.repliedById = null;
  lead.repliedOnTime = null;
  await ctx.em.getRepository(Assignment).save(lead);
  request.status = nextRequestStatus(request.status, RequestAction.REJECT_REPLY);
  await refreshDueAt(ctx, request, lead);
  await emitOutbox(ctx, OutboxTopic.REPLY_REJECTED, { assignmentId: lead.id, requestId: request.id, departmentId: lead.departmentId });
  await deadlinesChanged(ctx, request.id, [lead.id]);
  return rejected;
}
