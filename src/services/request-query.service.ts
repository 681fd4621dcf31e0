import { Citizen, ServiceRequest, TimelineEvent } from '../entities';
import { hasRole, readsAllRequests } from '../auth/actor';
import { RequestStatus, Role } from '../domain/enums';
import { badInput, forbidden } from '../domain/errors';
import { normalizePhone } from '../domain/phone';
import { bigramLexeme, containsPattern, searchTerm } from '../domain/text-search';
import { ServiceRequestFilter } from './commands';
import { requireCategoryByCode, requireDepartmentByCode, requireRegionSubtreeIds } from './reference-lookup';
import { entityRows } from './entity-rows';
import { emptyPage, KeysetOptions, keysetPage } from './keyset-cursor';
import { Page, PageRequest } from './page';
import { canViewRequest } from './scope';
import { ServiceContext } from './service-context';
import { EntityFilter, entityFilter, SqlParams } from './sql-params';

const CODE_MAX = 32; // service_request.code
const RUNNING_CLOCK = [RequestStatus.DISPATCHED, RequestStatus.IN_PROGRESS, RequestStatus.AWAITING_FOLLOW_UP];
const ID = /^[1-9][0-9]{0,17}$/;

// Served by service_request_created_idx (created_at, id); equal times are ordered by id.
const newestFirst: KeysetOptions = { sortColumn: 'r.created_at', idColumn: 'r.id', direction: 'DESC' };

function assertMayReadRequests(ctx: ServiceContext): void {
  if (!readsAllRequests(ctx.actor) && !hasRole(ctx.actor, Role.LIAISON)) throw forbidden('your role cannot read service requests');
}

/** Liaisons see only requests with an assignment (any status) to their department subtree. */
function restrictToScope(ctx: ServiceContext, f: EntityFilter): void {
  if (readsAllRequests(ctx.actor)) return;
  if (!ctx.actor.departmentPath) {
    f.where.push('FALSE'); // a liaison without a department sees nothing
    return;
  }
  f.where.push(
    `EXISTS (SELECT 1 FROM assignment sa JOIN department sd ON sd.id = sa.department_id
             WHERE sa.request_id = r.id AND sd.path LIKE ${f.params.add(`${ctx.actor.departmentPath}%`)})`,
  );
}

/** One request by id or code; null when missing or outside the actor's scope (existence must not leak). */
export async function findRequest(ctx: ServiceContext, by: { id?: string | null; code?: string | null }): Promise<ServiceRequest | null> {
  assertMayReadRequests(ctx);
  if ((by.id == null) === (by.code == null)) throw badInput('give exactly one of id or code');
  const requests = entityRows(ctx.em, ServiceRequest);
  let request: ServiceRequest | null;
  if (by.id != null) {
    request = ID.test(by.id) ? await requests.first('r', 'r.id = $1', [by.id]) : null;
  } else {
    const code = by.code!.trim();
    // Longer than the column or holding NUL (which PostgreSQL refuses in text): no request has that code.
    request = code.length <= CODE_MAX && !code.includes('\u0000') ? await requests.first('r', 'r.code = $1', [code]) : null;
  }
  if (!request || !(await canViewRequest(ctx, request.id))) return null;
  return request;
}

export async function listRequests(ctx: ServiceContext, filter: ServiceRequestFilter, page: PageRequest): Promise<Page<ServiceRequest>> {
  assertMayReadRequests(ctx);
  const f = entityFilter('r');
  restrictToScope(ctx, f);
  await applyFilter(ctx, f, filter ?? {});
  return keysetPage(ctx.em, ServiceRequest, f, page, newestFirst);
}

async function applyFilter(ctx: ServiceContext, { where, params: p }: EntityFilter, f: ServiceRequestFilter): Promise<void> {
  if (f.status?.length) where.push(`r.status = ANY(${p.add(f.status)}::request_status[])`);
  if (f.type?.length) where.push(`r.type = ANY(${p.add(f.type)}::request_type[])`);
  if (f.urgency?.length) where.push(`r.urgency = ANY(${p.add(f.urgency)}::urgency[])`);
  if (f.categoryCode) {
    const category = await requireCategoryByCode(ctx, f.categoryCode);
    where.push(`r.category_id IN (SELECT id FROM category WHERE path LIKE ${p.add(`${category.path}%`)})`);
  }
  if (f.regionCode) {
    // The ids as a list (IN ($1, $2, …)): one id is an equality, which lets a street's own index order serve.
    const ids = await requireRegionSubtreeIds(ctx, f.regionCode);
    where.push(`r.region_id IN (${ids.map((id) => p.add(id)).join(', ')})`);
  }
  if (f.departmentCode) {
    const department = await requireDepartmentByCode(ctx, f.departmentCode);
    where.push(
      `EXISTS (SELECT 1 FROM assignment fa JOIN department fd ON fd.id = fa.department_id
               WHERE fa.request_id = r.id AND fd.path LIKE ${p.add(`${department.path}%`)})`,
    );
  }
  if (f.overdue != null) {
    const overdue = `r.status = ANY(${p.add(RUNNING_CLOCK)}::request_status[]) AND r.due_at < ${p.add(ctx.now)}`;
    // due_at IS NULL never counts as overdue (the comparison is NULL): NOT of it must say false, not NULL.
    where.push(f.overdue ? overdue : `NOT COALESCE(${overdue}, FALSE)`);
  }
  if (f.createdFrom) where.push(`r.created_at >= ${p.add(f.createdFrom)}`);
  if (f.createdTo) where.push(`r.created_at < ${p.add(f.createdTo)}`);
  applySearch(where, p, f.search);
  if (f.citizenPhone) {
    if (!readsAllRequests(ctx.actor)) throw forbidden('only the hotline center may look requests up by phone');
    where.push(`r.citizen_id IN (SELECT id FROM citizen WHERE phone = ${p.add(normalizePhone(f.citizenPhone))})`);
  }
}

/**
 * Substring search over title, content and code. The pg_trgm GIN indexes serve ILIKE '%…%' for terms of three
 * or more characters; two-character Chinese terms (路灯, 物业) have no whole trigram, so the bigram GIN index
 * narrows title and content first and ILIKE decides, while codes (ASCII but for some imported ones) are
 * searched for such a term only among the non-ASCII ones (a partial index). The answer is ILIKE's either way.
 */
function applySearch(where: string[], p: SqlParams, search: string | null | undefined): void {
  const term = searchTerm(search);
  if (term === null) return;
  const pattern = p.add(containsPattern(term));
  const lexeme = bigramLexeme(term);
  if (lexeme === null) {
    where.push(`r.title ILIKE ${pattern} OR r.content ILIKE ${pattern} OR r.code ILIKE ${pattern}`);
    return;
  }
  const bigram = p.add(`'${lexeme}'`);
  const lowered = p.add(lexeme);
  // text_bigrams() keeps letters and digits as the database's locale classifies them: where ideographs are
  // not letters (a C locale) the term has no bigram and the planner folds this guard to the recheck alone.
  const bigramsUsable = `text_bigrams(${p.add(term)}) @@ CAST(${bigram} AS tsquery)`;
  // The recheck is ILIKE's answer written as strpos(lower(…)): in a multibyte database ILIKE lower-cases both
  // sides, and the lexeme is the term lower-cased, with no wildcard in it. Written as ILIKE, its selectivity
  // estimate multiplies with the bigram's and a term in 3 % of the texts looks like one in a thousand: the planner
  // then reads a whole street through a lossy bitmap (0.5 s at 10 M) instead of walking its newest requests (3 ms).
  where.push(
    `(((NOT ${bigramsUsable}) OR r.text_bigrams @@ CAST(${bigram} AS tsquery))
       AND (strpos(lower(r.title), ${lowered}) > 0 OR strpos(lower(r.content), ${lowered}) > 0))
     OR (octet_length(r.code) <> char_length(r.code) AND r.code ILIKE ${pattern})`,
  );
}

/** The timeline is the audit trail: oldest first, in the order it was written. */
export async function listTimeline(ctx: ServiceContext, requestId: string, page: PageRequest): Promise<Page<TimelineEvent>> {
  assertMayReadRequests(ctx);
  if (!ID.test(requestId) || !(await canViewRequest(ctx, requestId))) return emptyPage(page);
  const f = entityFilter('t');
  f.where.push(`t.request_id = ${f.params.add(requestId)}`);
  return keysetPage(ctx.em, TimelineEvent, f, page, { sortColumn: null, idColumn: 't.id', direction: 'ASC' });
}

function assertMayReadCitizens(ctx: ServiceContext): void {
  if (!readsAllRequests(ctx.actor)) throw forbidden('your role cannot look citizens up');
}

export async function findCitizen(ctx: ServiceContext, citizenId: string): Promise<Citizen | null> {
  assertMayReadCitizens(ctx);
  if (!ID.test(citizenId)) return null;
  return entityRows(ctx.em, Citizen).first('z', 'z.id = $1', [citizenId]);
}

/** A citizen's history, newest first, for agents deciding how to answer a repeat caller. */
export async function listCitizenRequests(ctx: ServiceContext, citizenId: string, page: PageRequest): Promise<Page<ServiceRequest>> {
  if (!readsAllRequests(ctx.actor)) {
    // Liaisons reach a citizen only through one of their requests: they see that citizen's requests in their scope.
    assertMayReadRequests(ctx);
  }
  if (!ID.test(citizenId)) return emptyPage(page);
  const f = entityFilter('r');
  f.where.push(`r.citizen_id = ${f.params.add(citizenId)}`);
  restrictToScope(ctx, f);
  // A department must not learn that the caller it sees is also the reporter of a confidential request (举报人保密).
  if (!readsAllRequests(ctx.actor)) f.where.push('NOT r.confidential');
  return keysetPage(ctx.em, ServiceRequest, f, page, newestFirst);
}

