import { DateTime } from 'luxon';
import { RequestType, SlaUnit, Urgency } from './enums';
import { badInput } from './errors';
import { WorkdayCalendar } from './working-calendar';

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

const MAX_AMOUNT = 10_000;
// A calendar with no working day for years on end is a configuration error, not a deadline.
const MAX_SCAN_DAYS = 3 * 366;

export function validateSlaDuration(field: string, d: SlaDuration): SlaDuration {
  if (!Number.isInteger(d.amount) || d.amount < 1 || d.amount > MAX_AMOUNT) {
    throw badInput(`${field}: amount must be a whole number from 1 to ${MAX_AMOUNT}`);
  }
  if (!Object.values(SlaUnit).includes(d.unit)) throw badInput(`${field}: unknown unit ${d.unit}`);
  return d;
}

function nextWorkday(day: DateTime, step: 1 | -1, cal: WorkdayCalendar): DateTime {
  let d: DateTime = day;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = d.plus({ days: step });
    if (cal.isWorkday(d.toISODate()!)) return d;
  }
  throw new Error('the working-day calendar has no working day within three years');
}

/**
 * MINUTES/HOURS are wall-clock. N WORKING_DAYS end at the end (24:00) of the N-th working day after
 * the day the clock starts, in the hotline's time zone (DESIGN.md §5): a request dispatched on Friday
 * afternoon with 1 working day is due Monday 24:00 (= Tuesday 00:00).
 */
export function addSlaDuration(start: Date, d: SlaDuration, cal: WorkdayCalendar, timeZone: string): Date {
  if (d.unit === SlaUnit.MINUTES) return new Date(start.getTime() + d.amount * 60_000);
  if (d.unit === SlaUnit.HOURS) return new Date(start.getTime() + d.amount * 3_600_000);
  let day: DateTime = DateTime.fromJSDate(start, { zone: timeZone }).startOf('day');
  for (let i = 0; i < d.amount; i++) day = nextWorkday(day, 1, cal);
  return day.plus({ days: 1 }).startOf('day').toJSDate();
}

/**
 * The moment `d` before `deadline`. For WORKING_DAYS: the same wall-clock time N working days earlier,
 * counting working days only (a deadline at Tuesday 00:00 — the end of Monday — minus 1 working day
 * is the end of the previous working day, Friday 24:00).
 */
export function subtractSlaDuration(deadline: Date, d: SlaDuration, cal: WorkdayCalendar, timeZone: string): Date {
  if (d.unit === SlaUnit.MINUTES) return new Date(deadline.getTime() - d.amount * 60_000);
  if (d.unit === SlaUnit.HOURS) return new Date(deadline.getTime() - d.amount * 3_600_000);
  const at = DateTime.fromJSDate(deadline, { zone: timeZone });
  const midnight = at.equals(at.startOf('day'));
  // A deadline at 00:00 belongs to the day before it ends.
  let day: DateTime = midnight ? at.minus({ days: 1 }).startOf('day') : at.startOf('day');
  for (let i = 0; i < d.amount; i++) day = nextWorkday(day, -1, cal);
  const timeOfDay = midnight ? { days: 1 } : { hours: at.hour, minutes: at.minute, seconds: at.second, milliseconds: at.millisecond };
  return day.plus(timeOfDay).toJSDate();
}

/**
 * The warning goes out at deadline − warnBefore, and only when that is later than the step's start.
 * When both the step and the warning count working days, the warning is the end of the (N − W)-th
 * working day of the step: a 1-working-day sign-for with a 1-working-day warning gets none (DESIGN.md §5),
 * a 15-working-day reply is warned at the end of its 14th working day.
 */
export function warningTime(
  stepStart: Date,
  deadline: Date,
  warnBefore: SlaDuration,
  cal: WorkdayCalendar,
  timeZone: string,
  step?: SlaDuration,
): Date | null {
  if (step && step.unit === SlaUnit.WORKING_DAYS && warnBefore.unit === SlaUnit.WORKING_DAYS) {
    if (step.amount <= warnBefore.amount) return null;
    return addSlaDuration(stepStart, { amount: step.amount - warnBefore.amount, unit: SlaUnit.WORKING_DAYS }, cal, timeZone);
  }
  const at = subtractSlaDuration(deadline, warnBefore, cal, timeZone);
  return at.getTime() > stepStart.getTime() ? at : null;
}

export function assignmentDeadlines(dispatchedAt: Date, policy: SlaPolicyRule, cal: WorkdayCalendar, timeZone: string) {
  const acceptDueAt = addSlaDuration(dispatchedAt, policy.accept, cal, timeZone);
  const dueAt = addSlaDuration(dispatchedAt, policy.reply, cal, timeZone);
  return {
    acceptDueAt,
    dueAt,
    acceptWarnAt: warningTime(dispatchedAt, acceptDueAt, policy.warnBefore, cal, timeZone, policy.accept),
    replyWarnAt: warningTime(dispatchedAt, dueAt, policy.warnBefore, cal, timeZone, policy.reply),
  };
}

export function followUpDeadline(start: Date, policy: SlaPolicyRule, cal: WorkdayCalendar, timeZone: string) {
  const followUpDueAt = addSlaDuration(start, policy.followUp, cal, timeZone);
  return { followUpDueAt, followUpWarnAt: warningTime(start, followUpDueAt, policy.warnBefore, cal, timeZone, policy.followUp) };
}

const mins = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.MINUTES });
const hours = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.HOURS });
const days = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.WORKING_DAYS });

/** Reply deadlines of NORMAL requests by type (Guangdong 2022: 2/10/15 working days). */
const NORMAL_REPLY: Record<RequestType, SlaDuration> = {
  [RequestType.CONSULTATION]: days(2),
  [RequestType.HELP]: days(10),
  [RequestType.SUGGESTION]: days(10),
  [RequestType.COMPLAINT]: days(15),
  [RequestType.REPORT]: days(15),
  [RequestType.PRAISE]: days(5),
};

/** The default policies of DESIGN.md §5, one per (request type, urgency). */
export function defaultSlaPolicies(): SlaPolicyRule[] {
  return Object.values(RequestType).flatMap((requestType) => [
    { requestType, urgency: Urgency.EMERGENCY, accept: mins(30), reply: hours(24), followUp: hours(24), warnBefore: mins(10) },
    { requestType, urgency: Urgency.URGENT, accept: hours(2), reply: days(2), followUp: hours(24), warnBefore: hours(1) },
    {
      requestType,
      urgency: Urgency.NORMAL,
      accept: days(1),
      reply: NORMAL_REPLY[requestType],
      followUp: hours(36),
      warnBefore: requestType === RequestType.CONSULTATION ? hours(4) : days(1),
    },
  ]);
}
