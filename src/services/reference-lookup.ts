import { EntityManager, EntityTarget } from 'typeorm';
import { Category, Department, Region } from '../entities';
import { badInput } from '../domain/errors';
import { ServiceContext } from './service-context';

/** The hotline center itself (DESIGN.md §7): a department for KPI attribution, never a dispatch target. */
export const HOTLINE_DEPARTMENT_CODE = 'HOTLINE';

type Tree = Department | Category | Region;

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

async function requireByCode<T extends Tree>(em: EntityManager, target: EntityTarget<T>, what: string, code: string): Promise<T> {
  const checked = checkedCode(what, code);
  const row = checked === null ? null : await em.getRepository(target).findOne({ where: { code: checked } as never });
  if (!row) throw unknownCode(what, code);
  return row;
}

/**
 * The ids of a region and every region under it, in one statement. A filter on a list of ids (one id for a
 * street) lets the planner use the per-region creation index and its statistics; a sub-select by path does not.
 */
export async function requireRegionSubtreeIds(ctx: ServiceContext, code: string): Promise<string[]> {
  const checked = checkedCode('region', code);
  const rows: { id: string }[] = checked === null ? [] : await ctx.em.query(
    `SELECT sub.id::text AS id FROM region top JOIN region sub ON sub.path LIKE top.path || '%' WHERE top.code = $1`, [checked]);
  if (rows.length === 0) throw unknownCode('region', code);
  return rows.map((r) => r.id);
}

export const requireDepartmentByCode = (ctx: ServiceContext, code: string): Promise<Department> =>
  requireByCode(ctx.em, Department, 'department', code);

export const requireCategoryByCode = (ctx: ServiceContext, code: string): Promise<Category> =>
  requireByCode(ctx.em, Category, 'category', code);

export const requireRegionByCode = (ctx: ServiceContext, code: string): Promise<Region> =>
  requireByCode(ctx.em, Region, 'region', code);
