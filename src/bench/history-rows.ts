import { CopySink, ts } from './copy-sink';

// The shapes the generator fills for one request, and how each becomes a COPY row. Column lists are the
// tables' own (migrations/), in one place so that the loader and the sinks cannot disagree.

export const COLUMNS = {
  citizen: ['id', 'name', 'phone', 'created_at'],
  service_request: [
    'id', 'code', 'idempotency_key', 'channel', 'type', 'urgency', 'status', 'title', 'content', 'text_bigrams', 'category_id',
    'region_id', 'address', 'citizen_id', 'confidential', 'created_at', 'updated_at', 'registered_by_id', 'owner_id',
    'lead_assignment_id', 'round', 'due_at', 'follow_up_due_at', 'follow_up_warn_at', 'reopen_count', 'unreached_attempts',
    'supervision_level', 'merged_into_id', 'intake_answer', 'resolved_at_intake_at', 'knowledge_article_id', 'closed_at',
    'close_reason', 'version',
  ],
  assignment: [
    'id', 'request_id', 'department_id', 'role', 'status', 'round', 'dispatched_at', 'dispatched_by_id', 'accept_due_at',
    'accept_warn_at', 'accepted_at', 'accepted_by_id', 'due_at', 'reply_warn_at', 'reply_escalate_at', 'replied_at', 'replied_by_id', 'reply',
    'reply_outcome', 'replied_on_time', 'return_reason', 'return_requested_at', 'status_before_return', 'designated',
    'returned_at', 'completed_at', 'cancelled_at',
  ],
  extension_request: [
    'id', 'assignment_id', 'request_id', 'requested_due_at', 'previous_due_at', 'reason', 'status', 'requested_by_id',
    'requested_at', 'decided_by_id', 'decided_at', 'comment',
  ],
  follow_up: ['id', 'request_id', 'attempt', 'round', 'lead_department_id', 'reached', 'satisfaction', 'resolved', 'comment', 'recorded_by_id', 'recorded_at'],
  timeline_event: ['id', 'request_id', 'assignment_id', 'at', 'kind', 'actor_id', 'summary', 'data'],
  reminder_ledger: ['id', 'subject_type', 'subject_id', 'kind', 'deadline', 'fired_at'],
} as const;

export type HistoryTable = keyof typeof COLUMNS;
export type HistorySinks = Record<HistoryTable, CopySink>;

export interface AssignmentRow {
  id: number; departmentId: number; role: 'LEAD' | 'ASSIST'; status: string; round: number;
  dispatchedAt: number; dispatchedById: number | null; acceptDueAt: number; acceptWarnAt: number | null;
  acceptedAt: number | null; acceptedById: number | null; dueAt: number; replyWarnAt: number | null; replyEscalateAt: number;
  repliedAt: number | null; repliedById: number | null; reply: string | null; replyOutcome: string | null; repliedOnTime: boolean | null;
  returnReason: string | null; returnRequestedAt: number | null; statusBeforeReturn: string | null; designated: boolean;
  returnedAt: number | null; completedAt: number | null; cancelledAt: number | null;
}

export interface EventRow { at: number; kind: string; actorId: number | null; summary: string; data: unknown; assignmentId: number | null }

export interface RequestRow {
  id: number; code: string; channel: string; type: string; urgency: string; status: string; title: string; content: string;
  textBigrams: string; categoryId: number; regionId: number; address: string; citizenId: number | null; confidential: boolean;
  createdAt: number; registeredById: number; ownerId: number; leadAssignmentId: number | null; round: number;
  dueAt: number | null; followUpDueAt: number | null; followUpWarnAt: number | null; reopenCount: number; unreachedAttempts: number;
  supervisionLevel: string | null; mergedIntoId: number | null; intakeAnswer: string | null; resolvedAtIntakeAt: number | null;
  closedAt: number | null; closeReason: string | null;
  /** What the lead department answers (not a column: the generator copies it into the lead's reply). */
  replyText: string;
  assignments: AssignmentRow[];
  extensions: { id: number; assignmentId: number; requestedDueAt: number; previousDueAt: number; reason: string; status: string;
    requestedById: number; requestedAt: number; decidedById: number | null; decidedAt: number | null; comment: string | null }[];
  followUps: { id: number; attempt: number; round: number; leadDepartmentId: number | null; reached: boolean; satisfaction: string | null;
    resolved: boolean | null; comment: string | null; recordedById: number; recordedAt: number }[];
  events: EventRow[];
  ledger: { subjectType: string; subjectId: number; kind: string; deadline: number; firedAt: number }[];
}

export interface IdCounters { timeline: number; ledger: number }

/** Writes one finished request and everything that belongs to it; timeline ids follow the events' order in time. */
export function emitRequest(s: HistorySinks, r: RequestRow, ids: IdCounters): void {
  const events = r.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map((x) => x.e);
  const updatedAt = events.length ? events[events.length - 1].at : r.createdAt;
  s.service_request.push([
    r.id, r.code, null, r.channel, r.type, r.urgency, r.status, r.title, r.content, r.textBigrams, r.categoryId,
    r.regionId, r.address, r.citizenId, r.confidential, ts(r.createdAt), ts(updatedAt), r.registeredById, r.ownerId,
    r.leadAssignmentId, r.round, ts(r.dueAt), ts(r.followUpDueAt), ts(r.followUpWarnAt), r.reopenCount, r.unreachedAttempts,
    r.supervisionLevel, r.mergedIntoId, r.intakeAnswer, ts(r.resolvedAtIntakeAt), null, ts(r.closedAt), r.closeReason, events.length,
  ]);
  for (const a of r.assignments) {
    s.assignment.push([
      a.id, r.id, a.departmentId, a.role, a.status, a.round, ts(a.dispatchedAt), a.dispatchedById, ts(a.acceptDueAt),
      ts(a.acceptWarnAt), ts(a.acceptedAt), a.acceptedById, ts(a.dueAt), ts(a.replyWarnAt), ts(a.replyEscalateAt), ts(a.repliedAt), a.repliedById, a.reply,
      a.replyOutcome, a.repliedOnTime, a.returnReason, ts(a.returnRequestedAt), a.statusBeforeReturn, a.designated,
      ts(a.returnedAt), ts(a.completedAt), ts(a.cancelledAt),
    ]);
  }
  for (const x of r.extensions) {
    s.extension_request.push([
      x.id, x.assignmentId, r.id, ts(x.requestedDueAt), ts(x.previousDueAt), x.reason, x.status, x.requestedById,
      ts(x.requestedAt), x.decidedById, ts(x.decidedAt), x.comment,
    ]);
  }
  for (const f of r.followUps) {
    s.follow_up.push([f.id, r.id, f.attempt, f.round, f.leadDepartmentId, f.reached, f.satisfaction, f.resolved, f.comment, f.recordedById, ts(f.recordedAt)]);
  }
  for (const e of events) {
    s.timeline_event.push([++ids.timeline, r.id, e.assignmentId, ts(e.at), e.kind, e.actorId, e.summary, e.data === null ? null : JSON.stringify(e.data)]);
  }
  for (const l of r.ledger) s.reminder_ledger.push([++ids.ledger, l.subjectType, l.subjectId, l.kind, ts(l.deadline), ts(l.firedAt)]);
}
