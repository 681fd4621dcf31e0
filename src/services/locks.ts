import { Assignment, ExtensionRequest, ServiceRequest } from '../entities';
import { notFound } from '../domain/errors';
import { ServiceContext } from './service-context';

// Lock order, everywhere: the request row first, then its assignments. Every change to a request or to
// one of its assignments holds the request's row lock, so racing transitions serialise and exactly one wins.

export async function lockRequest(ctx: ServiceContext, requestId: string): Promise<ServiceRequest> {
  const request = await ctx.em
    .getRepository(ServiceRequest)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :requestId', { requestId })
    .getOne();
  if (!request) throw notFound('service request');
  return request;
}

/** Locks several requests in id order (merge), so two merges over the same requests cannot deadlock. */
export async function lockRequests(ctx: ServiceContext, requestIds: string[]): Promise<ServiceRequest[]> {
  const ids = [...new Set(requestIds)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const rows = await ctx.em
    .getRepository(ServiceRequest)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id IN (:...ids)', { ids })
    .orderBy('r.id')
    .getMany();
  if (rows.length !== ids.length) throw notFound('service request');
  return rows;
}

export async function lockAssignment(ctx: ServiceContext, assignmentId: string): Promise<{ assignment: Assignment; request: ServiceRequest }> {
  const ref = await ctx.em.getRepository(Assignment).findOne({ where: { id: assignmentId }, select: { id: true, requestId: true } });
  if (!ref) throw notFound('assignment');
  const request = await lockRequest(ctx, ref.requestId);
  // Re-read under the request's lock: what we saw before it may have changed.
  const assignment = await ctx.em.getRepository(Assignment).findOneOrFail({ where: { id: assignmentId } });
  return { assignment, request };
}

export async function lockExtension(
  ctx: ServiceContext,
  extensionId: string,
): Promise<{ extension: ExtensionRequest; assignment: Assignment; request: ServiceRequest }> {
  const ref = await ctx.em.getRepository(ExtensionRequest).findOne({ where: { id: extensionId }, select: { id: true, assignmentId: true } });
  if (!ref) throw notFound('extension request');
  const { assignment, request } = await lockAssignment(ctx, ref.assignmentId);
  const extension = await ctx.em.getRepository(ExtensionRequest).findOneOrFail({ where: { id: extensionId } });
  return { extension, assignment, request };
}
