import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { JobDeps } from './job-deps';
import { markOutboxHandled } from './outbox-relay';
import { OutboxJobData } from './queues';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

// Jobs of the webhooks queue: one POST of one notification to one department's webhook. Failures throw, so
// BullMQ retries with exponential backoff; the last failure, or a refusal no retry can fix, marks the
// delivery FAILED for administrators to see. Nothing is swallowed.

export interface WebhookDeliveryOptions {
  /** A receiver slower than this has failed this attempt. */
  timeoutMs: number;
}

interface Target { url: string; secret: string; active: boolean; status: WebhookDeliveryStatus; payload: Record<string, unknown> }

/** An HTTP answer that is not 2xx. */
class WebhookHttpError extends Error {
  constructor(readonly statusCode: number) {
    super(`the receiver answered HTTP ${statusCode}`);
  }
}

/** Worth trying again: the network, a timeout, 5xx, 408 Request Timeout and 429 Too Many Requests. */
function retryable(err: unknown): boolean {
  if (!(err instanceof WebhookHttpError)) return true;
  return err.statusCode >= 500 || err.statusCode === 408 || err.statusCode === 429;
}

export async function deliverWebhook(deps: JobDeps, job: Job<OutboxJobData>, options: WebhookDeliveryOptions): Promise<void> {
  const { dataSource } = deps;
  const deliveryId = String(job.data.payload.deliveryId);
  const target = await loadTarget(dataSource, deliveryId);
  if (!target || target.status !== WebhookDeliveryStatus.PENDING) {
    await markOutboxHandled(dataSource.manager, job.data.outboxId, deps.clock.now()); // done before (a redelivered job)
    return;
  }
  try {
    if (!target.active) throw new UnrecoverableError('the webhook was deactivated before delivery');
    await post(target, deliveryId, options.timeoutMs);
  } catch (err) {
    const final = err instanceof UnrecoverableError || !retryable(err) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await recordFailure(dataSource, deliveryId, job.data.outboxId, err as Error, final, deps.clock.now());
    if (!retryable(err) && !(err instanceof UnrecoverableError)) throw new UnrecoverableError((err as Error).message);
    throw err;
  }
  await recordSuccess(dataSource, deliveryId, job.data.outboxId, deps.clock.now());
}

async function post(target: Target, deliveryId: string, timeoutMs: number): Promise<void> {
  // The delivery id is part of the signed body: a receiver can drop repeats and trust the id.
  const body = JSON.stringify({ id: deliveryId, ...target.payload });
  const res = await fetch(target.url, {
    method: 'POST',
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'hotline-12345-webhooks',
      [SIGNATURE_HEADER]: signWebhookBody(target.secret, body),
      [DELIVERY_HEADER]: deliveryId,
      [EVENT_HEADER]: String(target.payload.event ?? ''),
    },
  });
  await res.arrayBuffer().catch(() => undefined); // drain, so the connection can be reused
  if (res.status < 200 || res.status >= 300) throw new WebhookHttpError(res.status);
}

async function loadTarget(dataSource: DataSource, deliveryId: string): Promise<Target | null> {
  const rows = await dataSource.query(
    `SELECT w.url, w.secret, w.active, d.status, d.payload
     FROM webhook_delivery d JOIN department_webhook w ON w.id = d.webhook_id WHERE d.id = $1`,
    [deliveryId],
  );
  return rows[0] ?? null;
}

async function recordSuccess(dataSource: DataSource, deliveryId: string, outboxId: string, now: Date): Promise<void> {
  await dataSource.transaction(async (em) => {
    await em.query(
      `UPDATE webhook_delivery SET status = $2, attempts = attempts + 1, last_status_code = NULL, last_error = NULL, delivered_at = $3
       WHERE id = $1`,
      [deliveryId, WebhookDeliveryStatus.DELIVERED, now],
    );
    await markOutboxHandled(em, outboxId, now);
  });
}

/** fetch says only "fetch failed"; the cause (ECONNREFUSED, a DNS error, …) is what an administrator needs. */
function describe(err: Error): string {
  if (err.name === 'TimeoutError') return 'the receiver did not answer in time';
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${err.message}: ${cause.code ?? cause.message}` : err.message;
}

/** Every failed attempt is written down; the final one also gives the delivery up (and the outbox row is done). */
async function recordFailure(dataSource: DataSource, deliveryId: string, outboxId: string, err: Error, final: boolean, now: Date): Promise<void> {
  const statusCode = err instanceof WebhookHttpError ? err.statusCode : null;
  const message = describe(err).slice(0, 2000);
  await dataSource.transaction(async (em) => {
    await em.query(
      `UPDATE webhook_delivery SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
              status = CASE WHEN $4 THEN $5 ELSE status END, failed_at = CASE WHEN $4 THEN $6::timestamptz ELSE failed_at END
       WHERE id = $1`,
      [deliveryId, statusCode, message, final, WebhookDeliveryStatus.FAILED, now],
    );
    if (final) await markOutboxHandled(em, outboxId, now);
  });
}
