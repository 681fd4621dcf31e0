import { Brackets } from 'typeorm';
import { Assignment, ExtensionRequest, FollowUp, TimelineEvent } from '../entities';
import { hasRole } from '../auth/actor';
import { AssignmentStatus, Role } from '../domain/enums';
import { forbidden } from '../domain/errors';
import { AssignmentFilter } from './commands';
import { keysetPage } from './keyset-cursor';
import { Page, PageRequest } from './page';
import { canViewRequest } from './scope';
import { ServiceContext } from './service-context';

const ID = /^[1-9][0-9]{0,17}$/;
const REPLY_CLOCK_RUNNING = [AssignmentStatus.ACCEPTED, AssignmentStatus.RETURN_REQUESTED];

/**
 * The liaison portal's work list: assignments of the liaison's department and its sub-departments, newest
 * dispatch first. Other roles have no department work list (FORBIDDEN): the center reads requests instead.
 */
export async function listMyAssignments(ctx: ServiceContext, filter: AssignmentFilter, page: PageRequest): Promise<Page<Assignment>> {
  if (!hasRole(ctx.actor, Role.LIAISON) || !ctx.actor.departmentPath) throw forbidden('only department liaisons have assignments');
  const qb = ctx.em
    .getRepository(Assignment)
    .createQueryBuilder('a')
    .where('a.department_id IN (SELECT id FROM department WHERE path LIKE :scopePath)', { scopePath: `${ctx.actor.departmentPath}%` });
  const f = filter ?? {};
  if (f.status?.length) qb.andWhere('a.status IN (:...status)', { status: f.status });
  // The deadline that matters: signing for while PENDING, replying once signed for.
  const deadline = `CASE WHEN a.status = 'PENDING' THEN a.accept_due_at ELSE a.due_at END`;
  const running = new Brackets((w) =>
    w.where(`a.status = 'PENDING'`).orWhere('a.status IN (:...replyRunning)', { replyRunning: REPLY_CLOCK_RUNNING }),
  );
  if (f.overdue === true) qb.andWhere(running).andWhere(`${deadline} < :now`, { now: ctx.now });
  if (f.overdue === false) {
    qb.andWhere(new Brackets((w) => w.where(`a.status NOT IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`).orWhere(`${deadline} >= :now`, { now: ctx.now })));
  }
  if (f.dueBefore) qb.andWhere(`${deadline} < :dueBefore`, { dueBefore: f.dueBefore });
  return keysetPage(qb, page, {
    sortColumn: 'a.dispatched_at', idColumn: 'a.id', direction: 'DESC', sortValue: (a) => a.dispatchedAt, rowId: (a) => a.id,
  });
}

async function visible<T extends { requestId: string }>(ctx: ServiceContext, row: T | null): Promise<T | null> {
  return row && (await canViewRequest(ctx, row.requestId)) ? row : null;
}

export async function findAssignment(ctx: ServiceContext, id: string): Promise<Assignment | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(Assignment).findOneBy({ id })) : null;
}

export async function findExtension(ctx: ServiceContext, id: string): Promise<ExtensionRequest | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(ExtensionRequest).findOneBy({ id })) : null;
}

export async function findFollowUp(ctx: ServiceContext, id: string): Promise<FollowUp | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(FollowUp).findOneBy({ id })) : null;
}

export async function findTimelineEvent(ctx: ServiceContext, id: string): Promise<TimelineEvent | null> {
  return ID.test(id) ? visible(ctx, await ctx.em.getRepository(TimelineEvent).findOneBy({ id })) : null;
}
