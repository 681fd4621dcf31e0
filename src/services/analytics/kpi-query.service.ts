import { Role, KpiDimension } from '../../domain/enums';
import { badInput, forbidden } from '../../domain/errors';
import { countersFrom, dayRange, KPI_COUNTERS, KpiCounterSeries, kpiRates, KpiRow, KpiSeries, kpiSeriesRates } from '../../domain/kpi';
import { chooseKpiGrain, grainCovers, KpiGrain, requiredDimensions } from '../../domain/kpi-grain';
import { hasRole } from '../../auth/actor';
import { requireCategoryByCode, requireDepartmentByCode, requireRegionByCode } from '../reference-lookup';
import { ServiceContext } from '../service-context';

export interface KpiQuery {
  from: Date;
  to: Date;
  groupBy: KpiDimension[];
  departmentCode?: string | null;
  categoryCode?: string | null;
  regionCode?: string | null;
}

const MAX_DAYS = 3 * 366;
/**
 * Rows one query (or CSV) may return: a quarter by department and day is ~4,000 rows, three years by every
 * dimension would be millions. Refused rather than cut short: a truncated set of aggregates reads as complete.
 */
export const KPI_MAX_ROWS = 10_000;

/** The SQL expression of each dimension's key (codes, or ISO dates of the bucket's first day). */
const DIMENSION_SQL: Record<KpiDimension, string> = {
  [KpiDimension.DEPARTMENT]: 'd.code',
  [KpiDimension.CATEGORY]: 'c.code',
  [KpiDimension.REGION]: `COALESCE(g.code, 'NONE')`,
  [KpiDimension.CHANNEL]: 'k.channel::text',
  [KpiDimension.REQUEST_TYPE]: 'k.request_type::text',
  [KpiDimension.DAY]: `to_char(k.day, 'YYYY-MM-DD')`,
  [KpiDimension.WEEK]: `to_char(date_trunc('week', k.day), 'YYYY-MM-DD')`,
  [KpiDimension.MONTH]: `to_char(date_trunc('month', k.day), 'YYYY-MM-DD')`,
};

const COLUMN: Record<string, string> = {
  received: 'received', resolvedAtIntake: 'resolved_at_intake', dispatched: 'dispatched', acceptedOnTime: 'accepted_on_time',
  returned: 'returned', replied: 'replied', repliedOnTime: 'replied_on_time', overdueOpen: 'overdue_open', closed: 'closed',
  followedUp: 'followed_up', satisfied: 'satisfied', dissatisfied: 'dissatisfied', resolved: 'resolved', reopened: 'reopened',
};

/** The statement a KPI question runs: which rollup table answers it, the SQL and its parameters. */
export interface KpiPlan {
  grain: KpiGrain;
  sql: string;
  params: unknown[];
  groupBy: KpiDimension[];
}

/**
 * 三率 by any combination of dimensions, from the rollup tables (never the raw requests). Whole local days of
 * HOTLINE_TZ; liaisons see only their department subtree's rows; filters include sub-trees.
 */
export async function queryKpis(ctx: ServiceContext, q: KpiQuery): Promise<KpiRow[]> {
  const { dimensions, rows } = await fetchKpiRows(ctx, q);
  return rows.map((values) => {
    const counters = countersFrom(values, dimensions);
    return Object.assign(counters, { key: values.slice(0, dimensions) as string[] }, kpiRates(counters));
  });
}

/** The same answer column by column (`kpiSeries`): element i of every list is row i of kpis. */
export async function queryKpiSeries(ctx: ServiceContext, q: KpiQuery): Promise<KpiSeries> {
  const { dimensions, rows } = await fetchKpiRows(ctx, q);
  const counters = Object.fromEntries(KPI_COUNTERS.map((c, i) => [c, rows.map((r) => r[dimensions + i])])) as KpiCounterSeries;
  return { keys: rows.map((r) => r.slice(0, dimensions) as string[]), ...counters, ...kpiSeriesRates(counters) };
}

/**
 * The rows of a KPI question, each as its key's values then its counters in KPI_COUNTERS order. PostgreSQL folds
 * the rows into one JSON document, in the rows' order (the aggregate's own ORDER BY: a sorted subquery alone does not
 * promise it): pg parsing a thousand rows of 16 text values was the largest cost of a day × category answer, one
 * JSON document is parsed natively.
 */
async function fetchKpiRows(ctx: ServiceContext, q: KpiQuery): Promise<{ dimensions: number; rows: (string | number)[][] }> {
  const plan = await planKpiQuery(ctx, q);
  const keyColumns = plan.groupBy.map((_, i) => `t.k${i}`);
  const values = [...keyColumns, ...KPI_COUNTERS.map((c) => `t."${c}"`)];
  const order = keyColumns.length ? ` ORDER BY ${keyColumns.join(', ')}` : '';
  const [answer]: { row_count: number; rows: (string | number)[][] }[] = await ctx.em.query(
    `SELECT count(*)::int AS row_count, COALESCE(json_agg(json_build_array(${values.join(', ')})${order}), '[]') AS rows
       FROM (${plan.sql}) t`,
    plan.params,
  );
  if (answer.row_count > KPI_MAX_ROWS) throw tooManyRows();
  return { dimensions: keyColumns.length, rows: answer.rows };
}

function tooManyRows() {
  return badInput(`more than ${KPI_MAX_ROWS} rows: a shorter period, a filter or fewer groupBy dimensions`, { field: 'groupBy' });
}

/**
 * Checks the question and writes its SQL over the smallest rollup table that answers it exactly
 * (src/domain/kpi-grain.ts): one keeping every dimension grouped by or filtered on. `grain` forces a table (the
 * tests compare grains); it must keep those dimensions too.
 */
export async function planKpiQuery(ctx: ServiceContext, q: KpiQuery, options: { grain?: KpiGrain } = {}): Promise<KpiPlan> {
  const groupBy = [...q.groupBy];
  if (new Set(groupBy).size !== groupBy.length) throw badInput('a dimension is listed twice', { field: 'groupBy' });
  const range = dayRange(q.from, q.to, ctx.timeZone);
  if (!range) throw badInput('from must be before to');
  if ((q.to.getTime() - q.from.getTime()) / 86_400_000 > MAX_DAYS) throw badInput(`at most ${MAX_DAYS} days at a time`);

  const scope = actorScope(ctx);
  const filters = { department: !!q.departmentCode || scope !== null, category: !!q.categoryCode, region: !!q.regionCode };
  const grain = options.grain ?? chooseKpiGrain(groupBy, filters);
  const needed = requiredDimensions(groupBy, filters);
  if (!grainCovers(grain, needed)) throw new Error(`${grain.table} cannot answer a question on ${[...needed].join(', ')}`);

  const where = ['k.day BETWEEN $1::date AND $2::date'];
  const params: unknown[] = [range.firstDay, range.lastDay];
  const prefix = async (code: string | null | undefined, alias: string, find: () => Promise<{ path: string }>) => {
    if (!code) return;
    params.push(`${(await find()).path}%`);
    where.push(`${alias}.path LIKE $${params.length}`);
  };
  await prefix(q.departmentCode, 'd', () => requireDepartmentByCode(ctx, q.departmentCode!));
  await prefix(q.categoryCode, 'c', () => requireCategoryByCode(ctx, q.categoryCode!));
  await prefix(q.regionCode, 'g', () => requireRegionByCode(ctx, q.regionCode!));
  if (scope !== null) {
    params.push(`${scope}%`);
    where.push(`d.path LIKE $${params.length}`);
  }

  // Only the reference tables a key or a filter reads (the rollups' ids always exist: they come from the raw tables).
  const joins = [
    needed.has('department') ? 'JOIN department d ON d.id = k.department_id' : '',
    needed.has('category') ? 'JOIN category c ON c.id = k.category_id' : '',
    needed.has('region') ? 'LEFT JOIN region g ON g.id = k.region_id' : '',
  ].filter(Boolean);
  const keys = groupBy.map((dim, i) => `${DIMENSION_SQL[dim]} AS k${i}`);
  const sums = KPI_COUNTERS.map((c) => `COALESCE(sum(k.${COLUMN[c]}), 0)::int AS "${c}"`);
  const groupClause = groupBy.length ? `GROUP BY ${groupBy.map((_, i) => `k${i}`).join(', ')} ORDER BY ${groupBy.map((_, i) => `k${i}`).join(', ')}` : '';
  const sql = `SELECT ${[...keys, ...sums].join(', ')}
     FROM ${grain.table} k ${joins.join(' ')}
     WHERE ${where.join(' AND ')} ${groupClause}
     LIMIT ${KPI_MAX_ROWS + 1}`;
  return { grain, sql, params, groupBy };
}

/** The department path prefix an actor's KPIs are limited to: none for the center's roles, the own subtree for liaisons. */
function actorScope(ctx: ServiceContext): string | null {
  const centerRoles = [Role.AGENT, Role.SUPERVISOR, Role.ANALYST, Role.ADMIN];
  if (hasRole(ctx.actor, ...centerRoles)) return null;
  if (!hasRole(ctx.actor, Role.LIAISON) || !ctx.actor.departmentPath) throw forbidden('your role cannot read KPIs');
  return ctx.actor.departmentPath;
}
