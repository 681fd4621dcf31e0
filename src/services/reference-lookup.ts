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
async function requireByCode<T extends Tree>(em: EntityManager, target: EntityTarget<T>, what: string, code: string): Promise<T> {
  const trimmed = typeof code === 'string' ? code.trim() : '';
  if (!trimmed) throw badInput(`${what} code is required`, { field: `${what}Code` });
  // Codes are at most 64 characters, and PostgreSQL refuses NUL in text outright: neither can name a row.
  const row = trimmed.length <= CODE_MAX && !trimmed.includes('\u0000')
    ? await em.getRepository(target).findOne({ where: { code: trimmed } as never })
    : null;
  if (!row) throw badInput(`unknown ${what} code ${trimmed}`, { field: `${what}Code`, code: trimmed });
  return row;
}

export const requireDepartmentByCode = (ctx: ServiceContext, code: string): Promise<Department> =>
  requireByCode(ctx.em, Department, 'department', code);

export const requireCategoryByCode = (ctx: ServiceContext, code: string): Promise<Category> =>
  requireByCode(ctx.em, Category, 'category', code);

export const requireRegionByCode = (ctx: ServiceContext, code: string): Promise<Region> =>
  requireByCode(ctx.em, Region, 'region', code);
