import { EntityManager } from 'typeorm';

// request_hour_count (see its entity) for the UTC hours that overlap some local days: deleted and counted again
// from the requests, like the rollups of those days. An hour that two local days share (zones with a
// half-hour offset) is counted whole from the requests, so recomputing either day leaves it right.

export const HOUR_COUNT_TABLE = 'request_hour_count';

const HOURS_OF_DAYS = `SELECT DISTINCT generate_series(
    date_trunc('hour', d::timestamp AT TIME ZONE $2, 'UTC'),
    ((d + 1)::timestamp AT TIME ZONE $2) - interval '1 microsecond',
    interval '1 hour') AS hour
  FROM unnest($1::date[]) AS d`;

/** Recomputes the hourly intake counts of these local days, in the caller's transaction (under the rollup lock). */
export async function recomputeHourCounts(em: EntityManager, days: string[], timeZone: string): Promise<void> {
  if (days.length === 0) return;
  await em.query(`DELETE FROM request_hour_count WHERE hour IN (${HOURS_OF_DAYS})`, [days, timeZone]);
  await em.query(
    `INSERT INTO request_hour_count (hour, category_id, district_id, received)
     SELECT h.hour, r.category_id, district.id, count(*)
     FROM (${HOURS_OF_DAYS}) h
     JOIN service_request r ON r.created_at >= h.hour AND r.created_at < h.hour + interval '1 hour'
     JOIN region g ON g.id = r.region_id
     JOIN region district ON district.level = 'DISTRICT' AND g.path LIKE district.path || '%'
     GROUP BY 1, 2, 3`,
    [days, timeZone],
  );
}
