import { EntityManager } from 'typeorm';
import { CalendarDay } from '../entities';
import { calendarFromOverrides, WorkdayCalendar } from '../domain/working-calendar';

const TTL_MS = 60_000;

/**
 * The working-day calendar is read on every dispatch; it changes a few times a year. Keep it in memory,
 * reload after a minute (other replicas' edits) or at once after this process's own edit.
 */
export class CalendarCache {
  private cached: { calendar: WorkdayCalendar; loadedAt: number } | null = null;

  async get(em: EntityManager): Promise<WorkdayCalendar> {
    if (this.cached && Date.now() - this.cached.loadedAt < TTL_MS) return this.cached.calendar;
    const rows = await em.getRepository(CalendarDay).find();
    const calendar = calendarFromOverrides(new Map(rows.map((r) => [r.date, r.workday])));
    this.cached = { calendar, loadedAt: Date.now() };
    return calendar;
  }

  invalidate(): void {
    this.cached = null;
  }
}
