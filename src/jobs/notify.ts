import { EntityManager } from 'typeorm';
import { toGlobalId } from '../schema/global-id';
import { emitSystemOutbox, OutboxTopic } from '../services/outbox';
import { NotificationKind } from './notification-kind';

export interface NotificationSpec {
  kind: NotificationKind;
  /** What caused it (`outbox-<id>`, `reminder-<id>`): one cause notifies each recipient, and each webhook, once. */
  causeKey: string;
  message: string;
  requestId: string | null;
  requestCode: string | null;
  /** The department it concerns: that department's webhook, if any, receives it (once, not once per liaison). */
  departmentId: string | null;
  recipientIds: string[];
  /** The deadline it is about, for machine readers of the webhook. */
  deadline?: Date | null;
}

/**
 * Stores one notification per recipient and, for a department's event, a webhook delivery, in the caller's
 * transaction. Replaying the same cause adds nothing (unique keys), so handlers may run twice.
 */
export async function notify(em: EntityManager, now: Date, spec: NotificationSpec): Promise<void> {
  if (spec.recipientIds.length) {
    await em.query(
      `INSERT INTO notification (recipient_id, kind, message, request_id, department_id, cause_key, created_at)
       SELECT recipient, $2, $3, $4, $5, $6, $7 FROM unnest($1::bigint[]) AS recipient
       ON CONFLICT (cause_key, recipient_id) DO NOTHING`,
      [spec.recipientIds, spec.kind, spec.message, spec.requestId, spec.departmentId, spec.causeKey, now],
    );
  }
  if (spec.departmentId) await queueWebhookDelivery(em, now, spec);
}

/** The JSON a department's system receives (ids, codes and times; the message has no personal data). */
function webhookPayload(spec: NotificationSpec, now: Date): Record<string, unknown> {
  return {
    event: spec.kind,
    message: spec.message,
    request: spec.requestId ? { id: toGlobalId('ServiceRequest', spec.requestId), code: spec.requestCode } : null,
    deadline: spec.deadline ? spec.deadline.toISOString() : null,
    occurredAt: now.toISOString(),
  };
}

/** A delivery row plus an outbox row in the same transaction: the POST happens after commit, and is never lost. */
async function queueWebhookDelivery(em: EntityManager, now: Date, spec: NotificationSpec): Promise<void> {
  const rows: { id: string }[] = await em.query(
    `INSERT INTO webhook_delivery (webhook_id, event_key, payload, status, attempts, created_at)
     SELECT w.id, $2, $3::jsonb || jsonb_build_object('department', d.code), 'PENDING', 0, $4
     FROM department_webhook w JOIN department d ON d.id = w.department_id
     WHERE w.department_id = $1 AND w.active
     ON CONFLICT (webhook_id, event_key) DO NOTHING
     RETURNING id`,
    [spec.departmentId, spec.causeKey, JSON.stringify(webhookPayload(spec, now)), now],
  );
  for (const row of rows) await emitSystemOutbox(em, now, OutboxTopic.WEBHOOK_DELIVERY, { deliveryId: String(row.id) });
}
