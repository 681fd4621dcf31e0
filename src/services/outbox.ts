import { EntityManager } from 'typeorm';
import { ServiceContext } from './service-context';

/**
 * What a committed change must cause later (DESIGN.md §6). Rows are written in the mutation's own
 * transaction; the relay (src/jobs) moves them onto BullMQ. Payloads carry ids only, never personal data.
 */
export enum OutboxTopic {
  REQUEST_CHANGED = 'request.changed',            // rollup dirtiness for the request's buckets
  ASSIGNMENT_DISPATCHED = 'assignment.dispatched', // ASSIGNED notification to the department's liaisons
  RETURN_DECIDED = 'assignment.return-decided',
  EXTENSION_DECIDED = 'assignment.extension-decided',
  REPLY_REJECTED = 'assignment.reply-rejected',
  REHANDLING = 'request.rehandling',
  SUPERVISED = 'request.supervised',
  DEADLINES_CHANGED = 'deadlines.changed',         // re-arm reminders (dispatch, extension, follow-up start)
  WEBHOOK_DELIVERY = 'webhook.delivery',           // POST one notification to a department's webhook (jobs only)
}

export async function emitOutbox(ctx: ServiceContext, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
  await emitSystemOutbox(ctx.em, ctx.now, topic, payload);
}

/** The same from a job's transaction, which has no acting staff member (reminders, webhook deliveries). */
export async function emitSystemOutbox(em: EntityManager, at: Date, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
  await em.query(`INSERT INTO outbox_event (topic, payload, created_at) VALUES ($1, $2, $3)`, [topic, JSON.stringify(payload), at]);
}
