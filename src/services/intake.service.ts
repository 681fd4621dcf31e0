import { ServiceRequest } from '../entities';
import { Channel, RequestStatus, RequestType, TimelineEventKind, Urgency } from '../domain/enums';
import { badInput } from '../domain/errors';
import { formatRequestCode } from '../domain/request-code';
import { RequestAction, nextRequestStatus } from '../domain/request-lifecycle';
import { followUpDeadline } from '../domain/sla';
import { ADDRESS_MAX, ANSWER_MAX, CONTENT_MAX, TITLE_MAX, optionalText, requireText } from '../domain/text-limits';
import { citizenIdentity, findOrCreateCitizen } from './citizen-registry';
import { CreateServiceRequestCommand } from './commands';
import { requireDbId } from './db-id';
import { entityRows } from './entity-rows';
import { requireAnswerableArticle } from './knowledge-article.service';
import { lockRequest } from './locks';
import { requireCategoryByCode, requireRegionByCode } from './reference-lookup';
import { emitOutbox, OutboxTopic } from './outbox';
import { deadlinesChanged, saveRequestChange } from './request-changes';
import { refreshDueAt } from './request-deadlines';
import { directDispatchAtIntake } from './routing/direct-dispatch';
import { ServiceContext } from './service-context';
import { policyFor } from './sla-lookup';
import { appendTimeline } from './timeline';

const IDEMPOTENCY_KEY_MAX = 128; // service_request.idempotency_key column

/**
 * 受理: records a request, REGISTERED, owned by the staff member who registers it (首问负责).
 *
 * Idempotency: (registeredBy, idempotencyKey) names one request. Sending the same key again, even in parallel,
 * answers that request and creates nothing. A repeated key with DIFFERENT content also answers the original
 * request unchanged: the key says "this is the call I already made" (a client retrying after a lost response),
 * and silently creating a second request or rewriting the first would both be worse than returning what exists.
 */
export async function createServiceRequest(ctx: ServiceContext, cmd: CreateServiceRequestCommand): Promise<ServiceRequest> {
  const input = await validateIntake(ctx, cmd);
  const { seq, existingId } = await nextSequenceOrExisting(ctx, input.idempotencyKey);
  if (existingId) return (await entityRows(ctx.em, ServiceRequest).first('r', 'r.id = $1', [existingId]))!;
  const citizenId = input.citizen ? await findOrCreateCitizen(ctx, input.citizen) : null;
  const code = formatRequestCode(ctx.now, seq, ctx.timeZone);
  const request = await insertRequest(ctx, { ...input.values, code, citizenId, idempotencyKey: input.idempotencyKey });
  if (!request) {
    // A parallel call with the same key committed first: answer its request.
    return (await findByIdempotencyKey(ctx, input.idempotencyKey!))!;
  }
  await appendTimeline(ctx, {
    requestId: request.id,
    kind: TimelineEventKind.CREATED,
    summary: `Registered ${request.code} (${request.type}, ${request.urgency}) via ${request.channel}`,
    data: { code: request.code, channel: request.channel, type: request.type, urgency: request.urgency, confidential: request.confidential },
  });
  // The row was just written with updatedAt = now and nothing has changed since: saveRequestChange would re-read it
  // to find nothing to update. What it adds here is the REQUEST_CHANGED outbox row.
  await emitOutbox(ctx, OutboxTopic.REQUEST_CHANGED, { requestId: request.id });
  return directDispatchAtIntake(ctx, request, cmd.directDispatch !== false);
}

/**
 * 直接办结: answered on the spot; the follow-up clock starts now. `articleId` names the knowledge-base article the
 * answer came from (it must be one an agent may read out now), so the article's usage and satisfaction are known.
 */
export async function resolveAtIntake(ctx: ServiceContext, requestId: string, answer: string, articleId: string | null = null): Promise<ServiceRequest> {
  const text = requireText('answer', answer, ANSWER_MAX);
  const article = articleId === null ? null : await requireAnswerableArticle(ctx, articleId);
  const request = await lockRequest(ctx, requireDbId(requestId, 'service request'));
  request.status = nextRequestStatus(request.status, RequestAction.RESOLVE_AT_INTAKE);
  const policy = await policyFor(ctx, request.type, request.urgency);
  const followUp = followUpDeadline(ctx.now, policy, await ctx.calendar(), ctx.timeZone);
  request.intakeAnswer = text;
  request.resolvedAtIntakeAt = ctx.now;
  request.knowledgeArticleId = article?.id ?? null;
  request.followUpDueAt = followUp.followUpDueAt;
  request.followUpWarnAt = followUp.followUpWarnAt;
  await refreshDueAt(ctx, request, null);
  await appendTimeline(ctx, {
    requestId: request.id,
    kind: TimelineEventKind.RESOLVED_AT_INTAKE,
    summary: 'Answered at intake; awaiting follow-up',
    data: { followUpDueAt: followUp.followUpDueAt.toISOString(), ...(article ? { articleId: article.id } : {}) },
  });
  await deadlinesChanged(ctx, request.id);
  return saveRequestChange(ctx, request);
}

interface RequestValues {
  channel: Channel;
  type: RequestType;
  urgency: Urgency;
  title: string;
  content: string;
  categoryId: string;
  regionId: string | null;
  address: string | null;
  confidential: boolean;
}

// Everything the caller sent is checked before anything is written or looked up by key, so bad input is
// always BAD_USER_INPUT, whether or not the key was seen before.
async function validateIntake(ctx: ServiceContext, cmd: CreateServiceRequestCommand) {
  const idempotencyKey = validateIdempotencyKey(cmd.idempotencyKey);
  const title = requireText('title', cmd.title, TITLE_MAX);
  const content = requireText('content', cmd.content, CONTENT_MAX);
  const address = optionalText('address', cmd.address, ADDRESS_MAX);
  requireEnum('channel', cmd.channel, Channel);
  requireEnum('type', cmd.type, RequestType);
  const urgency = cmd.urgency ?? Urgency.NORMAL;
  requireEnum('urgency', urgency, Urgency);
  const citizen = citizenIdentity(cmd.citizen);
  const category = await requireCategoryByCode(ctx, cmd.categoryCode);
  const region = cmd.regionCode ? await requireRegionByCode(ctx, cmd.regionCode) : null;
  const values: RequestValues = {
    channel: cmd.channel, type: cmd.type, urgency, title, content, address,
    categoryId: category.id, regionId: region?.id ?? null, confidential: !!cmd.confidential,
  };
  return { idempotencyKey, citizen, values };
}

function validateIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  const trimmed = key.trim();
  if (!trimmed) throw badInput('idempotencyKey must not be blank', { field: 'idempotencyKey' });
  if (trimmed.includes('\u0000')) throw badInput('idempotencyKey must not contain NUL characters', { field: 'idempotencyKey' });
  if (trimmed.length > IDEMPOTENCY_KEY_MAX) throw badInput(`idempotencyKey must be at most ${IDEMPOTENCY_KEY_MAX} characters`, { field: 'idempotencyKey' });
  return trimmed;
}

function requireEnum(field: string, value: unknown, values: Record<string, string>): void {
  if (!Object.values(values).includes(value as string)) throw badInput(`invalid ${field}`, { field });
}

function findByIdempotencyKey(ctx: ServiceContext, key: string): Promise<ServiceRequest | null> {
  return entityRows(ctx.em, ServiceRequest).first('r', 'r.registered_by_id = $1 AND r.idempotency_key = $2', [ctx.actor.staffId, key]);
}

/**
 * The next number for a request code and, when a key was sent, the request it already names: one round trip on
 * every intake. A repeated key leaves a gap in the numbers, as a rolled-back intake does; codes are unique, not dense.
 */
async function nextSequenceOrExisting(ctx: ServiceContext, idempotencyKey: string | null): Promise<{ seq: number; existingId: string | null }> {
  const [row]: { seq: string; existing_id: string | null }[] = await ctx.em.query(
    `SELECT nextval('service_request_code_seq') AS seq,
            (SELECT id FROM service_request WHERE registered_by_id = $1 AND idempotency_key = $2) AS existing_id`,
    [ctx.actor.staffId, idempotencyKey],
  );
  return { seq: Number(row.seq), existingId: row.existing_id === null ? null : String(row.existing_id) };
}

/**
 * INSERT … ON CONFLICT (registered_by_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING.
 * Parallel calls with one key wait on the unique index service_request_registered_by_idem_key; all but the first
 * get no row back. Returns the new request as written (RETURNING, so nothing is read back), or null when the key
 * already existed.
 */
function insertRequest(
  ctx: ServiceContext,
  values: RequestValues & { code: string; citizenId: string | null; idempotencyKey: string | null },
): Promise<ServiceRequest | null> {
  return entityRows(ctx.em, ServiceRequest).insert(
    {
      ...values,
      status: RequestStatus.REGISTERED,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      registeredById: ctx.actor.staffId,
      ownerId: ctx.actor.staffId,
      round: 1,
    },
    'ON CONFLICT (registered_by_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING',
  );
}
