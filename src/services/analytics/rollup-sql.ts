import { GRAIN_COLUMN, KpiGrain } from '../../domain/kpi-grain';

// The KPI counters of DESIGN.md §7 for a set of local days, computed from the raw tables. The same SQL serves
// the incremental job and the full rebuild, which is why they cannot disagree.
//
// $1 = the local days (date[]), $2 = the hotline time zone, $3 = "now" (for overdueOpen), $4 = the id of the
// hotline center (department of requests never dispatched and of follow-ups of intake answers).

/** Each local day as an instant range, so every family below is an index range scan per day. */
const DAYS = `days AS (
  SELECT d AS day, (d::timestamp AT TIME ZONE $2) AS day_start, ((d + 1)::timestamp AT TIME ZONE $2) AS day_end
  FROM unnest($1::date[]) AS d
)`;

/** Request counters, by the request's createdAt and the department of its latest lead assignment. */
const REQUESTS = `requests AS (
  SELECT days.day, COALESCE(latest.department_id, $4) AS department_id, r.category_id, COALESCE(r.region_id, 0) AS region_id,
         r.channel, r.type AS request_type,
         count(*) AS received,
         count(*) FILTER (WHERE r.resolved_at_intake_at IS NOT NULL) AS resolved_at_intake,
         count(*) FILTER (WHERE r.status = 'CLOSED') AS closed,
         count(*) FILTER (WHERE r.reopen_count > 0) AS reopened
  FROM days
  JOIN service_request r ON r.created_at >= days.day_start AND r.created_at < days.day_end
  LEFT JOIN LATERAL (
    SELECT a.department_id FROM assignment a
    WHERE a.request_id = r.id AND a.role = 'LEAD' ORDER BY a.dispatched_at DESC, a.id DESC LIMIT 1
  ) latest ON true
  GROUP BY 1, 2, 3, 4, 5, 6
)`;

/** Lead-assignment counters, by dispatchedAt and the assignment's department. */
const ASSIGNMENTS = `assignments AS (
  SELECT days.day, a.department_id, r.category_id, COALESCE(r.region_id, 0) AS region_id, r.channel, r.type AS request_type,
         count(*) AS dispatched,
         count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND a.accepted_at <= a.accept_due_at) AS accepted_on_time,
         count(*) FILTER (WHERE a.status = 'RETURNED') AS returned,
         count(*) FILTER (WHERE a.replied_at IS NOT NULL) AS replied,
         count(*) FILTER (WHERE a.replied_at IS NOT NULL AND a.replied_on_time) AS replied_on_time,
         count(*) FILTER (WHERE a.replied_at IS NULL AND a.status NOT IN ('CANCELLED', 'RETURNED') AND a.due_at < $3) AS overdue_open
  FROM days
  JOIN assignment a ON a.dispatched_at >= days.day_start AND a.dispatched_at < days.day_end AND a.role = 'LEAD'
  JOIN service_request r ON r.id = a.request_id
  GROUP BY 1, 2, 3, 4, 5, 6
)`;

/** Follow-up counters over reached follow-ups, by recordedAt and the department of the round followed up. */
const FOLLOW_UPS = `follow_ups AS (
  SELECT days.day, COALESCE(f.lead_department_id, $4) AS department_id, r.category_id, COALESCE(r.region_id, 0) AS region_id,
         r.channel, r.type AS request_type,
         count(*) AS followed_up,
         count(*) FILTER (WHERE f.satisfaction IN ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')) AS satisfied,
         count(*) FILTER (WHERE f.satisfaction IN ('DISSATISFIED', 'VERY_DISSATISFIED')) AS dissatisfied,
         count(*) FILTER (WHERE f.resolved) AS resolved
  FROM days
  JOIN follow_up f ON f.recorded_at >= days.day_start AND f.recorded_at < days.day_end AND f.reached
  JOIN service_request r ON r.id = f.request_id
  GROUP BY 1, 2, 3, 4, 5, 6
)`;

const KEY = 'day, department_id, category_id, region_id, channel, request_type';

/** All three families folded into one row per bucket. */
export const ROLLUP_ROWS_SQL = `WITH ${DAYS}, ${REQUESTS}, ${ASSIGNMENTS}, ${FOLLOW_UPS},
families AS (
  SELECT ${KEY}, received, resolved_at_intake, closed, reopened,
         0 AS dispatched, 0 AS accepted_on_time, 0 AS returned, 0 AS replied, 0 AS replied_on_time, 0 AS overdue_open,
         0 AS followed_up, 0 AS satisfied, 0 AS dissatisfied, 0 AS resolved FROM requests
  UNION ALL
  SELECT ${KEY}, 0, 0, 0, 0, dispatched, accepted_on_time, returned, replied, replied_on_time, overdue_open, 0, 0, 0, 0 FROM assignments
  UNION ALL
  SELECT ${KEY}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, followed_up, satisfied, dissatisfied, resolved FROM follow_ups
)
SELECT ${KEY},
       sum(received)::int AS received, sum(resolved_at_intake)::int AS resolved_at_intake, sum(closed)::int AS closed,
       sum(reopened)::int AS reopened, sum(dispatched)::int AS dispatched, sum(accepted_on_time)::int AS accepted_on_time,
       sum(returned)::int AS returned, sum(replied)::int AS replied, sum(replied_on_time)::int AS replied_on_time,
       sum(overdue_open)::int AS overdue_open, sum(followed_up)::int AS followed_up, sum(satisfied)::int AS satisfied,
       sum(dissatisfied)::int AS dissatisfied, sum(resolved)::int AS resolved
FROM families GROUP BY ${KEY}`;

export const ROLLUP_COLUMNS = [
  'day', 'department_id', 'category_id', 'region_id', 'channel', 'request_type', 'received', 'resolved_at_intake', 'closed',
  'reopened', 'dispatched', 'accepted_on_time', 'returned', 'replied', 'replied_on_time', 'overdue_open', 'followed_up',
  'satisfied', 'dissatisfied', 'resolved',
].join(', ');

/** The counter columns, the same in every rollup table. */
export const COUNTER_COLUMNS = [
  'received', 'resolved_at_intake', 'closed', 'reopened', 'dispatched', 'accepted_on_time', 'returned', 'replied', 'replied_on_time',
  'overdue_open', 'followed_up', 'satisfied', 'dissatisfied', 'resolved',
];

/**
 * One coarse grain's rows for the local days $1, summed from a finer grain's rows of the same days (counters are
 * plain counts, so the sums are exact). A row exists exactly when a finer row does, as in `kpi_rollup`.
 */
export function deriveGrainSql(grain: KpiGrain, from: KpiGrain): string {
  const key = ['day', ...grain.dimensions.map((d) => GRAIN_COLUMN[d])].join(', ');
  return `INSERT INTO ${grain.table} (${key}, ${COUNTER_COLUMNS.join(', ')})
    SELECT ${key}, ${COUNTER_COLUMNS.map((c) => `sum(${c})::int`).join(', ')} FROM ${from.table}
    WHERE day = ANY($1::date[]) GROUP BY ${key}`;
}
