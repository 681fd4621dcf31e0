import { isWorkday as packageIsWorkday } from 'chinese-days';
import { ErrorCode } from '../../src/domain/errors';
import {
  calendarFromOverrides, chineseDaysCalendarEntries, FIRST_KNOWN_YEAR, LAST_KNOWN_YEAR, officialDay,
} from '../../src/domain/working-calendar';

const official = calendarFromOverrides(new Map());

function* daysOf(fromYear: number, toYear: number): Generator<string> {
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear + 1, 0, 1); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

describe('the official schedule (chinese-days)', () => {
  test('the package knows 2004 up to at least 2026', () => {
    expect(FIRST_KNOWN_YEAR).toBe(2004);
    expect(LAST_KNOWN_YEAR).toBeGreaterThanOrEqual(2026);
  });

  test('2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']) {
      expect(officialDay(d)).toEqual({ date: d, workday: false, note: '春节' });
    }
    expect(officialDay('2026-02-14')).toEqual({ date: '2026-02-14', workday: true, note: '春节调休上班' });
    expect(officialDay('2026-02-28')).toEqual({ date: '2026-02-28', workday: true, note: '春节调休上班' });
    expect(officialDay('2026-02-13').workday).toBe(true);
    expect(officialDay('2026-02-24').workday).toBe(true);
  });

  test('New Year 2026: 1–3 January off, Sunday 4 January worked', () => {
    expect(officialDay('2026-01-01')).toEqual({ date: '2026-01-01', workday: false, note: '元旦' });
    expect(officialDay('2026-01-02').workday).toBe(false);
    expect(officialDay('2026-01-03').workday).toBe(false);
    expect(officialDay('2026-01-04')).toEqual({ date: '2026-01-04', workday: true, note: '元旦调休上班' });
  });

  test('plain days: Monday–Friday worked, weekends off, no note', () => {
    expect(officialDay('2026-03-06')).toEqual({ date: '2026-03-06', workday: true, note: null }); // Friday
    expect(officialDay('2026-03-07')).toEqual({ date: '2026-03-07', workday: false, note: null }); // Saturday
    expect(officialDay('2026-03-08')).toEqual({ date: '2026-03-08', workday: false, note: null }); // Sunday
  });

  test('years the package does not know fall back to Monday–Friday', () => {
    expect(officialDay('2031-03-08').workday).toBe(false); // Saturday
    expect(officialDay('2031-03-09').workday).toBe(false); // Sunday
    expect(officialDay('2031-03-10').workday).toBe(true); // Monday
    expect(officialDay('2031-10-01').workday).toBe(true); // National Day, but nobody has published 2031 yet
    expect(officialDay('2003-10-01').workday).toBe(true); // before the package's first year: Wednesday
  });

  test('malformed dates are refused, not guessed', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '20260203', 'constructor', '']) {
      expect(() => officialDay(bad)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    }
  });

  // The package builds its own lookup tables at load time with local-time Date getters, so west of UTC its
  // functions are a day off (a reason we read its pre-built JSON instead). Compare only where it is right.
  const packageIsReliableHere = new Date(2026, 0, 1).getTimezoneOffset() <= 0;
  (packageIsReliableHere ? test : test.skip)('agrees with the package for every day it knows', () => {
    const disagreements: string[] = [];
    for (const date of daysOf(FIRST_KNOWN_YEAR, LAST_KNOWN_YEAR)) {
      const [y, m, d] = date.split('-').map(Number);
      if (packageIsWorkday(new Date(y, m - 1, d)) !== official.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('independent of the process time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  test.each(['America/New_York', 'Pacific/Kiritimati', 'UTC'])('loaded under TZ=%s', (tz) => {
    process.env.TZ = tz;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const wc = require('../../src/domain/working-calendar') as typeof import('../../src/domain/working-calendar');
      const cal = wc.calendarFromOverrides(new Map());
      expect(cal.isWorkday('2026-02-14')).toBe(true); // 调休 Saturday
      expect(cal.isWorkday('2026-02-15')).toBe(false); // Spring Festival
      expect(cal.isWorkday('2030-03-09')).toBe(false); // a Saturday in a year the package does not know
      expect(cal.isWorkday('2026-03-02')).toBe(true);
    });
  });
});

describe('calendar overrides', () => {
  test('an override wins either way; other days follow the official schedule', () => {
    const cal = calendarFromOverrides(new Map([['2026-03-03', false], ['2026-03-07', true], ['2026-02-17', true]]));
    expect(cal.isWorkday('2026-03-03')).toBe(false); // a Tuesday taken off
    expect(cal.isWorkday('2026-03-07')).toBe(true); // a Saturday worked
    expect(cal.isWorkday('2026-02-17')).toBe(true); // a Spring Festival day worked
    expect(cal.isWorkday('2026-03-04')).toBe(true);
    expect(cal.isWorkday('2026-02-18')).toBe(false);
  });

  test('overrides fill in the years the package does not know', () => {
    const cal = calendarFromOverrides(new Map([['2031-10-01', false], ['2031-09-28', true]]));
    expect(cal.isWorkday('2031-10-01')).toBe(false);
    expect(cal.isWorkday('2031-09-28')).toBe(true); // a Sunday
    expect(cal.isWorkday('2031-10-02')).toBe(true);
  });
});

describe('seed entries', () => {
  const entries2026 = chineseDaysCalendarEntries(2026, 2026);

  test('2026: 33 days off and 6 adjusted working days, sorted, with names', () => {
    expect(entries2026.filter((e) => !e.workday)).toHaveLength(33);
    expect(entries2026.filter((e) => e.workday).map((e) => e.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
    expect(entries2026.map((e) => e.date)).toEqual([...entries2026.map((e) => e.date)].sort());
    expect(entries2026.every((e) => e.note !== null && e.date.startsWith('2026-'))).toBe(true);
  });

  test('the names of the holidays', () => {
    const note = (date: string) => entries2026.find((e) => e.date === date)?.note;
    expect(note('2026-01-01')).toBe('元旦');
    expect(note('2026-02-17')).toBe('春节');
    expect(note('2026-04-05')).toBe('清明');
    expect(note('2026-05-01')).toBe('劳动节');
    expect(note('2026-06-19')).toBe('端午');
    expect(note('2026-09-25')).toBe('中秋');
    expect(note('2026-10-01')).toBe('国庆节');
    expect(note('2026-09-20')).toBe('国庆节调休上班');
  });

  test('no plain weekday or weekend is listed', () => {
    expect(entries2026.find((e) => e.date === '2026-03-06' || e.date === '2026-03-07')).toBeUndefined();
  });

  test('every entry is what the calendar says of that day', () => {
    for (const e of chineseDaysCalendarEntries(FIRST_KNOWN_YEAR, LAST_KNOWN_YEAR)) expect(official.isWorkday(e.date)).toBe(e.workday);
  });

  test('several years at once; unknown or reversed ranges give nothing', () => {
    const both = chineseDaysCalendarEntries(2025, 2026);
    expect(both.length).toBe(chineseDaysCalendarEntries(2025, 2025).length + entries2026.length);
    expect(both[0].date.startsWith('2025-')).toBe(true);
    expect(chineseDaysCalendarEntries(2031, 2035)).toEqual([]);
    expect(chineseDaysCalendarEntries(2026, 2025)).toEqual([]);
  });
});
