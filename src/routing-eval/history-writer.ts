import { DataSource, EntityManager } from 'typeorm';
import { rankRules } from '../domain/routing';
import { between, Random } from '../seed/random';
import { matchingRules } from '../services/routing/routing-evidence';
import { HistoryRequest } from './world';

// Writes the generated history straight into the tables (the API would take an hour for 20,000 requests):
// closed requests, each with its lead assignments as they happened — returned by the wrong department
// and completed by the right one — with the times on which "learning only from the past" depends.

export interface WrittenRequest {
  id: string;
  createdAt: Date;
  categoryId: string;
  regionId: string;
  title: string;
  content: string;
  finalDepartmentId: string;
  /** What the most specific rule said, for the rules-alone baseline. */
  ruleDepartmentIds: string[];
}

const BATCH = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Ids { category: Map<string, string>; region: Map<string, string>; department: Map<string, string>; agentId: string }

async function loadIds(em: EntityManager): Promise<Ids> {
  const map = async (table: string) => new Map<string, string>(
    (await em.query(`SELECT code, id::text FROM ${table}`) as { code: string; id: string }[]).map((r) => [r.code, r.id]),
  );
  const [{ id: agentId }] = await em.query(`SELECT id::text FROM staff WHERE 'AGENT' = ANY(roles) ORDER BY id LIMIT 1`);
  return { category: await map('category'), region: await map('region'), department: await map('department'), agentId };
}

/** The departments of the matching rules, most specific first (cached: rules do not change during a run). */
function ruleDepartments(em: EntityManager) {
  const cache = new Map<string, Promise<string[]>>();
  return (categoryId: string, regionId: string) => {
    const key = `${categoryId}/${regionId}`;
    if (!cache.has(key)) {
      cache.set(key, matchingRules(em, { categoryId, regionId }).then((rules) => [...new Set(rankRules(rules).map((r) => r.departmentId))]));
    }
    return cache.get(key)!;
  };
}

interface Row { request: Record<string, unknown>; assignments: Record<string, unknown>[]; written: Omit<WrittenRequest, 'id'> }

/** How the written requests are numbered: the eval's own codes, or the demo city's (date-sequence). */
export type CodeOf = (h: HistoryRequest) => string;

const evalCode: CodeOf = (h) => `EVAL${String(h.seq).padStart(8, '0')}`;

async function plan(h: HistoryRequest, ids: Ids, rulesFor: ReturnType<typeof ruleDepartments>, random: Random, codeOf: CodeOf): Promise<Row> {
  const categoryId = ids.category.get(h.categoryCode)!;
  const regionId = ids.region.get(h.regionCode)!;
  const ruleDepartmentIds = await rulesFor(categoryId, regionId);
  const finalDepartmentId = h.finalDepartmentCode ? ids.department.get(h.finalDepartmentCode)! : ruleDepartmentIds[0];
  const firstDepartmentId = h.centerKnew ? finalDepartmentId : ruleDepartmentIds[0];
  const created = h.createdAt.getTime();
  const assignments: Record<string, unknown>[] = [];
  let dispatched = created + between(random, 0.2, 1) * HOUR;
  if (firstDepartmentId !== finalDepartmentId) {
    const returned = dispatched + between(random, 0.3, 2) * DAY;
    assignments.push(assignment(firstDepartmentId, dispatched, { status: 'RETURNED', returned_at: iso(returned) }));
    dispatched = returned + between(random, 1, 4) * HOUR;
  }
  const completed = dispatched + between(random, 1, 6) * DAY;
  assignments.push(assignment(finalDepartmentId, dispatched, {
    status: 'COMPLETED', accepted_at: iso(dispatched + HOUR), replied_at: iso(completed - HOUR), replied_on_time: true, completed_at: iso(completed),
  }));
  return {
    request: {
      code: codeOf(h), title: h.title, content: h.content, category_id: categoryId, region_id: regionId,
      created_at: iso(created), closed_at: iso(completed + DAY), registered_by_id: ids.agentId,
    },
    assignments,
    written: { createdAt: h.createdAt, categoryId, regionId, title: h.title, content: h.content, finalDepartmentId, ruleDepartmentIds },
  };
}

function assignment(departmentId: string, dispatched: number, outcome: Record<string, unknown>): Record<string, unknown> {
  return {
    department_id: departmentId, dispatched_at: iso(dispatched), accept_due_at: iso(dispatched + DAY), due_at: iso(dispatched + 5 * DAY),
    accepted_at: null, returned_at: null, replied_at: null, replied_on_time: null, completed_at: null, ...outcome,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function writeHistory(
  dataSource: DataSource,
  history: HistoryRequest[],
  random: Random,
  o: { progress?: (done: number) => void; codeOf?: CodeOf } = {},
): Promise<WrittenRequest[]> {
  const ids = await loadIds(dataSource.manager);
  const rulesFor = ruleDepartments(dataSource.manager);
  const written: WrittenRequest[] = [];
  for (let i = 0; i < history.length; i += BATCH) {
    const rows: Row[] = [];
    for (const h of history.slice(i, i + BATCH)) rows.push(await plan(h, ids, rulesFor, random, o.codeOf ?? evalCode));
    const requestIds = await dataSource.transaction((em) => insertBatch(em, rows));
    rows.forEach((r, k) => written.push({ id: requestIds[k], ...r.written }));
    o.progress?.(written.length);
  }
  await dataSource.query('ANALYZE service_request; ANALYZE assignment');
  return written;
}

/** One batch: the requests, their assignments, and each request's lead pointing at its final assignment. */
async function insertBatch(em: EntityManager, rows: Row[]): Promise<string[]> {
  const inserted: { id: string; code: string }[] = await em.query(
    `WITH ins AS (
       INSERT INTO service_request (code, channel, type, urgency, status, title, content, category_id, region_id,
                                    created_at, updated_at, registered_by_id, owner_id, closed_at, close_reason)
       SELECT s.code, 'PHONE', 'COMPLAINT', 'NORMAL', 'CLOSED', s.title, s.content, s.category_id, s.region_id,
              s.created_at, s.closed_at, s.registered_by_id, s.registered_by_id, s.closed_at, 'eval history'
       FROM jsonb_to_recordset($1::jsonb) AS s(code text, title text, content text, category_id bigint, region_id bigint,
                                               created_at timestamptz, closed_at timestamptz, registered_by_id bigint)
       RETURNING id::text, code)
     SELECT * FROM ins`,
    [JSON.stringify(rows.map((r) => r.request))],
  );
  const idByCode = new Map(inserted.map((r) => [r.code, r.id]));
  const requestIds = rows.map((r) => idByCode.get(r.request.code as string)!);
  const assignments = rows.flatMap((r, k) => r.assignments.map((a) => ({ ...a, request_id: requestIds[k] })));
  await em.query(
    `INSERT INTO assignment (request_id, department_id, role, status, round, dispatched_at, accept_due_at, due_at, accepted_at,
                             returned_at, replied_at, replied_on_time, completed_at, designated)
     SELECT a.request_id, a.department_id, 'LEAD', a.status::assignment_status, 1, a.dispatched_at, a.accept_due_at, a.due_at,
            a.accepted_at, a.returned_at, a.replied_at, a.replied_on_time, a.completed_at, false
     FROM jsonb_to_recordset($1::jsonb) AS a(request_id bigint, department_id bigint, status text, dispatched_at timestamptz,
       accept_due_at timestamptz, due_at timestamptz, accepted_at timestamptz, returned_at timestamptz, replied_at timestamptz,
       replied_on_time boolean, completed_at timestamptz)`,
    [JSON.stringify(assignments)],
  );
  await em.query(
    `UPDATE service_request r SET lead_assignment_id = a.id
     FROM assignment a WHERE a.request_id = r.id AND a.status = 'COMPLETED' AND r.id = ANY($1::bigint[])`,
    [requestIds],
  );
  return requestIds;
}
