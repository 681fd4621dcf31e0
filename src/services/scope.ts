import { Assignment } from '../entities';
import { notFound } from '../domain/errors';
import { Actor, readsAllRequests } from '../auth/actor';
import { treeNodesById } from './reference-cache';
import { ServiceContext } from './service-context';

// Liaisons work and read only within their department's subtree (DESIGN.md §3). Outside it, things
// answer NOT_FOUND: a liaison must not learn that another department's request exists.

export function subtreeOf(actor: Actor): string | null {
  return actor.departmentPath;
}

export async function departmentInScope(ctx: ServiceContext, departmentId: string): Promise<boolean> {
  const path = subtreeOf(ctx.actor);
  if (!path) return false;
  const [dept] = await treeNodesById(ctx.em, await ctx.reference(), 'departments', [departmentId]);
  return !!dept && dept.path.startsWith(path);
}

/** A liaison may act on an assignment of their department or a sub-department only. */
export async function assertAssignmentInScope(ctx: ServiceContext, assignment: Assignment): Promise<void> {
  if (!(await departmentInScope(ctx, assignment.departmentId))) throw notFound('assignment');
}

/** Whether the actor may read this request: all for center staff, assigned ones (any status) for liaisons. */
export async function canViewRequest(ctx: ServiceContext, requestId: string): Promise<boolean> {
  if (readsAllRequests(ctx.actor)) return true;
  const path = subtreeOf(ctx.actor);
  if (!path) return false;
  const hits: unknown[] = await ctx.em.query(
    `SELECT 1 FROM assignment a JOIN department d ON d.id = a.department_id WHERE a.request_id = $1 AND d.path LIKE $2 LIMIT 1`,
    [requestId, `${path}%`],
  );
  return hits.length > 0;
}
