import { UnrecoverableError } from 'bullmq';
import { EntityManager } from 'typeorm';
import { AssignmentRole, AssignmentStatus, SupervisionLevel } from '../domain/enums';
import { OutboxTopic } from '../services/outbox';
import { checkRequestDeadlines } from './deadline-scan.job';
import { JobDeps } from './job-deps';
import {
  assignedMessage, extensionDecidedMessage, rehandlingMessage, replyRejectedMessage, returnDecidedMessage, supervisedMessage,
} from './messages';
import { NotificationKind } from './notification-kind';
import { notify } from './notify';
import { markOutboxHandled } from './outbox-relay';
import { OutboxJobData } from './queues';
import { activeOwner, liaisonsOf, union } from './recipients';
import { AssignmentFacts, loadAssignmentFacts, loadRequestFacts, RequestFacts } from './request-facts';

// Jobs of the events queue, one per outbox row, named by topic: who must hear of a committed change.
// Each handler runs in one transaction that also marks the row handled; a retry repeats nothing
// (notifications are unique per cause and recipient).

interface EventContext { em: EntityManager; deps: JobDeps; now: Date; causeKey: string; payload: Record<string, unknown> }

type Handler = (c: EventContext) => Promise<void>;

const id = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The assignment the event is about and its request; null when either has gone (nothing to say). */
async function subjectOf(c: EventContext): Promise<{ a: AssignmentFacts; r: RequestFacts } | null> {
  const a = await loadAssignmentFacts(c.em, String(c.payload.assignmentId));
  const r = a && (await loadRequestFacts(c.em, a.requestId));
  return a && r ? { a, r } : null;
}

/** A notification about one assignment to its department's liaisons (and webhook). */
async function toDepartment(c: EventContext, kind: NotificationKind, s: { a: AssignmentFacts; r: RequestFacts }, message: string, deadline: Date | null) {
  await notify(c.em, c.now, {
    kind, causeKey: c.causeKey, message, requestId: s.r.id, requestCode: s.r.code, departmentId: s.a.departmentId,
    recipientIds: await liaisonsOf(c.em, s.a.departmentId), deadline,
  });
}

const assignmentDispatched: Handler = async (c) => {
  const s = await subjectOf(c);
  // Only while it waits to be signed for: by the time a delayed event (Redis was away) is handled, the
  // department may have signed for it already, or it was cancelled (re-dispatch, merge, void).
  if (!s || s.a.status !== AssignmentStatus.PENDING) return;
  const message = assignedMessage(s.r, s.a.role === AssignmentRole.ASSIST, s.a.acceptDueAt, s.a.dueAt, c.deps.timeZone);
  await toDepartment(c, NotificationKind.ASSIGNED, s, message, s.a.acceptDueAt);
};

const returnDecided: Handler = async (c) => {
  const s = await subjectOf(c);
  if (s) await toDepartment(c, NotificationKind.RETURN_DECIDED, s, returnDecidedMessage(s.r, c.payload.approved === true), null);
};

const extensionDecided: Handler = async (c) => {
  const s = await subjectOf(c);
  if (!s) return;
  const approved = c.payload.approved === true;
  const rows = await c.em.query(`SELECT requested_due_at FROM extension_request WHERE id = $1`, [id(c.payload.extensionId)]);
  const dueAt: Date = approved && rows.length ? rows[0].requested_due_at : s.a.dueAt;
  await toDepartment(c, NotificationKind.EXTENSION_DECIDED, s, extensionDecidedMessage(s.r, approved, dueAt, c.deps.timeZone), dueAt);
};

const replyRejected: Handler = async (c) => {
  const s = await subjectOf(c);
  if (s) await toDepartment(c, NotificationKind.REPLY_REJECTED, s, replyRejectedMessage(s.r, s.a.dueAt, c.deps.timeZone), s.a.dueAt);
};

/** 重办: the new round's lead department; after an intake answer there is none yet, so the owner hears of it. */
const rehandling: Handler = async (c) => {
  const round = Number(c.payload.round);
  if (c.payload.assignmentId) {
    const s = await subjectOf(c);
    if (s) await toDepartment(c, NotificationKind.REHANDLING, s, rehandlingMessage(s.r, round, s.a.acceptDueAt, c.deps.timeZone), s.a.acceptDueAt);
    return;
  }
  const r = await loadRequestFacts(c.em, String(c.payload.requestId));
  if (!r) return;
  await notify(c.em, c.now, {
    kind: NotificationKind.REHANDLING, causeKey: c.causeKey, message: rehandlingMessage(r, round, null, c.deps.timeZone),
    requestId: r.id, requestCode: r.code, departmentId: null, recipientIds: await activeOwner(c.em, r.ownerId),
  });
};

/** 催办/督办: the lead department (liaisons and webhook) and the request's owner. */
const supervised: Handler = async (c) => {
  const r = await loadRequestFacts(c.em, String(c.payload.requestId));
  if (!r) return;
  const lead = c.payload.assignmentId ? await loadAssignmentFacts(c.em, String(c.payload.assignmentId)) : null;
  await notify(c.em, c.now, {
    kind: NotificationKind.SUPERVISED, causeKey: c.causeKey, message: supervisedMessage(r, c.payload.level as SupervisionLevel),
    requestId: r.id, requestCode: r.code, departmentId: lead?.departmentId ?? null,
    recipientIds: union(lead ? await liaisonsOf(c.em, lead.departmentId) : [], await activeOwner(c.em, r.ownerId)),
  });
};

const HANDLERS: Partial<Record<string, Handler>> = {
  [OutboxTopic.ASSIGNMENT_DISPATCHED]: assignmentDispatched,
  [OutboxTopic.RETURN_DECIDED]: returnDecided,
  [OutboxTopic.EXTENSION_DECIDED]: extensionDecided,
  [OutboxTopic.REPLY_REJECTED]: replyRejected,
  [OutboxTopic.REHANDLING]: rehandling,
  [OutboxTopic.SUPERVISED]: supervised,
};

/** Handles one relayed outbox row (the events queue's processor routes here by job name = topic). */
export async function handleOutboxEvent(deps: JobDeps, topic: string, data: OutboxJobData): Promise<void> {
  const now = deps.clock.now();
  if (topic === OutboxTopic.DEADLINES_CHANGED) {
    // Reminders fire in transactions of their own; the row is marked afterwards (a retry fires nothing twice).
    await checkRequestDeadlines(deps, String(data.payload.requestId));
    await markOutboxHandled(deps.dataSource.manager, data.outboxId, now);
    return;
  }
  const handler = HANDLERS[topic];
  if (!handler) throw new UnrecoverableError(`no handler for outbox topic ${topic}`);
  await deps.dataSource.transaction(async (em) => {
    await handler({ em, deps, now, causeKey: `outbox-${data.outboxId}`, payload: data.payload });
    await markOutboxHandled(em, data.outboxId, now);
  });
}
