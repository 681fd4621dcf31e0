// Hotspot detection (DESIGN.md §7) compares the last 24 h with the 28 windows of 24 h before it. It reads
// whole UTC hours from the hourly intake counts (request_hour_count) and only the partial hours at the
// windows' edges from the requests themselves, so its cost does not grow with the day's volume.

export const HOUR_MS = 3_600_000;
export const WINDOW_MS = 24 * HOUR_MS;
export const BASELINE_WINDOWS = 28;

export interface CountRange {
  from: Date;
  to: Date;
  /** true: the last 24 h; false: the baseline before it. */
  inWindow: boolean;
}

export interface HotspotRanges {
  windowStart: Date;
  baselineStart: Date;
  /** Whole UTC hours, read from the hourly counts. */
  hourly: CountRange[];
  /** What is left at the edges (less than an hour each), read from the requests. */
  raw: CountRange[];
}

const floorHour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
const ceilHour = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;

/** [from, to) as its whole hours and the partial hours before and after them; empty parts are left out. */
export function splitAtWholeHours(from: number, to: number, inWindow: boolean): { hourly: CountRange[]; raw: CountRange[] } {
  const range = (a: number, b: number): CountRange[] => (a < b ? [{ from: new Date(a), to: new Date(b), inWindow }] : []);
  const first = ceilHour(from);
  const last = floorHour(to);
  if (first >= last) return { hourly: [], raw: range(from, to) };
  return { hourly: range(first, last), raw: [...range(from, first), ...range(last, to)] };
}

/** The ranges that together cover [now − 29 × 24 h, now) exactly once, split by where each is counted. */
export function hotspotRanges(now: Date): HotspotRanges {
  const end = now.getTime();
  const windowStart = end - WINDOW_MS;
  const baselineStart = windowStart - BASELINE_WINDOWS * WINDOW_MS;
  const window = splitAtWholeHours(windowStart, end, true);
  const baseline = splitAtWholeHours(baselineStart, windowStart, false);
  return {
    windowStart: new Date(windowStart),
    baselineStart: new Date(baselineStart),
    hourly: [...baseline.hourly, ...window.hourly],
    raw: [...baseline.raw, ...window.raw],
  };
}
