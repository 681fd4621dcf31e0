import { Category, Department, Region } from '../entities';
import { badInput } from '../domain/errors';
import { TreeName, TreeNodeOf, treeOf } from './reference-cache';
import { ServiceContext } from './service-context';

/** The hotline center itself (DESIGN.md §7): a department for KPI attribution, never a dispatch target. */
export const HOTLINE_DEPARTMENT_CODE = 'HOTLINE';

const CODE_MAX = 64; // the code columns

// Codes come from clients (inputs name departments, categories and regions by code). An unknown code
// is the caller's mistake, so it answers BAD_USER_INPUT naming the code, never NOT_FOUND.
function checkedCode(what: string, code: string): string | null {
  const trimmed = typeof code === 'string' ? code.trim() : '';
  if (!trimmed) throw badInput(`${what} code is required`, { field: `${what}Code` });
  // Codes are at most 64 characters, and PostgreSQL refuses NUL in text outright: neither can name a row.
  return trimmed.length <= CODE_MAX && !trimmed.includes('\u0000') ? trimmed : null;
}

function unknownCode(what: string, code: string): Error {
  const trimmed = code.trim();
  return badInput(`unknown ${what} code ${trimmed}`, { field: `${what}Code`, code: trimmed });
}

async function requireByCode<K extends TreeName>(ctx: ServiceContext, tree: K, what: string, code: string): Promise<TreeNodeOf<K>> {
  const checked = checkedCode(what, code);
  const row = checked === null ? null : treeOf(await ctx.reference(), tree).withCode(checked);
  if (!row) throw unknownCode(what, code);
  return row;
}

/**
 * The ids of a region and every region under it. A filter on a list of ids (one id for a street) lets the planner
 * use the per-region creation index and its statistics; a sub-select by path does not.
 */
export async function requireRegionSubtreeIds(ctx: ServiceContext, code: string): Promise<string[]> {
  const region = await requireRegionByCode(ctx, code);
  return (await ctx.reference()).regions.subtree(region).map((r) => r.id);
}

export const requireDepartmentByCode = (ctx: ServiceContext, code: string): Promise<Department> =>
  requireByCode(ctx, 'departments', 'department', code);

export const requireCategoryByCode = (ctx: ServiceContext, code: string): Promise<Category> =>
  requireByCode(ctx, 'categories', 'category', code);

export const requireRegionByCode = (ctx: ServiceContext, code: string): Promise<Region> =>
  requireByCode(ctx, 'regions', 'region', code);
