import { EntityManager, In } from 'typeorm';
import { HotspotAlert } from '../../entities';
import { Role } from '../../domain/enums';
import { badInput, forbidden } from '../../domain/errors';
import { BASELINE_WINDOWS, CountRange, hotspotRanges, WINDOW_MS } from '../../domain/hotspot-windows';
import { localDay } from '../../domain/kpi';
import { hasRole } from '../../auth/actor';
import { ServiceContext } from '../service-context';

export const HOTSPOT_MIN_COUNT = 5;
export const HOTSPOT_MIN_SCORE = 3;

/** The columns of unnest(from[], to[], in_window[]) for a list of ranges. */
const rangeParams = (ranges: CountRange[]) => [ranges.map((r) => r.from), ranges.map((r) => r.to), ranges.map((r) => r.inWindow)];

/**
 * Hotspots (DESIGN.md §7): per (category, district), requests in the last 24 h against the mean of the same
 * 24-hour window over the previous 28 days; score = (count − baseline) / √(baseline + 1); an alert when
 * count ≥ 5 and score ≥ 3, one per pair and local day. Returns the alerts raised now (not those already raised today).
 *
 * Whole hours come from request_hour_count, which the analytics run has just brought up to date (it recomputes
 * the days of the changes it consumed before it looks for hotspots); the partial hours at the windows' edges
 * come from the requests (src/domain/hotspot-windows.ts).
 */
export async function detectHotspots(em: EntityManager, now: Date, timeZone: string): Promise<HotspotAlert[]> {
  const ranges = hotspotRanges(now);
  const inserted: { id: string }[] = await em.query(
    `WITH hourly AS (
       SELECT h.category_id, h.district_id, h.received AS n, x.in_window
       FROM unnest($3::timestamptz[], $4::timestamptz[], $5::boolean[]) AS x(f, t, in_window)
       JOIN request_hour_count h ON h.hour >= x.f AND h.hour < x.t
     ), edges AS (
       SELECT r.category_id, district.id AS district_id, 1 AS n, x.in_window
       FROM unnest($6::timestamptz[], $7::timestamptz[], $8::boolean[]) AS x(f, t, in_window)
       JOIN service_request r ON r.created_at >= x.f AND r.created_at < x.t
       JOIN region g ON g.id = r.region_id
       JOIN region district ON district.level = 'DISTRICT' AND g.path LIKE district.path || '%'
     ), counts AS (
       SELECT category_id, district_id AS region_id,
              coalesce(sum(n) FILTER (WHERE in_window), 0) AS n,
              coalesce(sum(n) FILTER (WHERE NOT in_window), 0)::float8 / $9 AS baseline
       FROM (SELECT * FROM hourly UNION ALL SELECT * FROM edges) counted
       GROUP BY category_id, district_id
     ), scored AS (
       SELECT *, (n - baseline) / sqrt(baseline + 1) AS score FROM counts
     )
     INSERT INTO hotspot_alert (category_id, region_id, day, window_start, window_end, count, baseline, score, created_at)
     SELECT category_id, region_id, $10::date, $2, $1, n, baseline, score, $1 FROM scored
     WHERE n >= $11 AND score >= $12
     ON CONFLICT (category_id, region_id, day) DO NOTHING
     RETURNING id`,
    [now, ranges.windowStart, ...rangeParams(ranges.hourly), ...rangeParams(ranges.raw), BASELINE_WINDOWS,
      localDay(now, timeZone), HOTSPOT_MIN_COUNT, HOTSPOT_MIN_SCORE],
  );
  if (inserted.length === 0) return [];
  const alerts = await em.getRepository(HotspotAlert).findBy({ id: In(inserted.map((r) => String(r.id))) });
  await notifyHotspots(em, alerts, now);
  return alerts;
}

/** Supervisors and analysts hear of every new hotspot (notification kind HOTSPOT). */
async function notifyHotspots(em: EntityManager, alerts: HotspotAlert[], now: Date): Promise<void> {
  await em.query(
    `INSERT INTO notification (recipient_id, kind, message, request_id, department_id, cause_key, created_at)
     SELECT s.id, 'HOTSPOT',
            '热点预警 hotspot: ' || c.name || ' @ ' || g.name || ': ' || a.count || ' requests in 24 h (baseline ' || round(a.baseline::numeric, 1) || ')',
            NULL, NULL, 'hotspot-' || a.id, $2
     FROM hotspot_alert a
     JOIN category c ON c.id = a.category_id
     JOIN region g ON g.id = a.region_id
     JOIN staff s ON s.active AND (s.roles && ARRAY['SUPERVISOR', 'ANALYST']::role[])
     WHERE a.id = ANY($1::bigint[])
     ON CONFLICT (cause_key, recipient_id) DO NOTHING`,
    [alerts.map((a) => a.id), now],
  );
}

/**
 * Alerts whose window ended in [from, to] (default: the last 30 days up to now), most unusual first. A liaison sees an
 * alert only when requests behind it were assigned to their department subtree ("own department's rows").
 */
export async function listHotspots(ctx: ServiceContext, from?: Date | null, to?: Date | null): Promise<HotspotAlert[]> {
  const end = to ?? ctx.now;
  const start = from ?? new Date(end.getTime() - 30 * WINDOW_MS);
  if (start.getTime() >= end.getTime()) throw badInput('from must be before to');
  const qb = ctx.em
    .getRepository(HotspotAlert)
    .createQueryBuilder('h')
    .where('h.window_end >= :start AND h.window_end <= :end', { start, end });
  if (!hasRole(ctx.actor, Role.AGENT, Role.SUPERVISOR, Role.ANALYST, Role.ADMIN)) {
    if (!hasRole(ctx.actor, Role.LIAISON) || !ctx.actor.departmentPath) throw forbidden();
    qb.andWhere(
      `EXISTS (SELECT 1 FROM service_request r
               JOIN region g ON g.id = r.region_id
               JOIN region dist ON dist.id = h.region_id
               JOIN assignment a ON a.request_id = r.id
               JOIN department d ON d.id = a.department_id
               WHERE r.category_id = h.category_id AND g.path LIKE dist.path || '%'
                 AND r.created_at >= h.window_start AND r.created_at < h.window_end AND d.path LIKE :scope)`,
      { scope: `${ctx.actor.departmentPath}%` },
    );
  }
  return qb.orderBy('h.score', 'DESC').addOrderBy('h.id', 'ASC').limit(500).getMany();
}
