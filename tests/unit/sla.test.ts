import { RequestType as T, SlaUnit, Urgency as U } from '../../src/domain/enums';
import { ErrorCode } from '../../src/domain/errors';
import {
  addSlaDuration, assignmentDeadlines, defaultSlaPolicies, followUpDeadline, SlaDuration, SlaPolicyRule, subtractSlaDuration,
  validateSlaDuration, warningTime, workingDaysBetween,
} from '../../src/domain/sla';
import { calendarFromOverrides } from '../../src/domain/working-calendar';

const TZ = 'Asia/Shanghai';
const official = calendarFromOverrides(new Map());
const min = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.MINUTES });
const h = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.HOURS });
const wd = (amount: number): SlaDuration => ({ amount, unit: SlaUnit.WORKING_DAYS });
/** A wall-clock time in Shanghai (UTC+8, no DST). */
const sh = (local: string) => new Date(`${local}+08:00`);
const add = (start: Date, d: SlaDuration, cal = official, tz = TZ) => addSlaDuration(start, d, cal, tz);
const sub = (deadline: Date, d: SlaDuration, cal = official, tz = TZ) => subtractSlaDuration(deadline, d, cal, tz);
const warn = (start: Date, deadline: Date, d: SlaDuration) => warningTime(start, deadline, d, official, TZ);
const policy = (type: T, urgency: U) => defaultSlaPolicies().find((p) => p.requestType === type && p.urgency === urgency)!;

// March 2026 in Shanghai: Mon 2, Fri 6, Sat 7, Sun 8, Mon 9 … no holidays in March.

describe('WORKING_DAYS end at 24:00 of the N-th working day after the start day', () => {
  test.each([
    ['Monday morning + 1', '2026-03-02T10:00:00', 1, '2026-03-04T00:00:00'],
    ['Monday just after midnight + 1', '2026-03-02T00:00:00', 1, '2026-03-04T00:00:00'],
    ['Monday just before midnight + 1', '2026-03-02T23:59:59', 1, '2026-03-04T00:00:00'],
    ['Monday + 4 stays in the week', '2026-03-02T10:00:00', 4, '2026-03-07T00:00:00'],
    ['Monday + 5 skips the weekend', '2026-03-02T10:00:00', 5, '2026-03-10T00:00:00'],
    ['Friday afternoon + 1 is Monday 24:00', '2026-03-06T15:30:00', 1, '2026-03-10T00:00:00'],
    ['Saturday + 1 is Monday 24:00', '2026-03-07T09:00:00', 1, '2026-03-10T00:00:00'],
    ['Sunday + 2 is Tuesday 24:00', '2026-03-08T09:00:00', 2, '2026-03-11T00:00:00'],
    ['Monday + 15 (a complaint)', '2026-03-02T10:00:00', 15, '2026-03-24T00:00:00'],
  ])('%s', (_what, start, n, due) => {
    expect(add(sh(start), wd(n))).toEqual(sh(due));
  });

  test('the 2026 Spring Festival holiday (15–23 Feb) is skipped and its adjusted Saturdays count', () => {
    // Thursday 12 Feb + 2: Friday 13, Saturday 14 (调休).
    expect(add(sh('2026-02-12T10:00:00'), wd(2))).toEqual(sh('2026-02-15T00:00:00'));
    // Friday 13 Feb + 2: Saturday 14, then nothing until Tuesday 24.
    expect(add(sh('2026-02-13T10:00:00'), wd(2))).toEqual(sh('2026-02-25T00:00:00'));
    // Dispatched during the holiday: the first working day is 24 Feb.
    expect(add(sh('2026-02-17T10:00:00'), wd(1))).toEqual(sh('2026-02-25T00:00:00'));
    // Thursday 12 Feb + 15: 13, 14, 24, 25, 26, 27, 28 (调休), 2, 3, 4, 5, 6, 9, 10, 11 March.
    expect(add(sh('2026-02-12T10:00:00'), wd(15))).toEqual(sh('2026-03-12T00:00:00'));
  });

  test('an adjusted working Saturday (调休) ends a deadline like any working day', () => {
    // Friday 27 Feb + 1 = Saturday 28 Feb (调休), due at its midnight.
    expect(add(sh('2026-02-27T10:00:00'), wd(1))).toEqual(sh('2026-03-01T00:00:00'));
  });

  test('an adjusted working Sunday (调休) too', () => {
    // Friday 18 Sep 2026 + 1 = Sunday 20 Sep (worked for National Day).
    expect(add(sh('2026-09-18T10:00:00'), wd(1))).toEqual(sh('2026-09-21T00:00:00'));
  });

  test('across the year boundary the New Year holiday is skipped', () => {
    // Wednesday 31 Dec 2025 + 2: 1–3 Jan off, Sunday 4 Jan (调休) is the 1st, Monday 5 Jan the 2nd.
    expect(add(sh('2025-12-31T16:00:00'), wd(2))).toEqual(sh('2026-01-06T00:00:00'));
    // Tuesday 30 Dec 2025 + 1 = Wednesday 31 Dec.
    expect(add(sh('2025-12-30T16:00:00'), wd(1))).toEqual(sh('2026-01-01T00:00:00'));
  });

  test('the National Day week: 1–7 Oct off, Saturday 10 Oct worked', () => {
    // Wednesday 30 Sep + 1 = Thursday 8 Oct; + 3 = Saturday 10 Oct (调休).
    expect(add(sh('2026-09-30T10:00:00'), wd(1))).toEqual(sh('2026-10-09T00:00:00'));
    expect(add(sh('2026-09-30T10:00:00'), wd(3))).toEqual(sh('2026-10-11T00:00:00'));
    expect(add(sh('2026-09-30T10:00:00'), wd(4))).toEqual(sh('2026-10-13T00:00:00')); // Monday 12 Oct
  });

  test('an override in the calendar table wins over the official schedule', () => {
    const tuesdayOff = calendarFromOverrides(new Map([['2026-03-03', false]]));
    expect(add(sh('2026-03-02T10:00:00'), wd(1), tuesdayOff)).toEqual(sh('2026-03-05T00:00:00'));
    const saturdayWorked = calendarFromOverrides(new Map([['2026-03-07', true]]));
    expect(add(sh('2026-03-06T10:00:00'), wd(1), saturdayWorked)).toEqual(sh('2026-03-08T00:00:00'));
    const holidayWorked = calendarFromOverrides(new Map([['2026-02-16', true]]));
    expect(add(sh('2026-02-14T10:00:00'), wd(1), holidayWorked)).toEqual(sh('2026-02-17T00:00:00'));
  });

  test('years the package does not know: Monday–Friday, plus overrides', () => {
    expect(add(sh('2031-09-30T10:00:00'), wd(1))).toEqual(sh('2031-10-02T00:00:00')); // Tuesday → Wednesday
    const nationalDay = calendarFromOverrides(new Map(['2031-10-01', '2031-10-02', '2031-10-03'].map((d) => [d, false])));
    expect(add(sh('2031-09-30T10:00:00'), wd(1), nationalDay)).toEqual(sh('2031-10-07T00:00:00')); // Monday 6 Oct
  });

  test('the start day is taken in the hotline time zone, not UTC', () => {
    // 16:30 UTC on Sunday 8 March is 00:30 on Monday 9 March in Shanghai: Tuesday is the first working day.
    expect(add(new Date('2026-03-08T16:30:00Z'), wd(1))).toEqual(new Date('2026-03-10T16:00:00Z'));
    // The same instant counted in UTC would start on Sunday and end with Monday.
    expect(add(new Date('2026-03-08T16:30:00Z'), wd(1), official, 'UTC')).toEqual(new Date('2026-03-10T00:00:00Z'));
  });

  test('the end of day is local midnight across a DST change (Europe/Berlin, 29 Mar 2026)', () => {
    // Friday 27 Mar 10:00 CET + 1 = end of Monday 30 Mar = 00:00 CEST on the 31st = 22:00 UTC.
    expect(add(new Date('2026-03-27T09:00:00Z'), wd(1), official, 'Europe/Berlin')).toEqual(new Date('2026-03-30T22:00:00Z'));
  });
});

describe('MINUTES and HOURS are wall-clock', () => {
  test('HOURS cross midnight in Shanghai given UTC instants', () => {
    // 15:30 UTC Friday = 23:30 Friday in Shanghai; + 2 h = 01:30 Saturday there.
    expect(add(new Date('2026-03-06T15:30:00Z'), h(2))).toEqual(new Date('2026-03-06T17:30:00Z'));
    expect(add(new Date('2026-03-06T15:30:00Z'), h(2)).toISOString()).toBe(sh('2026-03-07T01:30:00').toISOString());
  });

  test('24 HOURS ignore weekends and holidays', () => {
    expect(add(sh('2026-03-06T22:00:00'), h(24))).toEqual(sh('2026-03-07T22:00:00'));
    expect(add(sh('2026-02-14T18:00:00'), h(36))).toEqual(sh('2026-02-16T06:00:00'));
  });

  test('MINUTES', () => {
    expect(add(sh('2026-03-06T23:50:00'), min(30))).toEqual(sh('2026-03-07T00:20:00'));
    expect(add(new Date('2026-12-31T15:45:00Z'), min(30))).toEqual(new Date('2026-12-31T16:15:00Z'));
  });

  test('elapsed time across a DST change: 24 h after 12:00 CET on 28 Mar is 13:00 CEST', () => {
    expect(add(new Date('2026-03-28T11:00:00Z'), h(24), official, 'Europe/Berlin')).toEqual(new Date('2026-03-29T11:00:00Z'));
  });
});

describe('zero and invalid amounts in arithmetic', () => {
  test.each([min(0), h(0), wd(0)])('0 %j leaves the instant unchanged', (d) => {
    const at = sh('2026-03-06T15:30:00');
    expect(add(at, d)).toEqual(at);
    expect(sub(at, d)).toEqual(at);
    expect(add(at, d)).not.toBe(at); // a copy, never the caller's Date
  });

  test('negative or fractional amounts and unknown units are bugs', () => {
    expect(() => add(sh('2026-03-06T15:30:00'), wd(-1))).toThrow(RangeError);
    expect(() => add(sh('2026-03-06T15:30:00'), h(1.5))).toThrow(RangeError);
    expect(() => add(sh('2026-03-06T15:30:00'), { amount: 1, unit: 'DAYS' as SlaUnit })).toThrow(RangeError);
    expect(() => add(new Date('nope'), h(1))).toThrow(TypeError);
  });

  test('a calendar with no working day at all fails instead of looping', () => {
    const never = { isWorkday: () => false };
    expect(() => add(sh('2026-03-06T15:30:00'), wd(1), never)).toThrow(/no working day/);
  });
});

describe('subtracting (for warnings)', () => {
  test.each([
    // A midnight deadline is the end of the day before: the answer is again an end of day.
    ['end of Monday − 1 = end of Friday', '2026-03-10T00:00:00', 1, '2026-03-07T00:00:00'],
    ['end of Tuesday − 1 = end of Monday', '2026-03-11T00:00:00', 1, '2026-03-10T00:00:00'],
    ['end of the 15th − 1 = end of the 14th', '2026-03-24T00:00:00', 1, '2026-03-21T00:00:00'],
    ['end of Tuesday 24 Feb − 1 = end of Saturday 14 Feb (holiday skipped, 调休 counted)', '2026-02-25T00:00:00', 1, '2026-02-15T00:00:00'],
    ['end of Monday 5 Jan − 2 = end of Wednesday 31 Dec (Sunday 4 Jan 调休 counted, 1–3 Jan skipped)', '2026-01-06T00:00:00', 2, '2026-01-01T00:00:00'],
    // Any other time keeps its wall time on the N-th working day before the deadline's day.
    ['Tuesday 22:00 − 1 = Monday 22:00', '2026-03-03T22:00:00', 1, '2026-03-02T22:00:00'],
    ['Monday 10:00 − 1 = Friday 10:00', '2026-03-09T10:00:00', 1, '2026-03-06T10:00:00'],
    ['Sunday 10:00 − 1 = Friday 10:00 (the deadline day need not be worked)', '2026-03-08T10:00:00', 1, '2026-03-06T10:00:00'],
    ['Tuesday 24 Feb 10:00 − 1 = Saturday 14 Feb 10:00', '2026-02-24T10:00:00', 1, '2026-02-14T10:00:00'],
  ])('%s', (_what, deadline, n, expected) => {
    expect(sub(sh(deadline), wd(n))).toEqual(sh(expected));
  });

  test('MINUTES and HOURS are wall-clock', () => {
    expect(sub(sh('2026-03-07T00:20:00'), min(30))).toEqual(sh('2026-03-06T23:50:00'));
    expect(sub(sh('2026-03-09T02:00:00'), h(4))).toEqual(sh('2026-03-08T22:00:00'));
  });

  test('the wall time is kept across a DST change (Europe/Berlin)', () => {
    // Monday 30 Mar 10:00 CEST − 1 working day = Friday 27 Mar 10:00 CET.
    expect(sub(new Date('2026-03-30T08:00:00Z'), wd(1), official, 'Europe/Berlin')).toEqual(new Date('2026-03-27T09:00:00Z'));
  });

  test('adding then subtracting N working days lands on the end of the start day or the last working day before it', () => {
    const start = sh('2026-03-04T10:00:00'); // Wednesday
    expect(sub(add(start, wd(3)), wd(3))).toEqual(sh('2026-03-05T00:00:00'));
  });
});

describe('workingDaysBetween recognises working-day deadlines', () => {
  test('the N of a deadline computed with N working days', () => {
    const start = sh('2026-02-12T10:00:00');
    for (const n of [1, 2, 3, 10, 15]) expect(workingDaysBetween(start, add(start, wd(n)), official, TZ)).toBe(n);
  });
  test('null for anything else', () => {
    const start = sh('2026-03-02T10:00:00');
    expect(workingDaysBetween(start, sh('2026-03-03T22:00:00'), official, TZ)).toBeNull(); // not a midnight
    expect(workingDaysBetween(start, sh('2026-03-08T00:00:00'), official, TZ)).toBeNull(); // end of a Saturday
    expect(workingDaysBetween(start, sh('2026-03-03T00:00:00'), official, TZ)).toBeNull(); // end of the start day
    expect(workingDaysBetween(start, sh('2026-03-01T00:00:00'), official, TZ)).toBeNull(); // before the start
  });
});

describe('warnings: deadline − warnBefore, only when later than the step start', () => {
  test.each([
    ['Monday morning', '2026-03-02T10:00:00'],
    ['Monday just after midnight', '2026-03-02T00:00:01'],
    ['Friday afternoon', '2026-03-06T15:00:00'],
    ['Saturday', '2026-03-07T09:00:00'],
    ['during the Spring Festival', '2026-02-17T09:00:00'],
    ['on an adjusted working Saturday', '2026-02-14T09:00:00'],
  ])('a 1-working-day step with a 1-working-day warning gets none (%s)', (_what, start) => {
    const s = sh(start);
    expect(warn(s, add(s, wd(1)), wd(1))).toBeNull();
  });

  test('a 2-working-day step with a 2- or 3-working-day warning gets none either', () => {
    const s = sh('2026-03-02T10:00:00');
    expect(warn(s, add(s, wd(2)), wd(2))).toBeNull();
    expect(warn(s, add(s, wd(2)), wd(3))).toBeNull();
  });

  test('N working days warned W before: at the end of the (N − W)-th working day', () => {
    const s = sh('2026-03-02T10:00:00');
    expect(warn(s, add(s, wd(2)), wd(1))).toEqual(sh('2026-03-04T00:00:00')); // end of Tuesday
    expect(warn(s, add(s, wd(15)), wd(1))).toEqual(sh('2026-03-21T00:00:00')); // end of Friday 20, the 14th
    expect(warn(s, add(s, wd(15)), wd(14))).toEqual(sh('2026-03-04T00:00:00')); // end of the 1st
    const friday = sh('2026-02-13T10:00:00');
    expect(warn(friday, add(friday, wd(2)), wd(1))).toEqual(sh('2026-02-15T00:00:00')); // end of Saturday 14 (调休)
  });

  test('hours before a working-day deadline are wall-clock', () => {
    const s = sh('2026-03-02T10:00:00');
    expect(warn(s, add(s, wd(1)), h(4))).toEqual(sh('2026-03-03T20:00:00'));
  });

  test('a warning period as long as a wall-clock step gives no warning', () => {
    const s = sh('2026-03-02T10:00:00');
    expect(warn(s, add(s, min(30)), h(1))).toBeNull();
    expect(warn(s, add(s, h(1)), h(1))).toBeNull();
    expect(warn(s, add(s, h(2)), h(1))).toEqual(sh('2026-03-02T11:00:00'));
  });

  test('a working-day warning before a wall-clock deadline: the same wall time a working day earlier', () => {
    const monday = sh('2026-03-02T10:00:00');
    expect(warn(monday, add(monday, h(36)), wd(1))).toEqual(sh('2026-03-02T22:00:00'));
    const friday = sh('2026-03-06T10:00:00');
    expect(warn(friday, add(friday, h(36)), wd(1))).toEqual(sh('2026-03-06T22:00:00'));
    // A deadline this side of the start: none.
    const saturday = sh('2026-03-07T10:00:00');
    expect(warn(saturday, add(saturday, h(36)), wd(1))).toBeNull(); // Sunday 22:00 − 1 = Friday 22:00
  });

  test('a wall-clock deadline that falls exactly on the end of a working day is read as a working-day one', () => {
    // 36 h from Monday 12:00 is Wednesday 00:00 = the end of the 1st working day: no 1-working-day warning.
    const s = sh('2026-03-02T12:00:00');
    expect(warn(s, add(s, h(36)), wd(1))).toBeNull();
  });

  test('a deadline moved by an extension is warned relative to the new deadline', () => {
    const s = sh('2026-03-02T10:00:00');
    expect(warn(s, sh('2026-03-20T15:00:00'), wd(1))).toEqual(sh('2026-03-19T15:00:00'));
    expect(warn(s, sh('2026-03-21T00:00:00'), wd(1))).toEqual(sh('2026-03-20T00:00:00'));
  });

  test('a zero warning period warns never', () => {
    const s = sh('2026-03-02T10:00:00');
    expect(warn(s, add(s, wd(5)), wd(0))).toBeNull();
  });
});

describe('deadlines of an assignment and of a follow-up', () => {
  const monday = sh('2026-03-02T10:00:00');

  test('EMERGENCY: 30 minutes to sign, 24 hours to reply, warned 10 minutes before each', () => {
    expect(assignmentDeadlines(monday, policy(T.HELP, U.EMERGENCY), official, TZ)).toEqual({
      acceptDueAt: sh('2026-03-02T10:30:00'), acceptWarnAt: sh('2026-03-02T10:20:00'),
      dueAt: sh('2026-03-03T10:00:00'), replyWarnAt: sh('2026-03-03T09:50:00'),
    });
  });

  test('URGENT: 2 hours to sign, 2 working days to reply, warned 1 hour before each', () => {
    const friday = sh('2026-03-06T16:00:00');
    expect(assignmentDeadlines(friday, policy(T.COMPLAINT, U.URGENT), official, TZ)).toEqual({
      acceptDueAt: sh('2026-03-06T18:00:00'), acceptWarnAt: sh('2026-03-06T17:00:00'),
      dueAt: sh('2026-03-11T00:00:00'), replyWarnAt: sh('2026-03-10T23:00:00'),
    });
  });

  test('NORMAL CONSULTATION: 1 + 2 working days, warned 4 hours before', () => {
    expect(assignmentDeadlines(monday, policy(T.CONSULTATION, U.NORMAL), official, TZ)).toEqual({
      acceptDueAt: sh('2026-03-04T00:00:00'), acceptWarnAt: sh('2026-03-03T20:00:00'),
      dueAt: sh('2026-03-05T00:00:00'), replyWarnAt: sh('2026-03-04T20:00:00'),
    });
  });

  test('NORMAL COMPLAINT: no sign-for warning, the reply warned at the end of the 14th working day', () => {
    expect(assignmentDeadlines(monday, policy(T.COMPLAINT, U.NORMAL), official, TZ)).toEqual({
      acceptDueAt: sh('2026-03-04T00:00:00'), acceptWarnAt: null,
      dueAt: sh('2026-03-24T00:00:00'), replyWarnAt: sh('2026-03-21T00:00:00'),
    });
  });

  test('NORMAL HELP dispatched before the Spring Festival', () => {
    // Thursday 12 Feb + 10: 13, 14, 24, 25, 26, 27, 28, 2, 3, 4 March.
    expect(assignmentDeadlines(sh('2026-02-12T10:00:00'), policy(T.HELP, U.NORMAL), official, TZ)).toEqual({
      acceptDueAt: sh('2026-02-14T00:00:00'), acceptWarnAt: null,
      dueAt: sh('2026-03-05T00:00:00'), replyWarnAt: sh('2026-03-04T00:00:00'),
    });
  });

  test('the follow-up of a NORMAL request: 36 hours, warned a working day before', () => {
    expect(followUpDeadline(monday, policy(T.COMPLAINT, U.NORMAL), official, TZ)).toEqual({
      followUpDueAt: sh('2026-03-03T22:00:00'), followUpWarnAt: sh('2026-03-02T22:00:00'),
    });
  });

  test('the follow-up of a NORMAL CONSULTATION: warned 4 hours before', () => {
    expect(followUpDeadline(monday, policy(T.CONSULTATION, U.NORMAL), official, TZ)).toEqual({
      followUpDueAt: sh('2026-03-03T22:00:00'), followUpWarnAt: sh('2026-03-03T18:00:00'),
    });
  });

  test('the follow-up of an URGENT or EMERGENCY request: 24 hours', () => {
    expect(followUpDeadline(monday, policy(T.HELP, U.URGENT), official, TZ)).toEqual({
      followUpDueAt: sh('2026-03-03T10:00:00'), followUpWarnAt: sh('2026-03-03T09:00:00'),
    });
    expect(followUpDeadline(monday, policy(T.HELP, U.EMERGENCY), official, TZ)).toEqual({
      followUpDueAt: sh('2026-03-03T10:00:00'), followUpWarnAt: sh('2026-03-03T09:50:00'),
    });
  });
});

describe('default SLA policies (DESIGN.md §5)', () => {
  const row = (requestType: T, urgency: U, accept: SlaDuration, reply: SlaDuration, followUp: SlaDuration, warnBefore: SlaDuration): SlaPolicyRule =>
    ({ requestType, urgency, accept, reply, followUp, warnBefore });
  // The table, all 18 rows written out.
  const TABLE: SlaPolicyRule[] = [
    ...Object.values(T).map((t) => row(t, U.EMERGENCY, min(30), h(24), h(24), min(10))),
    ...Object.values(T).map((t) => row(t, U.URGENT, h(2), wd(2), h(24), h(1))),
    row(T.CONSULTATION, U.NORMAL, wd(1), wd(2), h(36), h(4)),
    row(T.HELP, U.NORMAL, wd(1), wd(10), h(36), wd(1)),
    row(T.SUGGESTION, U.NORMAL, wd(1), wd(10), h(36), wd(1)),
    row(T.COMPLAINT, U.NORMAL, wd(1), wd(15), h(36), wd(1)),
    row(T.REPORT, U.NORMAL, wd(1), wd(15), h(36), wd(1)),
    row(T.PRAISE, U.NORMAL, wd(1), wd(5), h(36), wd(1)),
  ];

  test('one policy per (request type, urgency): 6 × 3 = 18', () => {
    const policies = defaultSlaPolicies();
    expect(policies).toHaveLength(18);
    expect(new Set(policies.map((p) => `${p.requestType}/${p.urgency}`)).size).toBe(18);
  });

  test.each(TABLE.map((r) => [r.requestType, r.urgency, r] as const))('%s / %s', (type, urgency, expected) => {
    expect(policy(type, urgency)).toEqual(expected);
  });

  test('every default passes validation', () => {
    for (const p of defaultSlaPolicies()) {
      for (const d of [p.accept, p.reply, p.followUp, p.warnBefore]) expect(validateSlaDuration(d)).toEqual(d);
    }
  });

  test('each call gives fresh objects', () => {
    const first = defaultSlaPolicies();
    first[0].reply.amount = 999;
    first.find((p) => p.urgency === U.NORMAL)!.reply.amount = 999;
    expect(defaultSlaPolicies()).toEqual(expect.arrayContaining(TABLE));
  });
});

describe('validateSlaDuration', () => {
  test.each([wd(1), h(24), min(10_000)])('%j is valid', (d) => {
    expect(validateSlaDuration(d)).toEqual(d);
    expect(validateSlaDuration('reply', d)).toEqual(d);
  });

  test.each([
    ['zero', { amount: 0, unit: SlaUnit.HOURS }],
    ['negative', { amount: -1, unit: SlaUnit.HOURS }],
    ['fractional', { amount: 1.5, unit: SlaUnit.HOURS }],
    ['too large', { amount: 10_001, unit: SlaUnit.MINUTES }],
    ['NaN', { amount: Number.NaN, unit: SlaUnit.HOURS }],
    ['infinite', { amount: Number.POSITIVE_INFINITY, unit: SlaUnit.HOURS }],
    ['a string', { amount: '3' as unknown as number, unit: SlaUnit.HOURS }],
    ['an unknown unit', { amount: 3, unit: 'DAYS' as SlaUnit }],
  ])('%s is BAD_USER_INPUT', (_what, d) => {
    expect(() => validateSlaDuration(d)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });

  test('the message names the field and the range', () => {
    expect(() => validateSlaDuration('reply', h(0))).toThrow('reply: amount must be a whole number from 1 to 10000');
    expect(() => validateSlaDuration(h(0))).toThrow('duration: amount must be a whole number from 1 to 10000');
    expect(() => validateSlaDuration('warnBefore', null as unknown as SlaDuration)).toThrow('warnBefore is required');
  });

  test('extra properties are dropped', () => {
    expect(validateSlaDuration({ ...h(2), extra: true } as SlaDuration)).toEqual(h(2));
  });
});
