import chineseDays from 'chinese-days/dist/chinese-days.json';
import { badInput } from './errors';

// Which days are working days (DESIGN.md §5): weekends and official holidays off, adjusted working days
// (调休) on. The official schedule comes from `chinese-days`; the calendar_day table overrides it.
//
// Why the package's data and not its `isWorkday()`: that function parses "YYYY-MM-DD" as UTC midnight and
// then reads the weekday and date with the *process* time zone's getters, so on a server running in, say,
// America/New_York it answers for the previous day (2030-03-09, a Saturday, comes back as a working day).
// Looking the date string up in the same data the function uses is exact everywhere; a unit test checks
// that both agree for every day the package knows.

/** Which days are working days. Dates are "YYYY-MM-DD" local dates in the hotline's time zone. */
export interface WorkdayCalendar {
  isWorkday(date: string): boolean;
}

export interface CalendarEntry {
  date: string;
  workday: boolean;
  note: string | null;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const { holidays, workdays: adjustedWorkdays } = chineseDays as ChineseDaysData;

const yearOf = (date: string) => Number(date.slice(0, 4));
const knownYears = Object.keys(holidays).map(yearOf);

/** The first and last years whose official schedule `chinese-days` knows; other years need `setCalendarDays`. */
export const FIRST_KNOWN_YEAR = Math.min(...knownYears);
export const LAST_KNOWN_YEAR = Math.max(...knownYears);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 0 (Sunday) … 6 (Saturday) of a calendar date; throws on anything but a real "YYYY-MM-DD". */
function dayOfWeek(date: string): number {
  // A calendar date has no zone; reading it as UTC keeps the process time zone out of it. Plain Date rather
  // than luxon because deadline arithmetic asks this for every day it walks over.
  const d = ISO_DATE.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw badInput(`not a date YYYY-MM-DD: "${String(date).slice(0, 20)}"`);
  }
  return d.getUTCDay();
}

/** The package stores "Spring Festival,春节,4" (English, Chinese, days off); we keep the Chinese name. */
function holidayName(raw: string | undefined): string | null {
  if (!raw) return null;
  const parts = raw.split(',');
  return (parts[1] ?? parts[0])?.trim() || null;
}

/** What the official schedule says of a day, or plain Monday–Friday for years it does not know. */
export function officialDay(date: string): CalendarEntry {
  const weekday = dayOfWeek(date); // also refuses malformed dates
  // Adjusted working days first, as the package itself decides; the note says why a weekend day is worked.
  if (Object.hasOwn(adjustedWorkdays, date)) return { date, workday: true, note: `${holidayName(adjustedWorkdays[date]) ?? ''}调休上班` };
  if (Object.hasOwn(holidays, date)) return { date, workday: false, note: holidayName(holidays[date]) };
  return { date, workday: weekday !== 0 && weekday !== 6, note: null };
}

/** Overrides (the calendar_day table) win; otherwise the official schedule; otherwise Monday–Friday. */
export function calendarFromOverrides(overrides: Map<string, boolean>): WorkdayCalendar {
  return {
    isWorkday: (date) => overrides.get(date) ?? officialDay(date).workday,
  };
}

/**
 * Every holiday and adjusted working day (调休) the package knows in [fromYear, toYear], sorted by date, to
 * seed the calendar table. Plain weekdays and weekends are left out: the fallback rule already knows them.
 * Holidays that fall on a weekend are kept; they change nothing but give the day its name.
 */
export function chineseDaysCalendarEntries(fromYear: number, toYear: number): CalendarEntry[] {
  const inRange = (d: string) => yearOf(d) >= fromYear && yearOf(d) <= toYear;
  const dates = [...Object.keys(holidays), ...Object.keys(adjustedWorkdays)].filter(inRange);
  return [...new Set(dates)].sort().map(officialDay);
}
