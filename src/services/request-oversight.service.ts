import { ServiceRequest, Staff, TimelineEvent } from '../entities';
import { Role, SupervisionLevel, TimelineEventKind } from '../domain/enums';
import { badInput, invalidTransition, notFound } from '../domain/errors';
import { higherSupervision } from '../domain/follow-up-outcome';
import { RequestAction, isOpenRequest, nextRequestStatus } from '../domain/request-lifecycle';
import { NOTE_MAX, REASON_MAX, requireText } from '../domain/text-limits';
import { cancelOpenAssignments } from './assignment-closing';
import { SuperviseCommand } from './commands';
import { requireDbId } from './db-id';
import { lockRequest, lockRequests } from './locks';
import { emitOutbox, OutboxTopic } from './outbox';
import { saveRequestChange } from './request-changes';
import { refreshDueAt } from './request-deadlines';
import { canViewRequest } from './scope';
import { ServiceContext } from './service-context';
import { appendTimeline } from './timeline';

// The center's hold over a request as a whole (supervisors; notes also agents): end it, fold duplicates in,
// chase it, hand it to another owner.

const MAX_DUPLICATES = 50;

/** 办结 by decision: ends the request and withdraws whatever departments still had open. */
export async function closeServiceRequest(ctx: ServiceContext, requestId: string, reason: string): Promise<ServiceRequest> {
  return endRequest(ctx, requestId, reason, RequestAction.CLOSE, TimelineEventKind.CLOSED, 'Closed');
}

/** 终止: nuisance, withdrawn, out of scope. */
export async function voidServiceRequest(ctx: ServiceContext, requestId: string, reason: string): Promise<ServiceRequest> {
  return endRequest(ctx, requestId, reason, RequestAction.VOID, TimelineEventKind.VOIDED, 'Voided');
}

// closedAt marks when a request left the open states, whichever way it ended; closeReason says why.
async function endRequest(
  ctx: ServiceContext, requestId: string, reason: string, action: RequestAction, kind: TimelineEventKind, verb: string,
): Promise<ServiceRequest> {
  const text = requireText('reason', reason, REASON_MAX);
  const request = await lockRequest(ctx, requireDbId(requestId, 'service request'));
  request.status = nextRequestStatus(request.status, action);
  const cancelled = await cancelOpenAssignments(ctx, request.id);
  request.closedAt = ctx.now;
  request.closeReason = text;
  await refreshDueAt(ctx, request, null);
  await appendTimeline(ctx, {
    requestId: request.id,
    kind,
    summary: `${verb}: ${text}`,
    data: { reason: text, cancelledAssignmentIds: cancelled.map((a) => a.id) },
  });
  return saveRequestChange(ctx, request);
}

/**
 * 并单: each duplicate becomes MERGED into the primary, its open assignments cancelled; the primary stays as it
 * is and lists them. All rows are locked in id order first (lockRequests), so two overlapping merges cannot
 * deadlock. Requests already merged into a duplicate keep pointing at it (the chain stays readable).
 */
export async function mergeServiceRequests(ctx: ServiceContext, primaryId: string, duplicateIds: string[]): Promise<ServiceRequest> {
  const dupIds = validateMergeIds(primaryId, duplicateIds);
  const locked = await lockRequests(ctx, [primaryId, ...dupIds]);
  const primary = locked.find((r) => r.id === primaryId)!;
  if (!isOpenRequest(primary.status)) throw invalidTransition(`cannot merge into a ${primary.status} request`);
  const duplicates = dupIds.map((id) => locked.find((r) => r.id === id)!);
  for (const duplicate of duplicates) duplicate.status = nextRequestStatus(duplicate.status, RequestAction.MERGE); // all checked before any write
  for (const duplicate of duplicates) await mergeOne(ctx, duplicate, primary);
  await appendTimeline(ctx, {
    requestId: primary.id,
    kind: TimelineEventKind.MERGED,
    summary: `Merged duplicates ${duplicates.map((d) => d.code).join(', ')} into this request`,
    data: { duplicateIds: duplicates.map((d) => d.id), duplicateCodes: duplicates.map((d) => d.code) },
  });
  return saveRequestChange(ctx, primary);
}

function validateMergeIds(primaryId: string, duplicateIds: string[]): string[] {
  requireDbId(primaryId, 'service request');
  if (!Array.isArray(duplicateIds) || duplicateIds.length === 0) throw badInput('duplicateIds must name at least one request', { field: 'duplicateIds' });
  const unique = [...new Set(duplicateIds)];
  if (unique.length > MAX_DUPLICATES) throw badInput(`at most ${MAX_DUPLICATES} duplicates per merge`, { field: 'duplicateIds' });
  if (unique.includes(primaryId)) throw badInput('a request cannot be merged into itself', { field: 'duplicateIds' });
  unique.forEach((id) => requireDbId(id, 'service request'));
  return unique;
}

async function mergeOne(ctx: ServiceContext, duplicate: ServiceRequest, primary: ServiceRequest): Promise<void> {
  const cancelled = await cancelOpenAssignments(ctx, duplicate.id);
  duplicate.mergedIntoId = primary.id;
  duplicate.closedAt = ctx.now;
  duplicate.closeReason = `merged into ${primary.code}`;
  await refreshDueAt(ctx, duplicate, null);
  await appendTimeline(ctx, {
    requestId: duplicate.id,
    kind: TimelineEventKind.MERGED,
    summary: `Merged into ${primary.code} as a duplicate`,
    data: { mergedIntoId: primary.id, mergedIntoCode: primary.code, cancelledAssignmentIds: cancelled.map((a) => a.id) },
  });
  await saveRequestChange(ctx, duplicate);
}

/**
 * 催办 / 督办 on an open request. Supervision only ever rises: asking again at the current level re-urges,
 * and a lower level (e.g. a REMINDER on a LISTED request) is recorded as that action without lowering the
 * formal level. REMINDER is an URGED event, LISTED and SUMMONED are SUPERVISED events.
 */
export async function superviseServiceRequest(ctx: ServiceContext, cmd: SuperviseCommand): Promise<ServiceRequest> {
  const note = requireText('note', cmd.note, REASON_MAX);
  if (!Object.values(SupervisionLevel).includes(cmd.level)) throw badInput('invalid supervision level', { field: 'level' });
  const request = await lockRequest(ctx, requireDbId(cmd.requestId, 'service request'));
  if (!isOpenRequest(request.status)) throw invalidTransition(`a ${request.status} request cannot be supervised`);
  const previous = request.supervisionLevel;
  request.supervisionLevel = higherSupervision(previous, cmd.level);
  await appendTimeline(ctx, {
    requestId: request.id,
    assignmentId: request.leadAssignmentId,
    kind: cmd.level === SupervisionLevel.REMINDER ? TimelineEventKind.URGED : TimelineEventKind.SUPERVISED,
    summary: cmd.level === SupervisionLevel.REMINDER ? `Urged: ${note}` : `Supervised (${cmd.level}): ${note}`,
    data: { level: cmd.level, previousLevel: previous, currentLevel: request.supervisionLevel, note },
  });
  await emitOutbox(ctx, OutboxTopic.SUPERVISED, { requestId: request.id, level: cmd.level, assignmentId: request.leadAssignmentId });
  return saveRequestChange(ctx, request);
}

/**
 * 交接班: the only way the owner (首问负责人) changes. The new owner must be an active agent or supervisor;
 * a closed request has nobody left to be accountable to, so only open requests change hands.
 */
export async function transferOwnership(ctx: ServiceContext, requestId: string, toStaffId: string, note: string): Promise<ServiceRequest> {
  const text = requireText('note', note, REASON_MAX);
  const target = await ctx.em.getRepository(Staff).findOneBy({ id: requireDbId(toStaffId, 'staff') });
  if (!target) throw notFound('staff');
  if (!target.active) throw badInput(`${target.username} is not active`, { field: 'toStaffId' });
  if (!target.roles.some((r) => r === Role.AGENT || r === Role.SUPERVISOR)) throw badInput(`${target.username} is neither an agent nor a supervisor`, { field: 'toStaffId' });
  const request = await lockRequest(ctx, requireDbId(requestId, 'service request'));
  if (!isOpenRequest(request.status)) throw invalidTransition(`a ${request.status} request's ownership cannot be transferred`);
  if (request.ownerId === target.id) throw badInput(`${target.username} already owns this request`, { field: 'toStaffId' });
  const from = request.ownerId;
  request.ownerId = target.id;
  await appendTimeline(ctx, {
    requestId: request.id,
    kind: TimelineEventKind.OWNERSHIP_TRANSFERRED,
    summary: `Ownership transferred to ${target.displayName}: ${text}`,
    data: { fromStaffId: from, toStaffId: target.id, note: text },
  });
  return saveRequestChange(ctx, request);
}

/** A note on the timeline of any request the actor may see (NOT_FOUND otherwise), in any state. */
export async function addNote(ctx: ServiceContext, requestId: string, content: string): Promise<TimelineEvent> {
  const text = requireText('content', content, NOTE_MAX);
  const id = requireDbId(requestId, 'service request');
  if (!(await canViewRequest(ctx, id))) throw notFound('service request');
  const request = await lockRequest(ctx, id);
  const event = await appendTimeline(ctx, { requestId: request.id, kind: TimelineEventKind.NOTE, summary: text });
  await saveRequestChange(ctx, request);
  return event;
}
