import { DateTime } from 'luxon';
import { CalendarDay } from '../entities';
import { badInput } from '../domain/errors';
import { CalendarEntry, officialDay } from '../domain/working-calendar';
import { CalendarCache } from './calendar-cache';
import { ServiceContext } from './service-context';

const MAX_RANGE_DAYS = 366;
const MAX_DAYS_PER_CALL = 1000;
const NOTE_MAX = 100;

function parseDate(field: string, value: string): DateTime {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value ?? '') ? DateTime.fromISO(value, { zone: 'UTC' }) : null;
  if (!d || !d.isValid) throw badInput(`${field} must be a date YYYY-MM-DD`, { field });
  return d;
}

/** Every day in [from, to]: the table's override where there is one, else the official schedule. */
export async function listCalendar(ctx: ServiceContext, from: string, to: string): Promise<CalendarEntry[]> {
  const start = parseDate('from', from);
  const end = parseDate('to', to);
  const days = end.diff(start, 'days').days;
  if (days < 0) throw badInput('from must not be after to');
  if (days >= MAX_RANGE_DAYS) throw badInput(`at most ${MAX_RANGE_DAYS} days at a time`);
  const overrides = await ctx.em
    .getRepository(CalendarDay)
    .createQueryBuilder('c')
    .where('c.date BETWEEN :from AND :to', { from, to })
    .getMany();
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const out: CalendarEntry[] = [];
  for (let d = start; d <= end; d = d.plus({ days: 1 })) {
    const date = d.toISODate()!;
    const override = byDate.get(date);
    out.push(override ? { date, workday: override.workday, note: override.note ?? officialDay(date).note } : officialDay(date));
  }
  return out;
}

/** Overrides for years the package does not know, or local decisions; deadlines dispatched afterwards follow them. */
export async function setCalendarDays(ctx: ServiceContext, cache: CalendarCache, days: CalendarEntry[]): Promise<CalendarEntry[]> {
  if (!days?.length) throw badInput('give at least one day');
  if (days.length > MAX_DAYS_PER_CALL) throw badInput(`at most ${MAX_DAYS_PER_CALL} days per call`);
  const rows = days.map((d) => {
    parseDate('date', d.date);
    const note = d.note?.trim() || null;
    if (note && note.length > NOTE_MAX) throw badInput(`note is longer than ${NOTE_MAX} characters`, { field: 'note' });
    if (typeof d.workday !== 'boolean') throw badInput('workday must be true or false', { field: 'workday' });
    return { date: d.date, workday: d.workday, note };
  });
  if (new Set(rows.map((r) => r.date)).size !== rows.length) throw badInput('a date is listed twice');
  await ctx.em.getRepository(CalendarDay).upsert(rows, ['date']);
  cache.invalidate();
  return rows;
}
