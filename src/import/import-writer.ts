import { EntityManager } from 'typeorm';
import { ImportOutcome, MappedRecord, recordHash } from '../domain/import-mapping';
import { ImportLookups } from './import-lookups';

// Writes one batch of mapped records in the caller's transaction: new records as requests with their lead
// assignment and an IMPORTED timeline event, changed ones rewritten, unchanged ones left alone. Set-based
// SQL for the whole batch; the importer falls back to one record at a time to isolate a record the database
// refuses, so that it alone is rejected.

export interface SourceRow {
  line: number;
  record: MappedRecord;
}

export interface BatchContext {
  em: EntityManager;
  lookups: ImportLookups;
  source: string;
  file: string;
  /** Registers and owns the imported requests (the administrator running the import). */
  staffId: string;
  now: Date;
  /** The assignments' LISTED escalation moment for a deadline (replyEscalationTimes of domain/sla.ts). */
  replyEscalation: (dueAt: Date) => Date;
}

export interface BatchOutcome {
  imported: number;
  updated: number;
  unchanged: number;
  /** Records changed in the hotline since they were imported: the hotline's version wins. */
  keptLocal: SourceRow[];
  requestIds: string[];
}

/** A record's request and lead assignment as rows, ids resolved. */
interface Planned {
  row: SourceRow;
  hash: string;
  request: Record<string, unknown>;
  assignment: Record<string, unknown> | null;
}

const REQUEST_STATUS: Record<ImportOutcome, { department: string; center: string }> = {
  [ImportOutcome.CLOSED]: { department: 'CLOSED', center: 'CLOSED' },
  [ImportOutcome.OPEN]: { department: 'DISPATCHED', center: 'REGISTERED' },
  [ImportOutcome.IN_PROGRESS]: { department: 'IN_PROGRESS', center: 'REGISTERED' },
  [ImportOutcome.DUPLICATE]: { department: 'MERGED', center: 'MERGED' },
};

const ASSIGNMENT_STATUS: Record<ImportOutcome, string> = {
  [ImportOutcome.CLOSED]: 'COMPLETED',
  [ImportOutcome.OPEN]: 'PENDING',
  [ImportOutcome.IN_PROGRESS]: 'ACCEPTED',
  [ImportOutcome.DUPLICATE]: 'CANCELLED',
};

const DAY = 86_400_000;

async function plan(c: BatchContext, row: SourceRow): Promise<Planned> {
  const r = row.record;
  const categoryId = await c.lookups.resolve(c.em, 'category', r.category);
  const departmentId = r.department ? await c.lookups.resolve(c.em, 'department', r.department) : null;
  const byCenter = departmentId === null;
  const closed = r.closedAt?.toISOString() ?? null;
  const request = {
    code: r.code, channel: r.channel, type: r.type, status: REQUEST_STATUS[r.outcome][byCenter ? 'center' : 'department'],
    title: r.title, content: r.content, category_id: categoryId, region_id: c.lookups.regionId(r.regionCode), address: r.address,
    created_at: r.createdAt.toISOString(), updated_at: (r.closedAt ?? r.statusAt ?? r.createdAt).toISOString(),
    due_at: byCenter ? null : r.dueAt.toISOString(), closed_at: r.outcome === ImportOutcome.CLOSED ? closed : null,
    close_reason: r.outcome === ImportOutcome.CLOSED ? `imported from ${c.source}` : null,
    resolved_at_intake_at: byCenter && r.outcome === ImportOutcome.CLOSED ? closed : null,
    intake_answer: byCenter && r.outcome === ImportOutcome.CLOSED ? `handled by the call center of ${c.source}` : null,
    phone: r.phone, name: r.name,
  };
  if (byCenter) return { row, hash: recordHash(r), request, assignment: null };
  const dispatched = r.createdAt.getTime();
  const assignment = {
    department_id: departmentId, status: ASSIGNMENT_STATUS[r.outcome], dispatched_at: r.createdAt.toISOString(),
    accept_due_at: new Date(Math.min(dispatched + DAY, r.dueAt.getTime())).toISOString(), due_at: r.dueAt.toISOString(),
    reply_escalate_at: c.replyEscalation(r.dueAt).toISOString(),
    accepted_at: r.outcome === ImportOutcome.IN_PROGRESS ? (r.statusAt ?? r.createdAt).toISOString() : null,
    replied_at: r.outcome === ImportOutcome.CLOSED ? closed : null,
    replied_on_time: r.outcome === ImportOutcome.CLOSED ? r.closedAt!.getTime() <= r.dueAt.getTime() : null,
    completed_at: r.outcome === ImportOutcome.CLOSED ? closed : null,
    cancelled_at: r.outcome === ImportOutcome.DUPLICATE ? closed ?? r.createdAt.toISOString() : null,
  };
  return { row, hash: recordHash(r), request, assignment };
}

export async function writeBatch(c: BatchContext, rows: SourceRow[]): Promise<BatchOutcome> {
  const known = await knownRecords(c, rows.map((r) => r.record.sourceId));
  const fresh: Planned[] = [];
  const changed: { planned: Planned; requestId: string }[] = [];
  const out: BatchOutcome = { imported: 0, updated: 0, unchanged: 0, keptLocal: [], requestIds: [] };
  for (const row of rows) {
    const planned = await plan(c, row);
    const before = known.get(row.record.sourceId);
    if (!before) fresh.push(planned);
    else if (before.hash === planned.hash) out.unchanged++;
    else if (before.touchedSince) out.keptLocal.push(row);
    else changed.push({ planned, requestId: before.requestId });
  }
  if (fresh.length) out.requestIds.push(...(await insertFresh(c, fresh)));
  for (const { planned, requestId } of changed) out.requestIds.push(await rewrite(c, planned, requestId));
  out.imported = fresh.length;
  out.updated = changed.length;
  await linkDuplicates(c, out.requestIds);
  return out;
}

interface Known { requestId: string; hash: string; touchedSince: boolean }

/** Records of these source ids imported before; "touched" when the request changed after its import. */
async function knownRecords(c: BatchContext, sourceIds: string[]): Promise<Map<string, Known>> {
  const rows: { source_id: string; request_id: string; content_hash: string; touched: boolean }[] = await c.em.query(
    `SELECT i.source_id, i.request_id::text, i.content_hash,
            EXISTS (SELECT 1 FROM timeline_event e WHERE e.request_id = i.request_id AND e.kind <> 'IMPORTED') AS touched
     FROM import_record i WHERE i.source = $1 AND i.source_id = ANY($2::text[])`,
    [c.source, sourceIds],
  );
  return new Map(rows.map((r) => [r.source_id, { requestId: r.request_id, hash: r.content_hash, touchedSince: r.touched }]));
}

async function insertFresh(c: BatchContext, batch: Planned[]): Promise<string[]> {
  const citizens = await citizenIds(c, batch);
  const requests = batch.map((p) => ({ ...p.request, citizen_id: p.request.phone ? citizens.get(p.request.phone as string) ?? null : null }));
  const inserted: { id: string; code: string }[] = await c.em.query(
    `WITH ins AS (
       INSERT INTO service_request (code, channel, type, urgency, status, title, content, category_id, region_id, address, citizen_id,
         created_at, updated_at, registered_by_id, owner_id, due_at, closed_at, close_reason, resolved_at_intake_at, intake_answer)
       SELECT s.code, s.channel::channel, s.type::request_type, 'NORMAL', s.status::request_status, s.title, s.content, s.category_id,
         s.region_id, s.address, s.citizen_id, s.created_at, s.updated_at, $2, $2, s.due_at, s.closed_at, s.close_reason,
         s.resolved_at_intake_at, s.intake_answer
       FROM jsonb_to_recordset($1::jsonb) AS s(code text, channel text, type text, status text, title text, content text,
         category_id bigint, region_id bigint, address text, citizen_id bigint, created_at timestamptz, updated_at timestamptz,
         due_at timestamptz, closed_at timestamptz, close_reason text, resolved_at_intake_at timestamptz, intake_answer text)
       RETURNING id::text, code)
     SELECT * FROM ins`,
    [JSON.stringify(requests), c.staffId],
  );
  const idOf = new Map(inserted.map((r) => [r.code, r.id]));
  const ids = batch.map((p) => idOf.get(p.request.code as string)!);
  await insertAssignments(c, batch.map((p, i) => ({ planned: p, requestId: ids[i] })));
  await insertTimeline(c, batch.map((p, i) => ({ planned: p, requestId: ids[i], summary: `Imported from ${c.source} (record ${p.row.record.sourceId})` })));
  await c.em.query(
    `INSERT INTO import_record (source, source_id, request_id, content_hash, imported_at, updated_at)
     SELECT $1, x.source_id, x.request_id, x.hash, $2, $2 FROM jsonb_to_recordset($3::jsonb) AS x(source_id text, request_id bigint, hash text)`,
    [c.source, c.now, JSON.stringify(batch.map((p, i) => ({ source_id: p.row.record.sourceId, request_id: ids[i], hash: p.hash })))],
  );
  return ids;
}

/** One citizen per phone number, as at intake: existing ones are reused, new ones created. */
async function citizenIds(c: BatchContext, batch: Planned[]): Promise<Map<string, string>> {
  const people = new Map<string, string | null>();
  for (const p of batch) if (p.request.phone) people.set(p.request.phone as string, (p.request.name as string | null) ?? people.get(p.request.phone as string) ?? null);
  if (people.size === 0) return new Map();
  const rows: { id: string; phone: string }[] = await c.em.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(phone text, name text)),
          ins AS (INSERT INTO citizen (name, phone) SELECT name, phone FROM input ON CONFLICT (phone) WHERE phone IS NOT NULL DO NOTHING RETURNING id, phone)
     SELECT id::text, phone FROM ins UNION ALL SELECT c.id::text, c.phone FROM citizen c JOIN input USING (phone)`,
    [JSON.stringify([...people].map(([phone, name]) => ({ phone, name })))],
  );
  return new Map(rows.map((r) => [r.phone, r.id]));
}

async function insertAssignments(c: BatchContext, items: { planned: Planned; requestId: string }[]): Promise<void> {
  const rows = items.filter((i) => i.planned.assignment).map((i) => ({ ...i.planned.assignment, request_id: i.requestId }));
  if (!rows.length) return;
  await c.em.query(
    `WITH ins AS (
       INSERT INTO assignment (request_id, department_id, role, status, round, dispatched_at, accept_due_at, due_at, reply_escalate_at,
                               accepted_at, replied_at, replied_on_time, completed_at, cancelled_at, designated)
       SELECT a.request_id, a.department_id, 'LEAD', a.status::assignment_status, 1, a.dispatched_at, a.accept_due_at, a.due_at,
              a.reply_escalate_at, a.accepted_at, a.replied_at, a.replied_on_time, a.completed_at, a.cancelled_at, false
       FROM jsonb_to_recordset($1::jsonb) AS a(request_id bigint, department_id bigint, status text, dispatched_at timestamptz,
         accept_due_at timestamptz, due_at timestamptz, reply_escalate_at timestamptz, accepted_at timestamptz, replied_at timestamptz,
         replied_on_time boolean, completed_at timestamptz, cancelled_at timestamptz)
       RETURNING id, request_id)
     UPDATE service_request r SET lead_assignment_id = ins.id FROM ins WHERE r.id = ins.request_id`,
    [JSON.stringify(rows)],
  );
}

async function insertTimeline(c: BatchContext, items: { planned: Planned; requestId: string; summary: string }[]): Promise<void> {
  await c.em.query(
    `INSERT INTO timeline_event (request_id, at, kind, actor_id, summary, data)
     SELECT x.request_id, x.at, 'IMPORTED', NULL, x.summary, x.data FROM jsonb_to_recordset($1::jsonb) AS x(request_id bigint, at timestamptz, summary text, data jsonb)`,
    [JSON.stringify(items.map((i) => ({
      request_id: i.requestId, at: i.planned.request.updated_at, summary: i.summary,
      data: { source: c.source, sourceId: i.planned.row.record.sourceId, file: c.file, line: i.planned.row.line, outcome: i.planned.row.record.outcome },
    })))],
  );
}

/** A corrected record: the request takes the new content and its imported assignment is replaced. */
async function rewrite(c: BatchContext, p: Planned, requestId: string): Promise<string> {
  const r = p.request;
  await c.em.query(`UPDATE service_request SET lead_assignment_id = NULL WHERE id = $1`, [requestId]);
  await c.em.query(`DELETE FROM assignment WHERE request_id = $1`, [requestId]);
  await c.em.query(
    `UPDATE service_request SET channel = $2::channel, type = $3::request_type, status = $4::request_status, title = $5, content = $6,
       category_id = $7, region_id = $8, address = $9, created_at = $10, updated_at = $11, due_at = $12, closed_at = $13,
       close_reason = $14, resolved_at_intake_at = $15, intake_answer = $16, merged_into_id = NULL, version = version + 1
     WHERE id = $1`,
    [requestId, r.channel, r.type, r.status, r.title, r.content, r.category_id, r.region_id, r.address, r.created_at, r.updated_at,
      r.due_at, r.closed_at, r.close_reason, r.resolved_at_intake_at, r.intake_answer],
  );
  await insertAssignments(c, [{ planned: p, requestId }]);
  await insertTimeline(c, [{ planned: p, requestId, summary: `Re-imported from ${c.source}: the source record ${p.row.record.sourceId} changed` }]);
  await c.em.query(`UPDATE import_record SET content_hash = $3, updated_at = $4 WHERE source = $1 AND source_id = $2`, [c.source, p.row.record.sourceId, p.hash, c.now]);
  return requestId;
}

/**
 * 并单: a duplicate is merged into the latest earlier request of the same category at the same address within
 * 30 days, when there is one (the source names no primary).
 */
async function linkDuplicates(c: BatchContext, requestIds: string[]): Promise<void> {
  if (!requestIds.length) return;
  await c.em.query(
    `UPDATE service_request d SET merged_into_id = (
       SELECT p.id FROM service_request p
       WHERE p.category_id = d.category_id AND p.address = d.address AND p.status <> 'MERGED' AND p.id <> d.id
         AND p.created_at <= d.created_at AND p.created_at >= d.created_at - interval '30 days'
       ORDER BY p.created_at DESC LIMIT 1)
     WHERE d.id = ANY($1::bigint[]) AND d.status = 'MERGED' AND d.address IS NOT NULL`,
    [requestIds],
  );
}
