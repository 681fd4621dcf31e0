import { RequestType, SlaUnit, Urgency } from '../../src/domain/enums';
import {
  addSlaDuration, assignmentDeadlines, defaultSlaPolicies, followUpDeadline, subtractSlaDuration, validateSlaDuration, warningTime,
} from '../../src/domain/sla';
import { calendarFromOverrides, chineseDaysCalendarEntries, officialDay } from '../../src/domain/working-calendar';

const TZ = 'Asia/Shanghai';
const official = calendarFromOverrides(new Map());
const wd = (amount: number) => ({ amount, unit: SlaUnit.WORKING_DAYS });
/** A wall-clock time in Shanghai (UTC+8, no DST). */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('WORKING_DAYS deadlines', () => {
  test('a Monday start with 1 working day ends at the end of Tuesday', () => {
    expect(addSlaDuration(sh('2026-03-02T10:00:00'), wd(1), official, TZ)).toEqual(sh('2026-03-04T00:00:00'));
  });

  test('weekends are skipped: Friday + 1 working day ends Monday 24:00', () => {
    expect(addSlaDuration(sh('2026-03-06T15:30:00'), wd(1), official, TZ)).toEqual(sh('2026-03-10T00:00:00'));
  });

  test('a start on a Saturday counts from the next working day', () => {
    expect(addSlaDuration(sh('2026-03-07T09:00:00'), wd(2), official, TZ)).toEqual(sh('2026-03-11T00:00:00'));
  });

  test('the Spring Festival holiday (2026-02-15 … 02-23) is skipped', () => {
    // Thursday 12 Feb + 2 working days: 13 Feb (Fri), 14 Feb (Saturday, an adjusted working day).
    expect(addSlaDuration(sh('2026-02-12T10:00:00'), wd(2), official, TZ)).toEqual(sh('2026-02-15T00:00:00'));
    // 14 Feb + 1 working day: the holiday runs to 23 Feb, the next working day is 24 Feb.
    expect(addSlaDuration(sh('2026-02-14T10:00:00'), wd(1), official, TZ)).toEqual(sh('2026-02-25T00:00:00'));
  });

  test('an adjusted working Saturday (调休) counts as a working day', () => {
    expect(officialDay('2026-02-14')).toMatchObject({ workday: true });
    expect(officialDay('2026-02-28')).toMatchObject({ workday: true });
    // Friday 27 Feb + 1 working day = Saturday 28 Feb (调休), ending at its midnight.
    expect(addSlaDuration(sh('2026-02-27T10:00:00'), wd(1), official, TZ)).toEqual(sh('2026-03-01T00:00:00'));
  });

  test('across the year boundary the New Year holiday is skipped', () => {
    // Wed 31 Dec 2025 + 2 working days: 1–3 Jan 2026 are holidays, Sunday 4 Jan is an adjusted working day.
    expect(officialDay('2026-01-01').workday).toBe(false);
    const due = addSlaDuration(sh('2025-12-31T16:00:00'), wd(2), official, TZ);
    const expected = official.isWorkday('2026-01-04') ? sh('2026-01-06T00:00:00') : sh('2026-01-07T00:00:00');
    expect(due).toEqual(expected);
  });

  test('an override in the calendar table wins over the official schedule', () => {
    const offOnTuesday = calendarFromOverrides(new Map([['2026-03-03', false]]));
    expect(addSlaDuration(sh('2026-03-02T10:00:00'), wd(1), offOnTuesday, TZ)).toEqual(sh('2026-03-05T00:00:00'));
  });

  test('years the package does not know fall back to Monday–Friday', () => {
    expect(officialDay('2031-03-08')).toMatchObject({ workday: false }); // a Saturday
    expect(officialDay('2031-03-10')).toMatchObject({ workday: true });
  });

  test('working days are counted in the hotline time zone, not UTC', () => {
    // 2026-03-02 23:30 in Shanghai is still Monday there (15:30 UTC), so Tuesday is the first working day.
    expect(addSlaDuration(new Date('2026-03-02T15:30:00Z'), wd(1), official, TZ)).toEqual(sh('2026-03-04T00:00:00'));
  });
});

describe('wall-clock durations', () => {
  test('HOURS cross midnight regardless of working days', () => {
    expect(addSlaDuration(sh('2026-03-06T22:00:00'), { amount: 24, unit: SlaUnit.HOURS }, official, TZ)).toEqual(sh('2026-03-07T22:00:00'));
  });
  test('MINUTES', () => {
    expect(addSlaDuration(sh('2026-03-06T23:50:00'), { amount: 30, unit: SlaUnit.MINUTES }, official, TZ)).toEqual(sh('2026-03-07T00:20:00'));
  });
});

describe('warnings', () => {
  test('1 working day before an end-of-day deadline is the end of the previous working day', () => {
    expect(subtractSlaDuration(sh('2026-03-10T00:00:00'), wd(1), official, TZ)).toEqual(sh('2026-03-07T00:00:00'));
  });

  test('a 1-working-day window with a 1-working-day warning gets no warning', () => {
    const start = sh('2026-03-02T10:00:00');
    const due = addSlaDuration(start, wd(1), official, TZ);
    expect(warningTime(start, due, wd(1), official, TZ, wd(1))).toBeNull();
    expect(assignmentDeadlines(start, defaultSlaPolicies().find((p) => p.requestType === RequestType.HELP && p.urgency === Urgency.NORMAL)!, official, TZ).acceptWarnAt).toBeNull();
  });

  test('a 15-working-day reply gets its warning at the end of its 14th working day', () => {
    const start = sh('2026-03-02T10:00:00');
    const due = addSlaDuration(start, wd(15), official, TZ);
    expect(due).toEqual(sh('2026-03-24T00:00:00'));
    expect(warningTime(start, due, wd(1), official, TZ, wd(15))).toEqual(sh('2026-03-21T00:00:00'));
    expect(warningTime(start, due, wd(1), official, TZ)).toEqual(sh('2026-03-21T00:00:00'));
  });

  test('a warning in hours before a working-day deadline is wall-clock', () => {
    const start = sh('2026-03-02T10:00:00');
    const due = addSlaDuration(start, wd(1), official, TZ);
    expect(warningTime(start, due, { amount: 4, unit: SlaUnit.HOURS }, official, TZ, wd(1))).toEqual(sh('2026-03-03T20:00:00'));
  });

  test('emergency deadlines warn 10 minutes before', () => {
    const policy = defaultSlaPolicies().find((p) => p.urgency === Urgency.EMERGENCY && p.requestType === RequestType.HELP)!;
    const start = sh('2026-03-02T10:00:00');
    const d = assignmentDeadlines(start, policy, official, TZ);
    expect(d.acceptDueAt).toEqual(sh('2026-03-02T10:30:00'));
    expect(d.acceptWarnAt).toEqual(sh('2026-03-02T10:20:00'));
    expect(d.dueAt).toEqual(sh('2026-03-03T10:00:00'));
    expect(d.replyWarnAt).toEqual(sh('2026-03-03T09:50:00'));
  });

  test('the follow-up of a NORMAL request is due 36 hours after it starts', () => {
    const policy = defaultSlaPolicies().find((p) => p.urgency === Urgency.NORMAL && p.requestType === RequestType.COMPLAINT)!;
    const f = followUpDeadline(sh('2026-03-02T10:00:00'), policy, official, TZ);
    expect(f.followUpDueAt).toEqual(sh('2026-03-03T22:00:00'));
  });
});

describe('default SLA policies', () => {
  const policies = defaultSlaPolicies();
  const find = (t: RequestType, u: Urgency) => policies.find((p) => p.requestType === t && p.urgency === u)!;

  test('one policy per (request type, urgency)', () => {
    expect(policies).toHaveLength(18);
    expect(new Set(policies.map((p) => `${p.requestType}/${p.urgency}`)).size).toBe(18);
  });

  test.each([
    [RequestType.CONSULTATION, 2, { amount: 4, unit: SlaUnit.HOURS }],
    [RequestType.HELP, 10, wd(1)],
    [RequestType.SUGGESTION, 10, wd(1)],
    [RequestType.COMPLAINT, 15, wd(1)],
    [RequestType.REPORT, 15, wd(1)],
    [RequestType.PRAISE, 5, wd(1)],
  ])('NORMAL %s: 1 working day to sign for, %i to reply, 36 h follow-up', (type, replyDays, warn) => {
    expect(find(type, Urgency.NORMAL)).toEqual({
      requestType: type, urgency: Urgency.NORMAL, accept: wd(1), reply: wd(replyDays),
      followUp: { amount: 36, unit: SlaUnit.HOURS }, warnBefore: warn,
    });
  });

  test.each(Object.values(RequestType))('URGENT and EMERGENCY %s follow the table', (type) => {
    expect(find(type, Urgency.URGENT)).toMatchObject({ accept: { amount: 2, unit: SlaUnit.HOURS }, reply: wd(2), followUp: { amount: 24, unit: SlaUnit.HOURS }, warnBefore: { amount: 1, unit: SlaUnit.HOURS } });
    expect(find(type, Urgency.EMERGENCY)).toMatchObject({ accept: { amount: 30, unit: SlaUnit.MINUTES }, reply: { amount: 24, unit: SlaUnit.HOURS }, warnBefore: { amount: 10, unit: SlaUnit.MINUTES } });
  });

  test('durations are validated', () => {
    expect(() => validateSlaDuration('reply', { amount: 0, unit: SlaUnit.HOURS })).toThrow(/reply/);
    expect(() => validateSlaDuration('reply', { amount: 1.5, unit: SlaUnit.HOURS })).toThrow();
    expect(validateSlaDuration('reply', { amount: 3, unit: SlaUnit.WORKING_DAYS })).toEqual(wd(3));
  });
});

describe('calendar seed entries', () => {
  test('holidays and adjusted working days with their names', () => {
    const entries = chineseDaysCalendarEntries(2026, 2026);
    expect(entries).toContainEqual({ date: '2026-02-17', workday: false, note: '春节' });
    expect(entries.find((e) => e.date === '2026-02-14')).toMatchObject({ workday: true });
    expect(entries.every((e) => e.date.startsWith('2026-'))).toBe(true);
  });
});
