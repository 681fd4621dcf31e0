import { EntityManager } from 'typeorm';
import { SupervisionLevel, TimelineEventKind } from '../domain/enums';
import { ReminderSubject } from '../entities/reminder-ledger.entity';
import { emitSystemOutbox, OutboxTopic } from '../services/outbox';
import { appendSystemTimeline } from '../services/timeline';
import { claimReminder, stillOwed } from './deadline-queries';
import { DeadlineRule, DueItem } from './deadline-rules';
import { JobDeps } from './job-deps';
import { autoListedMessage, formatDeadline, reminderMessage } from './messages';
import { NotificationKind } from './notification-kind';
import { notify } from './notify';
import { activeOwner, liaisonsOf, union } from './recipients';
import { loadRequestFacts, RequestFacts } from './request-facts';

/**
 * Fires one reminder in one transaction: lock the request (the lifecycle's lock order), check the row still
 * owes it, claim it in the ledger, then write the notifications, the system timeline event and any escalation.
 * All of it commits together or not at all, so a crash never leaves a reminder claimed but unsent.
 * Returns whether this call fired it (false: already fired by another run, or no longer due).
 */
export async function fireReminder(deps: JobDeps, rule: DeadlineRule, item: DueItem, now: Date): Promise<boolean> {
  return deps.dataSource.transaction(async (em) => {
    const request = await loadRequestFacts(em, item.requestId, { lock: true });
    if (!request || !(await stillOwed(em, rule, item))) return false;
    const ledgerId = await claimReminder(em, rule, item, now);
    if (!ledgerId) return false;
    const causeKey = `reminder-${ledgerId}`;
    if (rule.escalation) await escalateToListed(em, deps, now, request, item, causeKey);
    else await remind(em, deps, now, rule, request, item, causeKey);
    return true;
  });
}

async function remind(em: EntityManager, deps: JobDeps, now: Date, rule: DeadlineRule, request: RequestFacts, item: DueItem, causeKey: string): Promise<void> {
  const kind = rule.kind as NotificationKind;
  await notify(em, now, {
    kind, causeKey, message: reminderMessage(kind, request, item.deadline, deps.timeZone),
    requestId: request.id, requestCode: request.code, departmentId: item.departmentId,
    recipientIds: rule.recipients ? await rule.recipients(em, request, item) : [], deadline: item.deadline,
  });
  if (!rule.timeline) return;
  await appendSystemTimeline(em, now, {
    requestId: request.id,
    assignmentId: rule.subject === ReminderSubject.ASSIGNMENT ? item.subjectId : null,
    kind: rule.timeline.kind,
    summary: rule.timeline.summary(formatDeadline(item.deadline, deps.timeZone)),
    data: { reminder: kind, deadline: item.deadline.toISOString(), departmentId: item.departmentId },
  });
}

/**
 * 督办: a lead reply 5 working days overdue raises the request to LISTED. Supervision only ever rises, so a
 * request already LISTED or SUMMONED is left as it is (the ledger still records that the moment passed).
 */
async function escalateToListed(em: EntityManager, deps: JobDeps, now: Date, request: RequestFacts, item: DueItem, causeKey: string): Promise<void> {
  const previous = request.supervisionLevel;
  if (previous === SupervisionLevel.LISTED || previous === SupervisionLevel.SUMMONED) return;
  await em.query(
    `UPDATE service_request SET supervision_level = $2, updated_at = $3, version = version + 1 WHERE id = $1`,
    [request.id, SupervisionLevel.LISTED, now],
  );
  await appendSystemTimeline(em, now, {
    requestId: request.id,
    assignmentId: item.subjectId,
    kind: TimelineEventKind.SUPERVISED,
    summary: `Supervised automatically (${SupervisionLevel.LISTED}): the reply is 5 working days overdue`,
    data: { level: SupervisionLevel.LISTED, previousLevel: previous, automatic: true, dueAt: item.deadline.toISOString() },
  });
  await notify(em, now, {
    kind: NotificationKind.SUPERVISED, causeKey, message: autoListedMessage(request, item.deadline, deps.timeZone),
    requestId: request.id, requestCode: request.code, departmentId: item.departmentId,
    recipientIds: union(await liaisonsOf(em, item.departmentId!), await activeOwner(em, request.ownerId)), deadline: item.deadline,
  });
  // The request changed: the analytics rollups hear of it like of any other change.
  await emitSystemOutbox(em, now, OutboxTopic.REQUEST_CHANGED, { requestId: request.id });
}
