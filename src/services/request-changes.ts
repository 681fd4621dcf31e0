import { ServiceRequest } from '../entities';
import { emitOutbox, OutboxTopic } from './outbox';
import { ServiceContext } from './service-context';

/**
 * Persists a change to a request (or to one of its children: an assignment, extension, follow-up or note
 * is part of the request's story) and tells analytics its buckets are dirty. Every lifecycle mutation ends here
 * once, so `updatedAt` and the REQUEST_CHANGED outbox row can never be forgotten.
 */
export async function saveRequestChange(ctx: ServiceContext, request: ServiceRequest): Promise<ServiceRequest> {
  request.updatedAt = ctx.now;
  const saved = await ctx.em.getRepository(ServiceRequest).save(request);
  await emitOutbox(ctx, OutboxTopic.REQUEST_CHANGED, { requestId: request.id });
  return saved;
}

/** Deadlines started or moved: the reminder jobs re-arm for these rows (DESIGN.md §6). */
export async function deadlinesChanged(ctx: ServiceContext, requestId: string, assignmentIds: string[] = []): Promise<void> {
  await emitOutbox(ctx, OutboxTopic.DEADLINES_CHANGED, { requestId, assignmentIds });
}
