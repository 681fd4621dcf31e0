import { DateTime } from 'luxon';
import { WorkdayCalendar } from '../domain/working-calendar';
import { Step, WorkingHours } from './demo-scenarios';
import { between, intBetween, Random } from './random';

// When the demo staff do things: after a delay, or relative to the deadline that matters now, and only
// while they work (departments on working days in office hours, the center from early to late every day).

const WINDOWS: Record<Exclude<WorkingHours, 'any'>, { open: number; close: number; workdaysOnly: boolean }> = {
  office: { open: 8.5, close: 17.5, workdaysOnly: true },
  center: { open: 7, close: 23, workdaysOnly: false },
};

const HOUR = 3_600_000;

/** The first moment at or after `at` inside the working hours; a morning start gets a little spread. */
export function withinWorkingHours(at: Date, hours: WorkingHours, random: Random, calendar: WorkdayCalendar, timeZone: string): Date {
  if (hours === 'any') return at;
  const { open, close, workdaysOnly } = WINDOWS[hours];
  let t = DateTime.fromJSDate(at, { zone: timeZone });
  for (let day = 0; day < 40; day++) {
    const opens = t.startOf('day').plus({ minutes: open * 60 });
    const closes = t.startOf('day').plus({ minutes: close * 60 });
    if ((!workdaysOnly || calendar.isWorkday(t.toISODate()!)) && t < closes) {
      return (t < opens ? opens.plus({ minutes: intBetween(random, 0, 90) }) : t).toJSDate();
    }
    t = t.plus({ days: 1 }).startOf('day');
  }
  return at;
}

/** When `step` happens, given when the previous one did and the request's current deadline. */
export function stepTime(
  step: Step, previous: Date, deadline: Date | null, random: Random, calendar: WorkdayCalendar, timeZone: string,
): Date {
  const hours = (range: [number, number]) => between(random, range[0], range[1]) * HOUR;
  const timing = step.timing;
  let at: number;
  if ('after' in timing) {
    at = previous.getTime() + hours(timing.after);
  } else if ('afterDeadline' in timing) {
    at = Math.max(previous.getTime(), deadline?.getTime() ?? previous.getTime()) + hours(timing.afterDeadline);
  } else {
    const target = deadline ? deadline.getTime() - hours(timing.beforeDeadline) : previous.getTime() + HOUR;
    at = Math.max(previous.getTime() + HOUR / 2, target);
  }
  return withinWorkingHours(new Date(at), step.hours, random, calendar, timeZone);
}
