import { DateTime } from 'luxon';
import { SupervisionLevel } from '../domain/enums';
import { NotificationKind } from './notification-kind';
import { RequestFacts } from './request-facts';

// Notification texts. They name the request by its code and category and give the deadline in the hotline's
// time zone; never a title, a citizen or an address: messages travel to webhooks and SMS gateways.

/** "2026-03-03 24:00" for an end-of-day deadline (how working-day deadlines read), else "2026-03-03 10:30". */
export function formatDeadline(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (local.hour === 0 && local.minute === 0) return `${local.minus({ days: 1 }).toFormat('yyyy-MM-dd')} 24:00`;
  return local.toFormat('yyyy-MM-dd HH:mm');
}

const subject = (r: RequestFacts) => `${r.code} ${r.categoryName}`;

const REMINDER_TEXT: Partial<Record<NotificationKind, (s: string, d: string) => string>> = {
  [NotificationKind.ACCEPT_WARNING]: (s, d) => `签收预警 Sign-for due soon: ${s}, sign for by ${d}`,
  [NotificationKind.ACCEPT_OVERDUE]: (s, d) => `签收超时 Sign-for overdue: ${s}, was due ${d}`,
  [NotificationKind.REPLY_WARNING]: (s, d) => `办理预警 Reply due soon: ${s}, reply by ${d}`,
  [NotificationKind.REPLY_OVERDUE]: (s, d) => `办理超时 Reply overdue: ${s}, was due ${d}`,
  [NotificationKind.FOLLOW_UP_WARNING]: (s, d) => `回访预警 Follow-up due soon: ${s}, call back by ${d}`,
  [NotificationKind.FOLLOW_UP_OVERDUE]: (s, d) => `回访超时 Follow-up overdue: ${s}, was due ${d}`,
};

export function reminderMessage(kind: NotificationKind, r: RequestFacts, deadline: Date, tz: string): string {
  const text = REMINDER_TEXT[kind];
  if (!text) throw new Error(`${kind} is not a reminder`);
  return text(subject(r), formatDeadline(deadline, tz));
}

export function assignedMessage(r: RequestFacts, assist: boolean, acceptDueAt: Date, dueAt: Date, tz: string): string {
  const role = assist ? ' (协办 assisting)' : '';
  return `新工单 New assignment: ${subject(r)}${role}, sign for by ${formatDeadline(acceptDueAt, tz)}, reply by ${formatDeadline(dueAt, tz)}`;
}

export function returnDecidedMessage(r: RequestFacts, approved: boolean): string {
  return approved
    ? `退单已批准 Return approved: ${subject(r)} goes back to the center`
    : `退单未批准 Return rejected: ${subject(r)} stays with your department (designated)`;
}

export function extensionDecidedMessage(r: RequestFacts, approved: boolean, dueAt: Date, tz: string): string {
  return approved
    ? `延期已批准 Extension approved: ${subject(r)}, reply by ${formatDeadline(dueAt, tz)}`
    : `延期未批准 Extension rejected: ${subject(r)}, reply still due ${formatDeadline(dueAt, tz)}`;
}

export function replyRejectedMessage(r: RequestFacts, dueAt: Date, tz: string): string {
  return `回复被退回 Reply sent back: ${subject(r)}, revise and reply by ${formatDeadline(dueAt, tz)}`;
}

export function rehandlingMessage(r: RequestFacts, round: number, acceptDueAt: Date | null, tz: string): string {
  return acceptDueAt
    ? `重办 Re-handling, round ${round}: ${subject(r)}, the citizen was not satisfied; sign for by ${formatDeadline(acceptDueAt, tz)}`
    : `重办 Reopened: ${subject(r)}, the intake answer did not satisfy; awaiting dispatch`;
}

const LEVEL_TEXT: Record<SupervisionLevel, string> = {
  [SupervisionLevel.REMINDER]: '催办 Urged',
  [SupervisionLevel.LISTED]: '督办 Supervised (LISTED)',
  [SupervisionLevel.SUMMONED]: '约谈督办 Supervised (SUMMONED)',
};

export function supervisedMessage(r: RequestFacts, level: SupervisionLevel): string {
  return `${LEVEL_TEXT[level] ?? `督办 Supervised (${level})`}: ${subject(r)}`;
}

export function autoListedMessage(r: RequestFacts, dueAt: Date, tz: string): string {
  return `${LEVEL_TEXT[SupervisionLevel.LISTED]}: ${subject(r)}, reply overdue for 5 working days (was due ${formatDeadline(dueAt, tz)})`;
}
