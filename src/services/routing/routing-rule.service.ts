import { hasRole } from '../../auth/actor';
import { Role } from '../../domain/enums';
import { badInput, forbidden, notFound } from '../../domain/errors';
import { RoutingRule } from '../../entities';
import { requireDbId } from '../db-id';
import { HOTLINE_DEPARTMENT_CODE, requireCategoryByCode, requireDepartmentByCode, requireRegionByCode } from '../reference-lookup';
import { ServiceContext } from '../service-context';

// 派单规则, managed by administrators (issue 5); the center reads them to see why a suggestion was made.

export interface RoutingRuleInput {
  /** Given: replace that rule; absent: a new rule. */
  id?: string | null;
  categoryCode: string;
  regionCode?: string | null;
  departmentCode: string;
  priority?: number | null;
  autoDispatch?: boolean | null;
}

export const PRIORITY_LIMIT = 1000;

function requireAdmin(ctx: ServiceContext): void {
  if (!hasRole(ctx.actor, Role.ADMIN)) throw forbidden('only administrators manage routing rules');
}

export async function listRoutingRules(ctx: ServiceContext, filter: { categoryCode?: string | null }): Promise<RoutingRule[]> {
  const qb = ctx.em.getRepository(RoutingRule).createQueryBuilder('r').orderBy('r.category_id').addOrderBy('r.priority', 'DESC').addOrderBy('r.id');
  if (filter.categoryCode) {
    const category = await requireCategoryByCode(ctx, filter.categoryCode);
    qb.where('r.category_id IN (SELECT id FROM category WHERE path LIKE :path)', { path: `${category.path}%` });
  }
  return qb.getMany();
}

export async function upsertRoutingRule(ctx: ServiceContext, input: RoutingRuleInput): Promise<RoutingRule> {
  requireAdmin(ctx);
  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > PRIORITY_LIMIT) {
    throw badInput(`priority must be a whole number between -${PRIORITY_LIMIT} and ${PRIORITY_LIMIT}`, { field: 'priority' });
  }
  const category = await requireCategoryByCode(ctx, input.categoryCode);
  const region = input.regionCode ? await requireRegionByCode(ctx, input.regionCode) : null;
  const department = await requireDepartmentByCode(ctx, input.departmentCode);
  if (department.code === HOTLINE_DEPARTMENT_CODE) throw badInput('the hotline center cannot be dispatched to', { field: 'departmentCode' });
  const repo = ctx.em.getRepository(RoutingRule);
  const rule = input.id
    ? await repo.findOne({ where: { id: requireDbId(input.id, 'routing rule') }, lock: { mode: 'pessimistic_write' } })
    : repo.create();
  if (!rule) throw notFound('routing rule');
  Object.assign(rule, {
    categoryId: category.id, regionId: region?.id ?? null, departmentId: department.id, priority,
    autoDispatch: input.autoDispatch === true, updatedAt: ctx.now, updatedById: ctx.actor.staffId,
  });
  return repo.save(rule);
}

/** Deletes a rule; its id is then unknown (NOT_FOUND on a second delete). */
export async function deleteRoutingRule(ctx: ServiceContext, id: string): Promise<RoutingRule> {
  requireAdmin(ctx);
  const repo = ctx.em.getRepository(RoutingRule);
  const rule = await repo.findOne({ where: { id: requireDbId(id, 'routing rule') }, lock: { mode: 'pessimistic_write' } });
  if (!rule) throw notFound('routing rule');
  const deleted = { ...rule };
  await repo.delete({ id: rule.id });
  return deleted;
}
