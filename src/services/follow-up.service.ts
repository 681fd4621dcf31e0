import { Assignment, FollowUp, ServiceRequest } from '../entities';
import { RequestStatus, Satisfaction, TimelineEventKind } from '../domain/enums';
import { badInput, invalidTransition } from '../domain/errors';
import { decideFollowUp, FollowUpDecision } from '../domain/follow-up-outcome';
import { RequestAction, nextRequestStatus } from '../domain/request-lifecycle';
import { COMMENT_MAX, optionalText } from '../domain/text-limits';
import { FollowUpCommand } from './commands';
import { requireDbId } from './db-id';
import { lockRequest } from './locks';
import { saveRequestChange } from './request-changes';
import { refreshDueAt } from './request-deadlines';
import { startRehandlingRound } from './rehandling';
import { ServiceContext } from './service-context';
import { appendTimeline } from './timeline';

/**
 * 回访: calling the citizen back about the round that has just been answered (by a department, or at intake).
 * The outcome (close, re-handle, back to the center, another attempt, close as unreachable) is the domain's
 * decision (decideFollowUp); this applies it. A FOLLOWED_UP event is always written; closing or reopening
 * adds its own event, so the timeline says both what the citizen said and what happened because of it.
 */
export async function recordFollowUp(ctx: ServiceContext, cmd: FollowUpCommand): Promise<FollowUp> {
  const answers = validateAnswers(cmd);
  const request = await lockRequest(ctx, requireDbId(cmd.requestId, 'service request'));
  if (request.status !== RequestStatus.AWAITING_FOLLOW_UP) {
    throw invalidTransition(`a follow-up is recorded only while the request awaits one (it is ${request.status})`);
  }
  const lead = request.leadAssignmentId
    ? await ctx.em.getRepository(Assignment).findOneByOrFail({ id: request.leadAssignmentId })
    : null; // answered at intake (or returned and then answered at intake): the center's own round
  const decision = decideFollowUp({
    reached: answers.reached,
    satisfaction: answers.satisfaction,
    resolved: answers.resolved,
    previousUnreachedAttempts: request.unreachedAttempts,
    answeredAtIntake: lead === null,
  });
  const followUp = await insertFollowUp(ctx, request, lead, answers);
  await appendTimeline(ctx, {
    requestId: request.id,
    kind: TimelineEventKind.FOLLOWED_UP,
    summary: followUpSummary(followUp),
    data: { followUpId: followUp.id, attempt: followUp.attempt, round: followUp.round, reached: followUp.reached, satisfaction: followUp.satisfaction, resolved: followUp.resolved, outcome: decision },
  });
  await applyDecision(ctx, request, lead, decision);
  await saveRequestChange(ctx, request);
  return followUp;
}

interface FollowUpAnswers {
  reached: boolean;
  satisfaction: Satisfaction | null;
  resolved: boolean | null;
  comment: string | null;
}

// Satisfaction and resolution are what the citizen said: required when reached, meaningless when not.
function validateAnswers(cmd: FollowUpCommand): FollowUpAnswers {
  const comment = optionalText('comment', cmd.comment, COMMENT_MAX);
  if (typeof cmd.reached !== 'boolean') throw badInput('reached is required', { field: 'reached' });
  const satisfaction = cmd.satisfaction ?? null;
  const resolved = cmd.resolved ?? null;
  if (cmd.reached) {
    if (satisfaction === null || !Object.values(Satisfaction).includes(satisfaction)) throw badInput('satisfaction is required when the citizen was reached', { field: 'satisfaction' });
    if (typeof resolved !== 'boolean') throw badInput('resolved is required when the citizen was reached', { field: 'resolved' });
  } else if (satisfaction !== null || resolved !== null) {
    throw badInput('satisfaction and resolved are recorded only when the citizen was reached', { field: satisfaction !== null ? 'satisfaction' : 'resolved' });
  }
  return { reached: cmd.reached, satisfaction, resolved, comment };
}

async function insertFollowUp(ctx: ServiceContext, request: ServiceRequest, lead: Assignment | null, answers: FollowUpAnswers): Promise<FollowUp> {
  const repo = ctx.em.getRepository(FollowUp);
  const previous = await repo.countBy({ requestId: request.id, round: request.round });
  return repo.save(
    repo.create({
      requestId: request.id,
      attempt: previous + 1,
      round: request.round,
      leadDepartmentId: lead?.departmentId ?? null, // KPI attribution; null = the hotline center answered
      reached: answers.reached,
      satisfaction: answers.satisfaction,
      resolved: answers.resolved,
      comment: answers.comment,
      recordedById: ctx.actor.staffId,
      recordedAt: ctx.now,
    }),
  );
}

async function applyDecision(ctx: ServiceContext, request: ServiceRequest, lead: Assignment | null, decision: FollowUpDecision): Promise<void> {
  switch (decision) {
    case 'RECORD_UNREACHED':
      request.unreachedAttempts += 1; // the follow-up deadline keeps running; the owner tries again
      return;
    case 'CLOSE_UNREACHABLE':
      request.unreachedAttempts += 1;
      return close(ctx, request, RequestAction.FOLLOW_UP_UNREACHABLE, `unreachable after ${request.unreachedAttempts} follow-up attempts`);
    case 'CLOSE':
      return close(ctx, request, RequestAction.FOLLOW_UP_CLOSE, 'citizen satisfied and the matter resolved');
    case 'REHANDLE':
      return startRehandlingRound(ctx, request, lead);
    case 'BACK_TO_REGISTERED':
      return startRehandlingRound(ctx, request, null);
  }
}

async function close(ctx: ServiceContext, request: ServiceRequest, action: RequestAction, reason: string): Promise<void> {
  request.status = nextRequestStatus(request.status, action);
  request.closedAt = ctx.now;
  request.closeReason = reason;
  await refreshDueAt(ctx, request, null);
  await appendTimeline(ctx, { requestId: request.id, kind: TimelineEventKind.CLOSED, summary: `Closed: ${reason}`, data: { reason } });
}

function followUpSummary(f: FollowUp): string {
  if (!f.reached) return `Follow-up attempt ${f.attempt}: citizen not reached`;
  return `Follow-up attempt ${f.attempt}: ${f.satisfaction}, ${f.resolved ? 'resolved' : 'not resolved'}`;
}
