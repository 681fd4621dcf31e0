import { DateTime } from 'luxon';
import { KpiDimension, Satisfaction } from './enums';

// The 三率 and their counters (DESIGN.md §7). Pure: the rollup tables hold the counters, these turn them into
// the rows dashboards read.

export const KPI_COUNTERS = [
  'received', 'resolvedAtIntake', 'dispatched', 'acceptedOnTime', 'returned', 'replied', 'repliedOnTime',
  'overdueOpen', 'closed', 'followedUp', 'satisfied', 'dissatisfied', 'resolved', 'reopened',
] as const;

export type KpiCounter = (typeof KPI_COUNTERS)[number];
export type KpiCounters = Record<KpiCounter, number>;

export interface KpiRates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeReplyRate: number | null;
}

const ratio = (numerator: number, divisor: number): number | null => (divisor === 0 ? null : numerator / divisor);

/** The answers that count as satisfied in the 满意率 (the rollup SQL in services/analytics spells the same list). */
export const SATISFIED_LEVELS: readonly Satisfaction[] = [Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED];

/** Satisfied among reached follow-ups; null when nobody was reached. */
export const satisfactionRate = (satisfied: number, followedUp: number): number | null => ratio(satisfied, followedUp);

export function kpiRates(c: KpiCounters): KpiRates {
  return {
    responseRate: ratio(c.acceptedOnTime, c.dispatched),
    resolutionRate: ratio(c.resolved, c.followedUp),
    satisfactionRate: satisfactionRate(c.satisfied, c.followedUp),
    // Work left open past its deadline counts against the department instead of vanishing from the ratio.
    onTimeReplyRate: ratio(c.repliedOnTime, c.replied + c.overdueOpen),
  };
}

export const KPI_RATES = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeReplyRate'] as const satisfies readonly (keyof KpiRates)[];

/** One row of a kpis answer: the bucket's key (one value per dimension grouped by), its counters and rates. */
export type KpiRow = { key: string[] } & KpiCounters & KpiRates;

export type KpiCounterSeries = { [C in KpiCounter]: number[] };
export type KpiRateSeries = { [R in keyof KpiRates]: (number | null)[] };

/** A kpis answer column by column: element i of every list is row i. */
export type KpiSeries = { keys: string[][] } & KpiCounterSeries & KpiRateSeries;

/** The rates of every row of a series, from its counters, by the formulas of kpiRates. */
export function kpiSeriesRates(counters: KpiCounterSeries): KpiRateSeries {
  const rates: KpiRateSeries = { responseRate: [], resolutionRate: [], satisfactionRate: [], onTimeReplyRate: [] };
  for (let i = 0; i < counters.received.length; i++) {
    const row = kpiRates(countersAt(counters, i));
    for (const rate of KPI_RATES) rates[rate].push(row[rate]);
  }
  return rates;
}

function countersAt(c: KpiCounterSeries, i: number): KpiCounters {
  return {
    received: c.received[i], resolvedAtIntake: c.resolvedAtIntake[i], dispatched: c.dispatched[i], acceptedOnTime: c.acceptedOnTime[i],
    returned: c.returned[i], replied: c.replied[i], repliedOnTime: c.repliedOnTime[i], overdueOpen: c.overdueOpen[i], closed: c.closed[i],
    followedUp: c.followedUp[i], satisfied: c.satisfied[i], dissatisfied: c.dissatisfied[i], resolved: c.resolved[i], reopened: c.reopened[i],
  };
}

/**
 * The counters of a row given as values in KPI_COUNTERS order from `offset` on (after the row's key). Spelled out:
 * a literal of fixed shape is several times cheaper than one built key by key, and a kpis answer builds a thousand
 * of them (the type checks the list is whole).
 */
export function countersFrom(values: readonly unknown[], offset: number): KpiCounters {
  const n = (i: number) => Number(values[offset + i]);
  return {
    received: n(0), resolvedAtIntake: n(1), dispatched: n(2), acceptedOnTime: n(3), returned: n(4), replied: n(5), repliedOnTime: n(6),
    overdueOpen: n(7), closed: n(8), followedUp: n(9), satisfied: n(10), dissatisfied: n(11), resolved: n(12), reopened: n(13),
  };
}

export function emptyCounters(): KpiCounters {
  return Object.fromEntries(KPI_COUNTERS.map((k) => [k, 0])) as KpiCounters;
}

export const TIME_DIMENSIONS = [KpiDimension.DAY, KpiDimension.WEEK, KpiDimension.MONTH];

/** The bucket of a local day ("YYYY-MM-DD"): the day itself, the Monday of its ISO week, or the first of its month. */
export function timeBucket(day: string, dimension: KpiDimension): string {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  if (dimension === KpiDimension.WEEK) return d.startOf('week').toISODate()!;
  if (dimension === KpiDimension.MONTH) return d.startOf('month').toISODate()!;
  return day;
}

/** The local days a [from, to) window covers: from's day, up to the day before `to` when `to` is a local midnight. */
export function dayRange(from: Date, to: Date, timeZone: string): { firstDay: string; lastDay: string } | null {
  const start = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day');
  const endInstant = DateTime.fromJSDate(to, { zone: timeZone });
  const end = endInstant.equals(endInstant.startOf('day')) ? endInstant.minus({ days: 1 }) : endInstant.startOf('day');
  if (end < start) return null;
  return { firstDay: start.toISODate()!, lastDay: end.toISODate()! };
}

/** The local day of an instant. */
export function localDay(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}
