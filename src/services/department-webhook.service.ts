import { hasRole } from '../auth/actor';
import { Role } from '../domain/enums';
import { badInput, forbidden, invalidTransition, notFound } from '../domain/errors';
import { DepartmentWebhook, WebhookDelivery } from '../entities';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { requireDbId } from './db-id';
import { keysetPage } from './keyset-cursor';
import { emitOutbox, OutboxTopic } from './outbox';
import { Page, PageRequest } from './page';
import { requireDepartmentByCode } from './reference-lookup';
import { ServiceContext } from './service-context';
import { entityFilter } from './sql-params';

// Department webhooks (DESIGN.md §6): an administrator points a department's notifications at its own
// system or SMS gateway. The secret signs every POST and is never read back through the API.

export interface DepartmentWebhookInput {
  url: string;
  /** Required when the department has no webhook yet; omitted on an update, the old one is kept. */
  secret?: string | null;
  active: boolean;
}

export interface WebhookDeliveryFilter {
  failedOnly?: boolean | null;
  departmentCode?: string | null;
}

const URL_MAX = 500;
const SECRET_MIN = 16;
const SECRET_MAX = 200;

function requireAdmin(ctx: ServiceContext): void {
  if (!hasRole(ctx.actor, Role.ADMIN)) throw forbidden();
}

function validUrl(value: string): string {
  const url = typeof value === 'string' ? value.trim() : '';
  let parsed: URL | null = null;
  try { parsed = new URL(url); } catch { /* reported below */ }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || url.length > URL_MAX) {
    throw badInput(`url must be an http(s) URL of at most ${URL_MAX} characters`, { field: 'url' });
  }
  if (parsed.username || parsed.password) throw badInput('url must not carry credentials; the secret signs each request', { field: 'url' });
  return url;
}

function validSecret(value: string): string {
  if (typeof value !== 'string' || value.length < SECRET_MIN || value.length > SECRET_MAX || value.includes('\u0000')) {
    throw badInput(`secret must be ${SECRET_MIN} to ${SECRET_MAX} characters`, { field: 'secret' });
  }
  return value;
}

/** Creates or replaces a department's webhook. Deliveries already queued go to the URL in force when they run. */
export async function setDepartmentWebhook(ctx: ServiceContext, departmentCode: string, input: DepartmentWebhookInput): Promise<DepartmentWebhook> {
  requireAdmin(ctx);
  const department = await requireDepartmentByCode(ctx, departmentCode);
  const url = validUrl(input.url);
  const repo = ctx.em.getRepository(DepartmentWebhook);
  const existing = await repo.findOne({ where: { departmentId: department.id }, lock: { mode: 'pessimistic_write' } });
  const given = input.secret === null || input.secret === undefined ? null : validSecret(input.secret);
  if (!existing && !given) throw badInput('secret is required for a new webhook', { field: 'secret' });
  const webhook = existing ?? repo.create({ departmentId: department.id });
  Object.assign(webhook, { url, secret: given ?? webhook.secret, active: input.active === true, updatedAt: ctx.now });
  return repo.save(webhook);
}

export async function listDepartmentWebhooks(ctx: ServiceContext): Promise<DepartmentWebhook[]> {
  requireAdmin(ctx);
  return ctx.em.getRepository(DepartmentWebhook).find({ order: { departmentId: 'ASC' } });
}

/** Deliveries newest first; `failedOnly` shows the ones given up after the last retry. */
export async function listWebhookDeliveries(ctx: ServiceContext, filter: WebhookDeliveryFilter, page: PageRequest): Promise<Page<WebhookDelivery>> {
  requireAdmin(ctx);
  const f = entityFilter('d');
  if (filter.failedOnly) f.where.push(`d.status = ${f.params.add(WebhookDeliveryStatus.FAILED)}`);
  if (filter.departmentCode) {
    const department = await requireDepartmentByCode(ctx, filter.departmentCode);
    f.where.push(`d.webhook_id IN (SELECT id FROM department_webhook WHERE department_id = ${f.params.add(department.id)})`);
  }
  return keysetPage(ctx.em, WebhookDelivery, f, page, { sortColumn: null, idColumn: 'd.id', direction: 'DESC' });
}

/** An administrator sends a FAILED delivery again (the receiver is fixed): a fresh round of retries. */
export async function retryWebhookDelivery(ctx: ServiceContext, deliveryId: string): Promise<WebhookDelivery> {
  requireAdmin(ctx);
  const repo = ctx.em.getRepository(WebhookDelivery);
  const delivery = await repo.findOne({ where: { id: requireDbId(deliveryId, 'webhook delivery') }, lock: { mode: 'pessimistic_write' } });
  if (!delivery) throw notFound('webhook delivery');
  if (delivery.status !== WebhookDeliveryStatus.FAILED) throw invalidTransition(`only a FAILED delivery can be retried (this one is ${delivery.status})`);
  delivery.status = WebhookDeliveryStatus.PENDING;
  delivery.failedAt = null;
  await repo.save(delivery);
  await emitOutbox(ctx, OutboxTopic.WEBHOOK_DELIVERY, { deliveryId: delivery.id });
  return delivery;
}
