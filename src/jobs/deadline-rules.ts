import { EntityManager } from 'typeorm';
import { AssignmentStatus, RequestStatus, TimelineEventKind } from '../domain/enums';
import { ReminderSubject } from '../entities/reminder-ledger.entity';
import { NotificationKind } from './notification-kind';
import { RequestFacts } from './request-facts';
import { activeOwner, liaisonsOf, supervisors, union } from './recipients';

// What the deadline scan looks for (DESIGN.md §5–§6), as data: which column says when a reminder is due,
// which deadline it is about (part of the once-only key), in which states the clock runs, and who hears of it.

/** The ledger kind of the automatic LISTED supervision (no notification kind of its own: it notifies SUPERVISED). */
export const LISTED_ESCALATION = 'LISTED_SUPERVISION';

/** States in which the sign-for clock runs. */
const ACCEPT_CLOCK: readonly string[] = [AssignmentStatus.PENDING];
/** States in which the reply clock runs (a REPLIED assignment waits for the center, not the department). */
const REPLY_CLOCK: readonly string[] = [AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED, AssignmentStatus.RETURN_REQUESTED];
const FOLLOW_UP_CLOCK: readonly string[] = [RequestStatus.AWAITING_FOLLOW_UP];

/** One reminder candidate: the subject row, its request, the department concerned, the deadline it is about. */
export interface DueItem {
  subjectId: string;
  requestId: string;
  departmentId: string | null;
  deadline: Date;
}

export interface DeadlineRule {
  kind: NotificationKind | typeof LISTED_ESCALATION;
  subject: ReminderSubject;
  /** The column whose time makes it due (a warning time, or the deadline itself). */
  fireColumn: string;
  /** The deadline it is about: with the kind and the subject, the once-only key. */
  deadlineColumn: string;
  statuses: readonly string[];
  /** Only the request's current lead assignment (supervision is of the request). */
  leadOnly?: boolean;
  /**
   * The automatic LISTED escalation rather than a reminder. Its fire column (`reply_escalate_at`) is stored
   * with the deadline, so like every rule it is a plain range on one indexed column.
   */
  escalation?: boolean;
  timeline?: { kind: TimelineEventKind; summary: (deadline: string) => string };
  recipients?: (em: EntityManager, request: RequestFacts, item: DueItem) => Promise<string[]>;
}

const departmentLiaisons = (em: EntityManager, _r: RequestFacts, item: DueItem) => liaisonsOf(em, item.departmentId!);

export const DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    kind: NotificationKind.ACCEPT_WARNING, subject: ReminderSubject.ASSIGNMENT, fireColumn: 'accept_warn_at', deadlineColumn: 'accept_due_at',
    statuses: ACCEPT_CLOCK, recipients: departmentLiaisons,
    timeline: { kind: TimelineEventKind.DEADLINE_WARNING, summary: (d) => `Sign-for deadline approaching (${d})` },
  },
  {
    kind: NotificationKind.ACCEPT_OVERDUE, subject: ReminderSubject.ASSIGNMENT, fireColumn: 'accept_due_at', deadlineColumn: 'accept_due_at',
    statuses: ACCEPT_CLOCK, recipients: departmentLiaisons,
    timeline: { kind: TimelineEventKind.OVERDUE, summary: (d) => `Sign-for overdue (was due ${d})` },
  },
  {
    kind: NotificationKind.REPLY_WARNING, subject: ReminderSubject.ASSIGNMENT, fireColumn: 'reply_warn_at', deadlineColumn: 'due_at',
    statuses: REPLY_CLOCK, recipients: departmentLiaisons,
    timeline: { kind: TimelineEventKind.DEADLINE_WARNING, summary: (d) => `Reply deadline approaching (${d})` },
  },
  {
    kind: NotificationKind.REPLY_OVERDUE, subject: ReminderSubject.ASSIGNMENT, fireColumn: 'due_at', deadlineColumn: 'due_at',
    statuses: REPLY_CLOCK, recipients: async (em, _r, item) => union(await liaisonsOf(em, item.departmentId!), await supervisors(em)),
    timeline: { kind: TimelineEventKind.OVERDUE, summary: (d) => `Reply overdue (was due ${d})` },
  },
  {
    kind: NotificationKind.FOLLOW_UP_WARNING, subject: ReminderSubject.REQUEST, fireColumn: 'follow_up_warn_at', deadlineColumn: 'follow_up_due_at',
    statuses: FOLLOW_UP_CLOCK, recipients: (em, r) => activeOwner(em, r.ownerId),
    timeline: { kind: TimelineEventKind.DEADLINE_WARNING, summary: (d) => `Follow-up deadline approaching (${d})` },
  },
  {
    kind: NotificationKind.FOLLOW_UP_OVERDUE, subject: ReminderSubject.REQUEST, fireColumn: 'follow_up_due_at', deadlineColumn: 'follow_up_due_at',
    statuses: FOLLOW_UP_CLOCK, recipients: (em, r) => activeOwner(em, r.ownerId),
    timeline: { kind: TimelineEventKind.OVERDUE, summary: (d) => `Follow-up overdue (was due ${d})` },
  },
  {
    // The column holds the moment the reply is 5 working days overdue (replyEscalationTime in domain/sla.ts), set with due_at.
    kind: LISTED_ESCALATION, subject: ReminderSubject.ASSIGNMENT, fireColumn: 'reply_escalate_at', deadlineColumn: 'due_at',
    statuses: REPLY_CLOCK, leadOnly: true, escalation: true,
  },
];

