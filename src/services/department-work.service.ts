import { Assignment, ExtensionRequest, ServiceRequest } from '../entities';
import { AssignmentRole, DecisionStatus, ReplyOutcome, TimelineEventKind } from '../domain/enums';
import { badInput, conflict, invalidTransition } from '../domain/errors';
import { AssignmentAction, nextAssignmentStatus } from '../domain/assignment-lifecycle';
import { RequestAction, nextRequestStatus } from '../domain/request-lifecycle';
import { REASON_MAX, REPLY_MAX, requireText } from '../domain/text-limits';
import { ReplyCommand } from './commands';
import { requireDbId } from './db-id';
import { lockAssignment } from './locks';
import { saveRequestChange } from './request-changes';
import { refreshDueAt } from './request-deadlines';
import { assertAssignmentInScope } from './scope';
import { ServiceContext } from './service-context';
import { appendTimeline } from './timeline';

// The liaison's side (签收, 退单申请, 延期申请, 办理回复). Every function locks the request, then checks that
// the assignment lies in the liaison's department subtree (NOT_FOUND otherwise: its existence must not leak).

const isLead = (request: ServiceRequest, assignment: Assignment) => request.leadAssignmentId === assignment.id;

async function lockOwnAssignment(ctx: ServiceContext, assignmentId: string) {
  const locked = await lockAssignment(ctx, requireDbId(assignmentId, 'assignment'));
  await assertAssignmentInScope(ctx, locked.assignment);
  return locked;
}

/** 签收. Signing for the lead starts the request's handling: DISPATCHED → IN_PROGRESS, reply clock in front. */
export async function acceptAssignment(ctx: ServiceContext, assignmentId: string): Promise<Assignment> {
  const { assignment, request } = await lockOwnAssignment(ctx, assignmentId);
  assignment.status = nextAssignmentStatus(assignment, AssignmentAction.ACCEPT);
  assignment.acceptedAt = ctx.now;
  assignment.acceptedById = ctx.actor.staffId;
  if (isLead(request, assignment)) {
    request.status = nextRequestStatus(request.status, RequestAction.ACCEPT_LEAD);
    await refreshDueAt(ctx, request, assignment);
  }
  const saved = await ctx.em.getRepository(Assignment).save(assignment);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment.id,
    kind: TimelineEventKind.ACCEPTED,
    summary: `${assignment.role === AssignmentRole.LEAD ? 'Lead' : 'Assisting'} department signed for the assignment`,
    data: { role: assignment.role, departmentId: assignment.departmentId, onTime: ctx.now <= assignment.acceptDueAt },
  });
  await saveRequestChange(ctx, request);
  return saved;
}

/** 退单申请: only the lead, with a reason, and not once the center has designated the unit. */
export async function requestReturn(ctx: ServiceContext, assignmentId: string, reason: string): Promise<Assignment> {
  const text = requireText('reason', reason, REASON_MAX);
  const { assignment, request } = await lockOwnAssignment(ctx, assignmentId);
  const next = nextAssignmentStatus(assignment, AssignmentAction.REQUEST_RETURN);
  assignment.statusBeforeReturn = assignment.status; // a rejected return puts it back exactly there
  assignment.status = next;
  assignment.returnReason = text;
  assignment.returnRequestedAt = ctx.now;
  const saved = await ctx.em.getRepository(Assignment).save(assignment);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment.id,
    kind: TimelineEventKind.RETURN_REQUESTED,
    summary: 'Lead department asked to return the assignment',
    data: { departmentId: assignment.departmentId, reason: text },
  });
  await saveRequestChange(ctx, request);
  return saved;
}

/**
 * 延期申请: before the reply deadline, for a later deadline, one pending at a time. The deadline moves only
 * when the center approves (decideExtension).
 */
export async function requestExtension(ctx: ServiceContext, assignmentId: string, requestedDueAt: Date, reason: string): Promise<ExtensionRequest> {
  const text = requireText('reason', reason, REASON_MAX);
  if (!(requestedDueAt instanceof Date) || Number.isNaN(requestedDueAt.getTime())) throw badInput('requestedDueAt must be a valid date-time', { field: 'requestedDueAt' });
  const { assignment, request } = await lockOwnAssignment(ctx, assignmentId);
  nextAssignmentStatus(assignment, AssignmentAction.REQUEST_EXTENSION); // PENDING or ACCEPTED only; the status stays
  if (ctx.now.getTime() >= assignment.dueAt.getTime()) {
    throw invalidTransition(`an extension must be requested before the deadline (${assignment.dueAt.toISOString()}), which has passed`);
  }
  if (requestedDueAt.getTime() <= assignment.dueAt.getTime()) {
    throw badInput(`requestedDueAt must be later than the current deadline ${assignment.dueAt.toISOString()}`, { field: 'requestedDueAt' });
  }
  await assertNoPendingExtension(ctx, assignment.id);
  const extension = await insertExtension(ctx, assignment, requestedDueAt, text);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment.id,
    kind: TimelineEventKind.EXTENSION_REQUESTED,
    summary: `Extension requested until ${requestedDueAt.toISOString()}`,
    data: { extensionId: extension.id, requestedDueAt: requestedDueAt.toISOString(), previousDueAt: assignment.dueAt.toISOString(), reason: text },
  });
  await saveRequestChange(ctx, request);
  return extension;
}

/** 办理回复: an ACCEPTED assignment answers. Only the lead's reply moves the request (to REPLIED, for review). */
export async function submitReply(ctx: ServiceContext, cmd: ReplyCommand): Promise<Assignment> {
  const reply = requireText('reply', cmd.reply, REPLY_MAX);
  if (!Object.values(ReplyOutcome).includes(cmd.outcome)) throw badInput('invalid outcome', { field: 'outcome' });
  const { assignment, request } = await lockOwnAssignment(ctx, cmd.assignmentId);
  assignment.status = nextAssignmentStatus(assignment, AssignmentAction.REPLY);
  assignment.reply = reply;
  assignment.replyOutcome = cmd.outcome;
  assignment.repliedAt = ctx.now;
  assignment.repliedById = ctx.actor.staffId;
  assignment.repliedOnTime = ctx.now.getTime() <= assignment.dueAt.getTime();
  if (isLead(request, assignment)) {
    request.status = nextRequestStatus(request.status, RequestAction.SUBMIT_LEAD_REPLY);
    await refreshDueAt(ctx, request, assignment); // no clock while the center reviews
  }
  const saved = await ctx.em.getRepository(Assignment).save(assignment);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: assignment.id,
    kind: TimelineEventKind.REPLIED,
    summary: `${assignment.role === AssignmentRole.LEAD ? 'Lead' : 'Assisting'} department replied (${cmd.outcome})`,
    data: { role: assignment.role, departmentId: assignment.departmentId, outcome: cmd.outcome, repliedOnTime: assignment.repliedOnTime },
  });
  await saveRequestChange(ctx, request);
  return saved;
}

async function assertNoPendingExtension(ctx: ServiceContext, assignmentId: string): Promise<void> {
  const pending = await ctx.em.getRepository(ExtensionRequest).existsBy({ assignmentId, status: DecisionStatus.PENDING });
  if (pending) throw conflict('an extension request for this assignment is already waiting for the center');
}

async function insertExtension(ctx: ServiceContext, assignment: Assignment, requestedDueAt: Date, reason: string): Promise<ExtensionRequest> {
  const repo = ctx.em.getRepository(ExtensionRequest);
  try {
    return await repo.save(
      repo.create({
        assignmentId: assignment.id,
        requestId: assignment.requestId,
        requestedDueAt,
        previousDueAt: assignment.dueAt,
        reason,
        status: DecisionStatus.PENDING,
        requestedById: ctx.actor.staffId,
        requestedAt: ctx.now,
      }),
    );
  } catch (err) {
    // The request lock already serialises this; the unique index extension_request_one_pending_key is the
    // database's own guarantee, and its violation is the same user-caused conflict, not a server error.
    if (isUniqueViolation(err, 'extension_request_one_pending_key')) throw conflict('an extension request for this assignment is already waiting for the center');
    throw err;
  }
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}
