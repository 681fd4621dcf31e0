import { EntityManager } from 'typeorm';
import { COARSE_GRAINS, FINE_GRAIN } from '../../domain/kpi-grain';
import { recountHours } from './hour-counts';
import { addDeltaSql, CONTRIBUTION_COLUMNS, contributionDeltaSql, contributionRowsSql, dropEmptyBucketsSql } from './rollup-sql';
import { hotlineDepartmentId, lockRollups, RollupDeps } from './rollup.service';

// The incremental rollup of changed requests: `kpi_rollup` is the sum of `kpi_contribution`, so a request that
// changed is taken out (its rows as last computed) and put back (its rows computed now from the raw tables). The
// cost is that of the changed requests, not of the days they touch: a reply to a week-old request updates a few
// buckets instead of re-reading a week of 70,000-request days.

const FRESH = 'fresh_contribution';
const DELTA = 'rollup_delta';

/**
 * The UTC hours whose intake counts these requests change: those of requests counted for the first time, or whose
 * category or region is no longer what they were counted under. Read before the contributions are replaced.
 */
const HOURS_TO_RECOUNT = `SELECT DISTINCT date_trunc('hour', r.created_at, 'UTC') AS hour FROM service_request r
  WHERE r.id = ANY($1::bigint[]) AND NOT EXISTS (
    SELECT 1 FROM kpi_contribution c WHERE c.request_id = r.id AND c.received > 0
      AND c.category_id = r.category_id AND c.region_id = COALESCE(r.region_id, 0))`;

/**
 * Applies these requests' changes to every rollup table and the hour counts, in the caller's transaction (one call
 * per transaction: the working tables live until it commits).
 */
export async function applyRequestChanges(em: EntityManager, requestIds: string[], deps: RollupDeps): Promise<void> {
  if (requestIds.length === 0) return;
  await lockRollups(em);
  const hotline = await hotlineDepartmentId(em);
  await em.query(`CREATE TEMP TABLE ${FRESH} ON COMMIT DROP AS ${contributionRowsSql('requests')}`, [requestIds, deps.timeZone, deps.now, hotline]);
  await em.query(`CREATE TEMP TABLE ${DELTA} ON COMMIT DROP AS ${contributionDeltaSql(FRESH)}`, [requestIds]);
  await em.query(`ANALYZE ${FRESH}, ${DELTA}`);
  const hours: { hour: Date }[] = await em.query(HOURS_TO_RECOUNT, [requestIds]);
  for (const grain of [FINE_GRAIN, ...COARSE_GRAINS]) {
    await em.query(addDeltaSql(grain, DELTA));
    await em.query(dropEmptyBucketsSql(grain, DELTA));
  }
  await em.query('DELETE FROM kpi_contribution WHERE request_id = ANY($1::bigint[])', [requestIds]);
  await em.query(`INSERT INTO kpi_contribution (${CONTRIBUTION_COLUMNS}) SELECT ${CONTRIBUTION_COLUMNS} FROM ${FRESH}`);
  await recountHours(em, hours.map((h) => h.hour));
}
