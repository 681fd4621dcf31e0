import { FINE_GRAIN, GRAIN_COLUMN, KpiGrain } from '../../domain/kpi-grain';

// The KPI counters of DESIGN.md §7, computed from the raw tables as each request's contribution
// (`kpi_contribution`): for a set of local days (the rebuild, and days marked stale) or for a set of requests (the
// incremental job). Both selections use the same counters below, which is why they cannot disagree.
//
// $1 = the local days (date[]) or the request ids (bigint[]), $2 = the hotline time zone, $3 = "now" (for
// overdueOpen), $4 = the id of the hotline center (department of requests never dispatched and of follow-ups of
// intake answers).

/** The counter columns, the same in every rollup table. */
export const COUNTER_COLUMNS = [
  'received', 'resolved_at_intake', 'closed', 'reopened', 'dispatched', 'accepted_on_time', 'returned', 'replied', 'replied_on_time',
  'overdue_open', 'followed_up', 'satisfied', 'dissatisfied', 'resolved',
];

/** Which rows feed the counters: those whose moment falls on one of the days $1, or those of the requests $1. */
export type ContributionSelection = 'days' | 'requests';

/** Each local day as an instant range, so every family below is an index range scan per day. */
const DAYS = `days AS (
  SELECT d AS day, (d::timestamp AT TIME ZONE $2) AS day_start, ((d + 1)::timestamp AT TIME ZONE $2) AS day_end
  FROM unnest($1::date[]) AS d
)`;

/** A family's rows: those whose moment falls on the days $1, or those of the requests $1 (an index serves either). */
function selected(selection: ContributionSelection, table: string, moment: string, requestId: string, condition: string): { from: string; day: string } {
  return selection === 'days'
    ? { from: `days JOIN ${table} ON ${moment} >= days.day_start AND ${moment} < days.day_end AND ${condition}`, day: 'days.day' }
    : { from: `(SELECT DISTINCT unnest($1::bigint[]) AS id) changed JOIN ${table} ON ${requestId} = changed.id AND ${condition}`, day: `(${moment} AT TIME ZONE $2)::date` };
}

/** Request counters, by the request's createdAt and the department of its latest lead assignment. */
function requestsFamily(selection: ContributionSelection): string {
  const rows = selected(selection, 'service_request r', 'r.created_at', 'r.id', 'true');
  return `requests AS (
  SELECT r.id AS request_id, ${rows.day} AS day, COALESCE(latest.department_id, $4) AS department_id, r.category_id,
         COALESCE(r.region_id, 0) AS region_id, r.channel, r.type AS request_type,
         count(*) AS received,
         count(*) FILTER (WHERE r.resolved_at_intake_at IS NOT NULL) AS resolved_at_intake,
         count(*) FILTER (WHERE r.status = 'CLOSED') AS closed,
         count(*) FILTER (WHERE r.reopen_count > 0) AS reopened
  FROM ${rows.from}
  LEFT JOIN LATERAL (
    SELECT a.department_id FROM assignment a
    WHERE a.request_id = r.id AND a.role = 'LEAD' ORDER BY a.dispatched_at DESC, a.id DESC LIMIT 1
  ) latest ON true
  GROUP BY 1, 2, 3, 4, 5, 6, 7
)`;
}

/** Lead-assignment counters, by dispatchedAt and the assignment's department. */
function assignmentsFamily(selection: ContributionSelection): string {
  const rows = selected(selection, 'assignment a', 'a.dispatched_at', 'a.request_id', `a.role = 'LEAD'`);
  return `assignments AS (
  SELECT a.request_id, ${rows.day} AS day, a.department_id, r.category_id, COALESCE(r.region_id, 0) AS region_id, r.channel,
         r.type AS request_type,
         count(*) AS dispatched,
         count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND a.accepted_at <= a.accept_due_at) AS accepted_on_time,
         count(*) FILTER (WHERE a.status = 'RETURNED') AS returned,
         count(*) FILTER (WHERE a.replied_at IS NOT NULL) AS replied,
         count(*) FILTER (WHERE a.replied_at IS NOT NULL AND a.replied_on_time) AS replied_on_time,
         count(*) FILTER (WHERE a.replied_at IS NULL AND a.status NOT IN ('CANCELLED', 'RETURNED') AND a.due_at < $3) AS overdue_open
  FROM ${rows.from}
  JOIN service_request r ON r.id = a.request_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7
)`;
}

/** Follow-up counters over reached follow-ups, by recordedAt and the department of the round followed up. */
function followUpsFamily(selection: ContributionSelection): string {
  const rows = selected(selection, 'follow_up f', 'f.recorded_at', 'f.request_id', 'f.reached');
  return `follow_ups AS (
  SELECT f.request_id, ${rows.day} AS day, COALESCE(f.lead_department_id, $4) AS department_id, r.category_id,
         COALESCE(r.region_id, 0) AS region_id, r.channel, r.type AS request_type,
         count(*) AS followed_up,
         count(*) FILTER (WHERE f.satisfaction IN ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')) AS satisfied,
         count(*) FILTER (WHERE f.satisfaction IN ('DISSATISFIED', 'VERY_DISSATISFIED')) AS dissatisfied,
         count(*) FILTER (WHERE f.resolved) AS resolved
  FROM ${rows.from}
  JOIN service_request r ON r.id = f.request_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7
)`;
}

const KEY = 'request_id, day, department_id, category_id, region_id, channel, request_type';

/** Each request's contribution rows (`kpi_contribution`'s columns): all three families folded into one row per bucket. */
export function contributionRowsSql(selection: ContributionSelection): string {
  const ctes = [...(selection === 'days' ? [DAYS] : []), requestsFamily(selection), assignmentsFamily(selection), followUpsFamily(selection)];
  return `WITH ${ctes.join(', ')},
families AS (
  SELECT ${KEY}, received, resolved_at_intake, closed, reopened,
         0 AS dispatched, 0 AS accepted_on_time, 0 AS returned, 0 AS replied, 0 AS replied_on_time, 0 AS overdue_open,
         0 AS followed_up, 0 AS satisfied, 0 AS dissatisfied, 0 AS resolved FROM requests
  UNION ALL
  SELECT ${KEY}, 0, 0, 0, 0, dispatched, accepted_on_time, returned, replied, replied_on_time, overdue_open, 0, 0, 0, 0 FROM assignments
  UNION ALL
  SELECT ${KEY}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, followed_up, satisfied, dissatisfied, resolved FROM follow_ups
)
SELECT ${KEY}, ${COUNTER_COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
FROM families GROUP BY ${KEY}`;
}

/** `kpi_contribution`'s columns, in the order contributionRowsSql gives them. */
export const CONTRIBUTION_COLUMNS = [...KEY.split(', '), ...COUNTER_COLUMNS].join(', ');

/** `kpi_contribution` as the source kpi_rollup is summed from (it has every dimension of the finest grain). */
export const CONTRIBUTIONS: KpiGrain = { table: 'kpi_contribution', dimensions: FINE_GRAIN.dimensions };

/**
 * One coarse grain's rows for the local days $1, summed from a finer grain's rows of the same days (counters are
 * plain counts, so the sums are exact). A row exists exactly when a finer row does, as in `kpi_rollup`.
 */
export function deriveGrainSql(grain: KpiGrain, from: KpiGrain): string {
  const key = grainKey(grain).join(', ');
  return `INSERT INTO ${grain.table} (${key}, ${COUNTER_COLUMNS.join(', ')})
    SELECT ${key}, ${COUNTER_COLUMNS.map((c) => `sum(${c})::int`).join(', ')} FROM ${from.table}
    WHERE day = ANY($1::date[]) GROUP BY ${key}`;
}

/** A grain's key columns: the day and its dimensions. */
export function grainKey(grain: KpiGrain): string[] {
  return ['day', ...grain.dimensions.map((d) => GRAIN_COLUMN[d])];
}

const ANY_COUNTER_CHANGED = COUNTER_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ');

/**
 * The difference the requests $1 make to `kpi_rollup`: their freshly computed rows (table `fresh`) minus the rows
 * they contributed last time, per bucket, leaving out buckets they leave unchanged.
 */
export function contributionDeltaSql(fresh: string): string {
  const key = grainKey(FINE_GRAIN).join(', ');
  return `SELECT ${key}, ${COUNTER_COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', ')} FROM (
    SELECT ${key}, ${COUNTER_COLUMNS.join(', ')} FROM ${fresh}
    UNION ALL
    SELECT ${key}, ${COUNTER_COLUMNS.map((c) => `-${c}`).join(', ')} FROM kpi_contribution WHERE request_id = ANY($1::bigint[])
  ) both_sides GROUP BY ${key} HAVING ${ANY_COUNTER_CHANGED}`;
}

/** Adds a delta table (kpi_rollup's key and counters) to a grain's rows, creating the buckets it lacks. */
export function addDeltaSql(grain: KpiGrain, delta: string): string {
  const key = grainKey(grain).join(', ');
  return `INSERT INTO ${grain.table} AS t (${key}, ${COUNTER_COLUMNS.join(', ')})
    SELECT ${key}, ${COUNTER_COLUMNS.map((c) => `sum(${c})::int`).join(', ')} FROM ${delta} GROUP BY ${key} HAVING ${ANY_COUNTER_CHANGED}
    ON CONFLICT (${key}) DO UPDATE SET ${COUNTER_COLUMNS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
}

/**
 * Deletes the rows of a grain that a delta brought to zero: a bucket exists exactly when something counts in it,
 * as after a recompute (every row from the raw tables has a received, dispatched or followedUp of at least 1).
 */
export function dropEmptyBucketsSql(grain: KpiGrain, delta: string): string {
  const key = grainKey(grain);
  return `DELETE FROM ${grain.table} t USING (SELECT DISTINCT ${key.join(', ')} FROM ${delta}) d
    WHERE ${key.map((k) => `t.${k} = d.${k}`).join(' AND ')} AND ${COUNTER_COLUMNS.map((c) => `t.${c} = 0`).join(' AND ')}`;
}
