import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { COARSE_GRAINS, FINE_GRAIN, ROLLUP_TABLES, sourceGrain } from '../../domain/kpi-grain';
import { HOTLINE_DEPARTMENT_CODE } from '../reference-lookup';
import { HOUR_COUNT_TABLE, recomputeHourCounts } from './hour-counts';
import { CONTRIBUTION_COLUMNS, contributionRowsSql, CONTRIBUTIONS, deriveGrainSql } from './rollup-sql';

// One rollup writer at a time: recomputing a day is delete + insert, applying a request's difference reads what it
// contributed before, and two writers at once would collide or count twice.
const ROLLUP_LOCK = 12345_0001;

/** Takes the rollup writers' lock for the rest of the caller's transaction. */
export async function lockRollups(em: EntityManager): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
}

export interface RollupDeps {
  timeZone: string;
  now: Date;
}

export async function hotlineDepartmentId(em: EntityManager): Promise<string> {
  const rows: { id: string }[] = await em.query('SELECT id FROM department WHERE code = $1', [HOTLINE_DEPARTMENT_CODE]);
  if (!rows.length) throw new Error(`the hotline center department ${HOTLINE_DEPARTMENT_CODE} is missing: KPIs attribute undispatched work to it`);
  return String(rows[0].id);
}

/**
 * Recomputes the rollup rows of these local days, in the caller's transaction: every request's contribution to
 * them from the raw tables, `kpi_rollup` as their sums, then each coarser grain (src/domain/kpi-grain.ts) from the
 * finest grain already recomputed, so that readers see every grain of a day change together; and the hourly
 * intake counts hotspot detection reads. Returns the `kpi_rollup` rows written.
 */
export async function recomputeDays(em: EntityManager, days: string[], deps: RollupDeps): Promise<number> {
  if (days.length === 0) return 0;
  await lockRollups(em);
  const hotline = await hotlineDepartmentId(em);
  await em.query('DELETE FROM kpi_contribution WHERE day = ANY($1::date[])', [days]);
  await em.query(
    `INSERT INTO kpi_contribution (${CONTRIBUTION_COLUMNS}) ${contributionRowsSql('days')}`,
    [days, deps.timeZone, deps.now, hotline],
  );
  await em.query('DELETE FROM kpi_rollup WHERE day = ANY($1::date[])', [days]);
  const inserted: unknown[] = await em.query(`${deriveGrainSql(FINE_GRAIN, CONTRIBUTIONS)} RETURNING day`, [days]);
  await deriveCoarseRollups(em, days);
  await recomputeHourCounts(em, days, deps.timeZone);
  return inserted.length;
}

/**
 * The coarse grains of these local days from `kpi_rollup`'s rows of the same days, in the caller's transaction
 * (which holds the rollup lock). Finer before coarser (ROLLUP_TABLES order): each is summed from one derived just
 * before, or from `kpi_rollup`.
 */
export async function deriveCoarseRollups(em: EntityManager, days: string[]): Promise<void> {
  const grains = [...COARSE_GRAINS].reverse();
  for (const grain of grains) await em.query(`DELETE FROM ${grain.table} WHERE day = ANY($1::date[])`, [days]);
  for (const grain of grains) await em.query(deriveGrainSql(grain, sourceGrain(grain)), [days]);
}

/** Every table recomputeDays writes. */
export const DERIVED_ANALYTICS_TABLES: readonly string[] = [CONTRIBUTIONS.table, ...ROLLUP_TABLES, HOUR_COUNT_TABLE];

/**
 * Fresh statistics for every rollup table. A rebuild rewrites many days at once; until autovacuum gets to it the
 * planner sees the old row counts and picks plans (hash sizes, sorts in memory) for a table that no longer exists.
 */
export async function analyzeRollups(db: DataSource | EntityManager): Promise<void> {
  await db.query(`ANALYZE ${DERIVED_ANALYTICS_TABLES.join(', ')}`);
}

/**
 * Recomputes these local days, `daysPerTransaction` at a time, then ANALYZEs the rollups: what
 * `npm run rollups:rebuild` and the importer do. Returns the `kpi_rollup` rows written.
 */
export async function rebuildRollups(
  dataSource: DataSource, days: string[], deps: RollupDeps, options: { daysPerTransaction?: number; progress?: (done: number, rows: number) => void } = {},
): Promise<number> {
  const step = options.daysPerTransaction ?? 7;
  let rows = 0;
  for (let i = 0; i < days.length; i += step) {
    const chunk = days.slice(i, i + step);
    rows += await dataSource.transaction((em) => recomputeDays(em, chunk, deps));
    options.progress?.(Math.min(i + step, days.length), rows);
  }
  await analyzeRollups(dataSource);
  return rows;
}

/** Every local day from `from` to `to` inclusive ("YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.toISODate()! <= to; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

/** The local days whose rollup rows a request's current state feeds: its intake, its lead dispatches, its follow-ups. */
export async function daysTouchedBy(em: EntityManager, requestIds: string[], timeZone: string): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows: { day: string }[] = await em.query(
    `SELECT DISTINCT to_char((t AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day FROM (
       SELECT created_at AS t FROM service_request WHERE id = ANY($1::bigint[])
       UNION ALL SELECT dispatched_at FROM assignment WHERE request_id = ANY($1::bigint[]) AND role = 'LEAD'
       UNION ALL SELECT recorded_at FROM follow_up WHERE request_id = ANY($1::bigint[])
     ) touched`,
    [requestIds, timeZone],
  );
  return rows.map((r) => r.day);
}

/** Marks requests' KPI contributions as stale (for REQUEST_CHANGED outbox events, and deadlines that passed). */
export async function markRequestsDirty(em: EntityManager, requestIds: string[], now: Date): Promise<void> {
  if (requestIds.length === 0) return;
  await em.query(
    `INSERT INTO rollup_dirty_request (request_id, marked_at) SELECT DISTINCT id, $2::timestamptz FROM unnest($1::bigint[]) id
     ON CONFLICT (request_id) DO NOTHING`,
    [requestIds, now],
  );
}

export async function markDaysDirty(em: EntityManager, days: string[], now: Date): Promise<void> {
  if (days.length === 0) return;
  await em.query(
    `INSERT INTO rollup_dirty_day (day, marked_at) SELECT d, $2 FROM unnest($1::date[]) d ON CONFLICT (day) DO NOTHING`,
    [days, now],
  );
}
