import { DateTime } from 'luxon';
import { SlaUnit } from '../domain/enums';
import { addSlaDuration, LISTED_AFTER_OVERDUE, SlaDuration, SlaPolicyRule, subtractSlaDuration, workingDaysBetween } from '../domain/sla';
import { WorkdayCalendar } from '../domain/working-calendar';

// The app's deadline arithmetic (src/domain/sla.ts) at loader speed. Working-day deadlines depend only on
// the local day a clock starts, so the domain functions are called once per (day, duration) and cached;
// wall-clock units are plain additions. Every answer is the domain's own, so generated deadlines are the
// ones the services would have written.

const HOUR_MS = 3_600_000;
/** Caches keyed by wall-clock deadlines (all different) would grow with the history: start afresh past this. */
const CACHE_MAX = 200_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

export class SlaClock {
  private readonly dayOfHour = new Map<number, string>();
  private readonly added = new Map<string, number>();
  private readonly subtracted = new Map<string, number>();
  private readonly between = new Map<string, number | null>();

  constructor(private readonly calendar: WorkdayCalendar, private readonly timeZone: string) {}

  /** The local date ("YYYY-MM-DD") of an instant; cached per UTC hour (every real zone's offset is whole quarter hours, and Asia/Shanghai whole hours). */
  localDay(at: number): string {
    const hour = Math.floor(at / HOUR_MS);
    let day = this.dayOfHour.get(hour);
    if (day === undefined) {
      day = DateTime.fromMillis(at, { zone: this.timeZone }).toISODate()!;
      // Only cache when the whole hour lies in one local day (zones with half-hour offsets split hours).
      const endDay = DateTime.fromMillis(hour * HOUR_MS + HOUR_MS - 1, { zone: this.timeZone }).toISODate()!;
      const startDay = DateTime.fromMillis(hour * HOUR_MS, { zone: this.timeZone }).toISODate()!;
      if (startDay === endDay) this.dayOfHour.set(hour, day);
    }
    return day;
  }

  isWorkday(at: number): boolean {
    return this.calendar.isWorkday(this.localDay(at));
  }

  add(start: number, d: SlaDuration): number {
    if (d.unit === SlaUnit.MINUTES) return start + d.amount * 60_000;
    if (d.unit === SlaUnit.HOURS) return start + d.amount * HOUR_MS;
    const key = `${this.localDay(start)}|${d.amount}`;
    let at = this.added.get(key);
    if (at === undefined) {
      at = remember(this.added, key, addSlaDuration(new Date(start), d, this.calendar, this.timeZone).getTime());
    }
    return at;
  }

  private subtract(deadline: number, d: SlaDuration): number {
    if (d.unit === SlaUnit.MINUTES) return deadline - d.amount * 60_000;
    if (d.unit === SlaUnit.HOURS) return deadline - d.amount * HOUR_MS;
    const key = `${deadline}|${d.amount}`;
    let at = this.subtracted.get(key);
    if (at === undefined) {
      at = remember(this.subtracted, key, subtractSlaDuration(new Date(deadline), d, this.calendar, this.timeZone).getTime());
    }
    return at;
  }

  /** warningTime() of src/domain/sla.ts, step for step. */
  warning(stepStart: number, deadline: number, warnBefore: SlaDuration): number | null {
    if (warnBefore.amount === 0) return null;
    const at = this.subtract(deadline, warnBefore);
    if (at <= stepStart) return null;
    if (warnBefore.unit === SlaUnit.WORKING_DAYS) {
      const key = `${this.localDay(stepStart)}|${deadline}`;
      let n = this.between.get(key);
      if (n === undefined) {
        n = remember(this.between, key, workingDaysBetween(new Date(stepStart), new Date(deadline), this.calendar, this.timeZone));
      }
      if (n !== null && n <= warnBefore.amount) return null;
    }
    return at;
  }

  assignmentDeadlines(dispatchedAt: number, policy: SlaPolicyRule) {
    const acceptDueAt = this.add(dispatchedAt, policy.accept);
    const dueAt = this.add(dispatchedAt, policy.reply);
    return {
      acceptDueAt, dueAt,
      acceptWarnAt: this.warning(dispatchedAt, acceptDueAt, policy.warnBefore),
      replyWarnAt: this.warning(dispatchedAt, dueAt, policy.warnBefore),
      replyEscalateAt: this.replyEscalation(dueAt),
    };
  }

  /** The automatic LISTED moment stored with a reply deadline (replyEscalationTime, as the app computes it). */
  replyEscalation(dueAt: number): number {
    return this.add(dueAt, LISTED_AFTER_OVERDUE);
  }

  followUpDeadline(start: number, policy: SlaPolicyRule) {
    const followUpDueAt = this.add(start, policy.followUp);
    return { followUpDueAt, followUpWarnAt: this.warning(start, followUpDueAt, policy.warnBefore) };
  }
}
