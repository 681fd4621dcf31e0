import { EntityManager, In } from 'typeorm';
import { HotspotAlert } from '../../entities';
import { Role } from '../../domain/enums';
import { badInput, forbidden } from '../../domain/errors';
import { localDay } from '../../domain/kpi';
import { hasRole } from '../../auth/actor';
import { ServiceContext } from '../service-context';

const WINDOW_MS = 24 * 3_600_000;
const BASELINE_WINDOWS = 28;
export const HOTSPOT_MIN_COUNT = 5;
export const HOTSPOT_MIN_SCORE = 3;

/**
 * Hotspots (DESIGN.md §7): per (category, district), requests in the last 24 h against the mean of the same
 * 24-hour window over the previous 28 days; score = (count − baseline) / √(baseline + 1); an alert when
 * count ≥ 5 and score ≥ 3, one per pair and local day. Returns the alerts raised now (not those already raised today).
 */
export async function detectHotspots(em: EntityManager, now: Date, timeZone: string): Promise<HotspotAlert[]> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const baselineStart = new Date(windowStart.getTime() - BASELINE_WINDOWS * WINDOW_MS);
  const inserted: { id: string }[] = await em.query(
    `WITH counts AS (
       SELECT r.category_id, district.id AS region_id,
              count(*) FILTER (WHERE r.created_at >= $2) AS n,
              (count(*) FILTER (WHERE r.created_at < $2))::float8 / $4 AS baseline
       FROM service_request r
       JOIN region g ON g.id = r.region_id
       JOIN region district ON district.level = 'DISTRICT' AND g.path LIKE district.path || '%'
       WHERE r.created_at >= $3 AND r.created_at < $1
       GROUP BY r.category_id, district.id
     ), scored AS (
       SELECT *, (n - baseline) / sqrt(baseline + 1) AS score FROM counts
     )
     INSERT INTO hotspot_alert (category_id, region_id, day, window_start, window_end, count, baseline, score, created_at)
     SELECT category_id, region_id, $5::date, $2, $1, n, baseline, score, $1 FROM scored
     WHERE n >= $6 AND score >= $7
     ON CONFLICT (category_id, region_id, day) DO NOTHING
     RETURNING id`,
    [now, windowStart, baselineStart, BASELINE_WINDOWS, localDay(now, timeZone), HOTSPOT_MIN_COUNT, HOTSPOT_MIN_SCORE],
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
