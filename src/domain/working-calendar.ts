import chineseDays from 'chinese-days/dist/chinese-days.json';
import { DateTime } from 'luxon';

/** Which days are working days. Dates are "YYYY-MM-DD" in the hotline's time zone. */
export interface WorkdayCalendar {
  isWorkday(date: string): boolean;
}

export interface CalendarEntry {
  date: string;
  workday: boolean;
  note: string | null;
}

const holidays = (chineseDays as { holidays: Record<string, string> }).holidays;
const adjustedWorkdays = (chineseDays as { workdays: Record<string, string> }).workdays;

/** The last year whose official schedule `chinese-days` knows; later years need `setCalendarDays`. */
export const LAST_KNOWN_YEAR = Math.max(...Object.keys(holidays).map((d) => Number(d.slice(0, 4))));

const isWeekend = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).weekday >= 6;

/** "Spring Festival,春节,4" → "春节". */
function holidayName(raw: string | undefined): string | null {
  if (!raw) return null;
  const parts = raw.split(',');
  return parts[1] ?? parts[0] ?? null;
}

/** What the official schedule says of a day, or plain Monday–Friday for years it does not know. */
export function officialDay(date: string): CalendarEntry {
  if (date in holidays) return { date, workday: false, note: holidayName(holidays[date]) };
  if (date in adjustedWorkdays) return { date, workday: true, note: `${holidayName(adjustedWorkdays[date])}调休上班` };
  return { date, workday: !isWeekend(date), note: null };
}

/** Overrides (the calendar_day table) win; otherwise the official schedule; otherwise Monday–Friday. */
export function calendarFromOverrides(overrides: Map<string, boolean>): WorkdayCalendar {
  return {
    isWorkday: (date) => overrides.get(date) ?? officialDay(date).workday,
  };
}

/** Every holiday and adjusted working day (调休) the package knows in [fromYear, toYear], to seed the table. */
export function chineseDaysCalendarEntries(fromYear: number, toYear: number): CalendarEntry[] {
  const inRange = (d: string) => Number(d.slice(0, 4)) >= fromYear && Number(d.slice(0, 4)) <= toYear;
  const dates = [...Object.keys(holidays), ...Object.keys(adjustedWorkdays)].filter(inRange);
  return [...new Set(dates)]
    .sort()
    .map(officialDay)
    // A holiday that falls on a weekend changes nothing, but keeping it gives the day its name.
    .filter((e) => e.note !== null);
}
