import { EntityManager } from 'typeorm';
import { AssignmentStatus, RequestStatus, SlaUnit, TimelineEventKind } from '../domain/enums';
import { addSlaDuration } from '../domain/sla';
import { WorkdayCalendar } from '../domain/working-calendar';
import { ReminderSubject } from '../entities/reminder-ledger.entity';
import { NotificationKind } from './notification-kind';
import { RequestFacts } from './request-facts';
import { activeOwner, liaisonsOf, supervisors, union } from './recipients';

// What the deadline scan looks for (DESIGN.md §5–§6), as data: which column says when a reminder is due,
// which deadline it is about (part of the once-only key), in which states the clock runs, and who hears of it.

/** The ledger kind of the automatic LISTED supervision (no notification kind of its own: it notifies SUPERVISED). */
export const LISTED_ESCALATION = 'LISTED_SUPERVISION';

/** A reply 5 working days overdue is supervised at level LISTED (督办). */
export const LISTED_AFTER = { amount: 5, unit: SlaUnit.WORKING_DAYS } as const;

const DAY_MS = 86_400_000;

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
   * Escalations fire some time after the column: the exact moment, and bounds on the delay so that the
   * scan can still ask the index for a range (the delay in working days varies with holidays).
   */
  after?: { minMs: number; maxMs: number; at(deadline: Date, cal: WorkdayCalendar, timeZone: string): Date };
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
    kind: LISTED_ESCALATION, subject: ReminderSubject.ASSIGNMENT, fireColumn: 'due_at', deadlineColumn: 'due_at',
    statuses: REPLY_CLOCK, leadOnly: true,
    // 5 working days end at least 5 whole days after the deadline, and within 60 even across the Spring Festival.
    after: { minMs: 5 * DAY_MS, maxMs: 60 * DAY_MS, at: (deadline, cal, tz) => addSlaDuration(deadline, LISTED_AFTER, cal, tz) },
  },
];

/** The time a rule fires for a row whose fire column holds `columnTime`. */
export function fireTime(rule: DeadlineRule, columnTime: Date, cal: WorkdayCalendar, timeZone: string): Date {
  return rule.after ? rule.after.at(columnTime, cal, timeZone) : columnTime;
}
