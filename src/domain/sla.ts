import { DateTime } from 'luxon';
import { RequestType, SlaUnit, Urgency } from './enums';
import { badInput } from './errors';
import { WorkdayCalendar } from './working-calendar';

// Deadline arithmetic of DESIGN.md §5. Pure: the calendar and the time zone are passed in.

export interface SlaDuration {
  amount: number;
  unit: SlaUnit;
}

export interface SlaPolicyRule {
  requestType: RequestType;
  urgency: Urgency;
  accept: SlaDuration;
  reply: SlaDuration;
  followUp: SlaDuration;
  warnBefore: SlaDuration;
}

export interface AssignmentDeadlines {
  acceptDueAt: Date;
  dueAt: Date;
  acceptWarnAt: Date | null;
  replyWarnAt: Date | null;
}

export interface FollowUpDeadline {
  followUpDueAt: Date;
  followUpWarnAt: Date | null;
}

export const SLA_AMOUNT_MIN = 1;
export const SLA_AMOUNT_MAX = 10_000;
// A calendar without a single working day for years on end is a configuration error, not a deadline.
const MAX_SCAN_DAYS = 3 * 366;
// 10,000 working days are about 14,000 calendar days; nothing legitimate spans more.
const MAX_SPAN_DAYS = 20_000;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * A policy's duration as an administrator may set it: a whole number from 1 to 10,000 of a known unit.
 * `field` (e.g. "reply") names the offending part of a policy in the message.
 */
export function validateSlaDuration(d: SlaDuration): SlaDuration;
export function validateSlaDuration(field: string, d: SlaDuration): SlaDuration;
export function validateSlaDuration(fieldOrDuration: string | SlaDuration, maybe?: SlaDuration): SlaDuration {
  const [field, d] = typeof fieldOrDuration === 'string' ? [fieldOrDuration, maybe] : ['duration', fieldOrDuration];
  if (!d || typeof d !== 'object') throw badInput(`${field} is required`, { field });
  if (!Number.isInteger(d.amount) || d.amount < SLA_AMOUNT_MIN || d.amount > SLA_AMOUNT_MAX) {
    throw badInput(`${field}: amount must be a whole number from ${SLA_AMOUNT_MIN} to ${SLA_AMOUNT_MAX}`, { field });
  }
  if (!Object.values(SlaUnit).includes(d.unit)) throw badInput(`${field}: unknown unit ${String(d.unit)}`, { field });
  return { amount: d.amount, unit: d.unit };
}

// Arithmetic also accepts 0 (no time at all); stored policies were validated, so anything else is a bug.
function checkArithmetic(at: Date, d: SlaDuration): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('SLA arithmetic needs a valid Date');
  if (!Number.isInteger(d.amount) || d.amount < 0) throw new RangeError(`SLA amount must be a whole number ≥ 0, got ${d.amount}`);
  if (!Object.values(SlaUnit).includes(d.unit)) throw new RangeError(`unknown SLA unit ${String(d.unit)}`);
}

const isWorkday = (day: DateTime, cal: WorkdayCalendar) => cal.isWorkday(day.toISODate()!);

/** The next (step 1) or previous (step −1) working day strictly after/before `day`, at its local midnight. */
function nextWorkday(day: DateTime, step: 1 | -1, cal: WorkdayCalendar): DateTime {
  let d = day;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = d.plus({ days: step }).startOf('day');
    if (isWorkday(d, cal)) return d;
  }
  throw new Error('the working-day calendar has no working day within three years');
}

/** The end (24:00) of a local day, i.e. the next day's 00:00 — luxon keeps it right across DST changes. */
const endOfDay = (day: DateTime) => day.plus({ days: 1 }).startOf('day');

/**
 * `start` plus a duration.
 * - MINUTES / HOURS are elapsed wall-clock time, working days or not (an emergency does not wait for Monday).
 * - N WORKING_DAYS end at the end (24:00 = next day 00:00) of the N-th working day after the local day on
 *   which the clock starts (DESIGN.md §5). The rest of the start day is a free grace period, whatever time
 *   the clock starts: Friday 15:30 + 1 working day = Monday 24:00; Saturday + 1 = Monday 24:00.
 * - An amount of 0 leaves `start` unchanged in every unit (no time is no time; "end of today" would be a
 *   different rule and nothing needs it).
 */
export function addSlaDuration(start: Date, d: SlaDuration, cal: WorkdayCalendar, timeZone: string): Date {
  checkArithmetic(start, d);
  if (d.amount === 0) return new Date(start.getTime());
  if (d.unit === SlaUnit.MINUTES) return new Date(start.getTime() + d.amount * MINUTE_MS);
  if (d.unit === SlaUnit.HOURS) return new Date(start.getTime() + d.amount * HOUR_MS);
  let day: DateTime = localDay(start, timeZone);
  for (let i = 0; i < d.amount; i++) day = nextWorkday(day, 1, cal);
  return endOfDay(day).toJSDate();
}

/**
 * `deadline` minus a duration (used for warnings).
 * - MINUTES / HOURS: elapsed wall-clock time.
 * - N WORKING_DAYS: the same local wall time on the N-th working day before the deadline's day, skipping
 *   non-working days; the deadline's own day need not be a working day (Sunday 10:00 − 1 = Friday 10:00).
 *   A deadline at local 00:00 is read as 24:00 of the day before, the form every working-day deadline has,
 *   so the answer is again an end of day: end of Monday − 1 working day = end of Friday (Saturday 00:00),
 *   and end of the 15th working day − 1 = end of the 14th.
 * - An amount of 0 leaves `deadline` unchanged.
 */
export function subtractSlaDuration(deadline: Date, d: SlaDuration, cal: WorkdayCalendar, timeZone: string): Date {
  checkArithmetic(deadline, d);
  if (d.amount === 0) return new Date(deadline.getTime());
  if (d.unit === SlaUnit.MINUTES) return new Date(deadline.getTime() - d.amount * MINUTE_MS);
  if (d.unit === SlaUnit.HOURS) return new Date(deadline.getTime() - d.amount * HOUR_MS);
  const at = DateTime.fromJSDate(deadline, { zone: timeZone });
  const endOfPreviousDay = at.equals(at.startOf('day'));
  let day: DateTime = endOfPreviousDay ? at.minus({ days: 1 }).startOf('day') : at.startOf('day');
  for (let i = 0; i < d.amount; i++) day = nextWorkday(day, -1, cal);
  if (endOfPreviousDay) return endOfDay(day).toJSDate();
  // set(), not plus(): on a DST-change day "midnight + 10 h" is not 10:00.
  return day.set({ hour: at.hour, minute: at.minute, second: at.second, millisecond: at.millisecond }).toJSDate();
}

/**
 * When `deadline` is exactly N working days after `start` (the end of the N-th working day after the start
 * day, as addSlaDuration computes it), N; otherwise null.
 */
export function workingDaysBetween(start: Date, deadline: Date, cal: WorkdayCalendar, timeZone: string): number | null {
  const end = DateTime.fromJSDate(deadline, { zone: timeZone });
  if (!end.equals(end.startOf('day'))) return null;
  const lastDay = end.minus({ days: 1 }).startOf('day'); // the day that ends at the deadline
  if (!isWorkday(lastDay, cal)) return null;
  let day: DateTime = localDay(start, timeZone);
  let n = 0;
  for (let i = 0; day < lastDay; i++) {
    if (i >= MAX_SPAN_DAYS) return null;
    day = day.plus({ days: 1 }).startOf('day');
    if (isWorkday(day, cal)) n++;
  }
  return n >= 1 ? n : null;
}

/**
 * When the warning for a step's deadline goes out: `deadline − warnBefore` (subtractSlaDuration), and only
 * when that is strictly later than the step's start; otherwise null (DESIGN.md §5).
 *
 * Working days against working days are compared as counts, not instants: a step of N working days with a
 * warning of W working days is warned only when N > W, at the end of its (N − W)-th working day. Without
 * this a 1-working-day sign-for dispatched Monday 10:00 (due Tuesday 24:00) would be "warned" at Monday
 * 24:00, which is after the start only because the rest of the start day is a grace period; the design says
 * such a step gets no warning. N is recognised from the deadline itself (workingDaysBetween), so a deadline
 * moved by an extension to some other instant simply gets `deadline − warnBefore`. A wall-clock deadline
 * that happens to fall on the end of a working day is, by the same token, treated as a working-day one.
 */
export function warningTime(
  stepStart: Date,
  deadline: Date,
  warnBefore: SlaDuration,
  cal: WorkdayCalendar,
  timeZone: string,
): Date | null {
  if (warnBefore.amount === 0) return null; // no warning period, nothing to warn ahead of
  const at = subtractSlaDuration(deadline, warnBefore, cal, timeZone);
  if (at.getTime() <= stepStart.getTime()) return null;
  if (warnBefore.unit === SlaUnit.WORKING_DAYS) {
    const n = workingDaysBetween(stepStart, deadline, cal, timeZone);
    if (n !== null && n <= warnBefore.amount) return null;
  }
  return at;
}

/** A reply this long overdue is supervised at level LISTED (督办, DESIGN.md §6). */
export const LISTED_AFTER_OVERDUE: SlaDuration = { amount: 5, unit: SlaUnit.WORKING_DAYS };

/**
 * When a reply due at `dueAt` becomes 5 working days overdue: the moment of the automatic LISTED escalation.
 * Stored with the reply deadline (`assignment.reply_escalate_at`) and computed whenever the deadline is set or
 * moved, with the calendar in force then, like the deadline and its warning (a later calendar edit moves none).
 */
export function replyEscalationTime(dueAt: Date, cal: WorkdayCalendar, timeZone: string): Date {
  return addSlaDuration(dueAt, LISTED_AFTER_OVERDUE, cal, timeZone);
}

const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/**
 * replyEscalationTime for many deadlines (an import): the answer depends only on the deadline's local day, and
 * in every time zone in use a local day starts on a quarter-hour of UTC, so one computation serves each
 * quarter-hour of deadlines.
 */
export function replyEscalationTimes(cal: WorkdayCalendar, timeZone: string): (dueAt: Date) => Date {
  const memo = new Map<number, Date>();
  return (dueAt) => {
    const bucket = Math.floor(dueAt.getTime() / QUARTER_HOUR_MS);
    let at = memo.get(bucket);
    if (!at) memo.set(bucket, (at = replyEscalationTime(new Date(bucket * QUARTER_HOUR_MS), cal, timeZone)));
    return at;
  };
}

/** Both clocks (sign-for and reply) start at dispatch (DESIGN.md §5). */
export function assignmentDeadlines(dispatchedAt: Date, policy: SlaPolicyRule, cal: WorkdayCalendar, timeZone: string): AssignmentDeadlines {
  const acceptDueAt = addSlaDuration(dispatchedAt, policy.accept, cal, timeZone);
  const dueAt = addSlaDuration(dispatchedAt, policy.reply, cal, timeZone);
  return {
    acceptDueAt,
    dueAt,
    acceptWarnAt: warningTime(dispatchedAt, acceptDueAt, policy.warnBefore, cal, timeZone),
    replyWarnAt: warningTime(dispatchedAt, dueAt, policy.warnBefore, cal, timeZone),
  };
}

/** The follow-up clock starts when the request starts awaiting a follow-up (reply approved, or answered at intake). */
export function followUpDeadline(start: Date, policy: SlaPolicyRule, cal: WorkdayCalendar, timeZone: string): FollowUpDeadline {
  const followUpDueAt = addSlaDuration(start, policy.followUp, cal, timeZone);
  return { followUpDueAt, followUpWarnAt: warningTime(start, followUpDueAt, policy.warnBefore, cal, timeZone) };
}

function localDay(at: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  return local.startOf('day');
}

const minutes = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.MINUTES });
const hours = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.HOURS });
const workingDays = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.WORKING_DAYS });

/** Reply deadlines of NORMAL requests by type, in working days (Guangdong 2022: 2/10/15). */
const NORMAL_REPLY_WORKING_DAYS: Record<RequestType, number> = {
  [RequestType.CONSULTATION]: 2,
  [RequestType.HELP]: 10,
  [RequestType.SUGGESTION]: 10,
  [RequestType.COMPLAINT]: 15,
  [RequestType.REPORT]: 15,
  [RequestType.PRAISE]: 5,
};

/** The default policies of DESIGN.md §5, one per (request type, urgency): 18 fresh objects on every call. */
export function defaultSlaPolicies(): SlaPolicyRule[] {
  return Object.values(RequestType).flatMap((requestType): SlaPolicyRule[] => [
    { requestType, urgency: Urgency.EMERGENCY, accept: minutes(30), reply: hours(24), followUp: hours(24), warnBefore: minutes(10) },
    { requestType, urgency: Urgency.URGENT, accept: hours(2), reply: workingDays(2), followUp: hours(24), warnBefore: hours(1) },
    {
      requestType,
      urgency: Urgency.NORMAL,
      accept: workingDays(1),
      reply: workingDays(NORMAL_REPLY_WORKING_DAYS[requestType]),
      followUp: hours(36),
      warnBefore: requestType === RequestType.CONSULTATION ? hours(4) : workingDays(1),
    },
  ]);
}
