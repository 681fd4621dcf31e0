import { KpiDimension } from './enums';

// Which rollup table answers a KPI question. Pure: the grains are data, the choice is a function of the groupBy
// and of which filters apply, and the SQL lives in services/analytics.
//
// `kpi_rollup` holds the counters per local day × department × category × region × channel × request type
// (~10,800 rows a day at 70,000 requests a day). Every counter is a plain count, so a coarser table whose rows
// are sums of `kpi_rollup`'s rows over the dimensions it leaves out answers exactly the same for any question
// that neither groups nor filters by those dimensions — from 37 rows a day instead of 10,800.

/** The non-time dimensions a rollup row can carry (time is always the local day: DAY, WEEK and MONTH are sums of days). */
export type KpiGrainDimension = 'department' | 'category' | 'region' | 'channel' | 'requestType';

export interface KpiGrain {
  /** The table. */
  table: string;
  /** Its key besides `day`, in column order. */
  dimensions: readonly KpiGrainDimension[];
}

/** The column of each dimension, in every rollup table. */
export const GRAIN_COLUMN: Record<KpiGrainDimension, string> = {
  department: 'department_id', category: 'category_id', region: 'region_id', channel: 'channel', requestType: 'request_type',
};

/** The finest grain, computed from the raw tables; it answers every question. */
export const FINE_GRAIN: KpiGrain = { table: 'kpi_rollup', dimensions: ['department', 'category', 'region', 'channel', 'requestType'] };

/**
 * The coarser grains, derived from `kpi_rollup` by the same transaction that recomputes its days, smallest first
 * (rows a day in a 70,000-a-day month: 1, 21 regions, 37 departments, 37 categories, 48 channel × type pairs,
 * 421 department × category pairs).
 */
export const COARSE_GRAINS: readonly KpiGrain[] = [
  { table: 'kpi_rollup_day', dimensions: [] },
  { table: 'kpi_rollup_region', dimensions: ['region'] },
  { table: 'kpi_rollup_department', dimensions: ['department'] },
  { table: 'kpi_rollup_category', dimensions: ['category'] },
  { table: 'kpi_rollup_channel_type', dimensions: ['channel', 'requestType'] },
  { table: 'kpi_rollup_department_category', dimensions: ['department', 'category'] },
];

/** Every rollup table, finest first (the order to recompute them in). */
export const ROLLUP_TABLES: readonly string[] = [FINE_GRAIN.table, ...[...COARSE_GRAINS].reverse().map((g) => g.table)];

const DIMENSION_OF: Partial<Record<KpiDimension, KpiGrainDimension>> = {
  [KpiDimension.DEPARTMENT]: 'department',
  [KpiDimension.CATEGORY]: 'category',
  [KpiDimension.REGION]: 'region',
  [KpiDimension.CHANNEL]: 'channel',
  [KpiDimension.REQUEST_TYPE]: 'requestType',
};

/** What a question restricts: a department, category or region subtree, or (liaisons) the actor's department subtree. */
export interface KpiFilters {
  department?: boolean;
  category?: boolean;
  region?: boolean;
}

/** The dimensions a table must keep to answer this groupBy and these filters exactly. */
export function requiredDimensions(groupBy: readonly KpiDimension[], filters: KpiFilters): Set<KpiGrainDimension> {
  const needed = new Set<KpiGrainDimension>();
  for (const dim of groupBy) {
    const d = DIMENSION_OF[dim];
    if (d) needed.add(d);
  }
  if (filters.department) needed.add('department');
  if (filters.category) needed.add('category');
  if (filters.region) needed.add('region');
  return needed;
}

/** Whether a grain keeps all of these dimensions. */
export function grainCovers(grain: KpiGrain, needed: Iterable<KpiGrainDimension>): boolean {
  for (const d of needed) if (!grain.dimensions.includes(d)) return false;
  return true;
}

/** The smallest grain that answers exactly: the first coarse grain keeping every needed dimension, else `kpi_rollup`. */
export function chooseKpiGrain(groupBy: readonly KpiDimension[], filters: KpiFilters): KpiGrain {
  const needed = requiredDimensions(groupBy, filters);
  return COARSE_GRAINS.find((g) => grainCovers(g, needed)) ?? FINE_GRAIN;
}

/**
 * The table to derive a coarse grain from: the smallest grain recomputed before it (ROLLUP_TABLES order) that
 * keeps its dimensions — departments from department × category, not from `kpi_rollup`. Sums of sums are the
 * same sums.
 */
export function sourceGrain(grain: KpiGrain): KpiGrain {
  const later = COARSE_GRAINS.slice(COARSE_GRAINS.indexOf(grain) + 1);
  return later.find((g) => grainCovers(g, grain.dimensions)) ?? FINE_GRAIN;
}
