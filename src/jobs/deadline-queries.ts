import { EntityManager } from 'typeorm';
import { ReminderSubject } from '../entities/reminder-ledger.entity';
import { DeadlineRule, DueItem } from './deadline-rules';

// The SQL behind the deadline rules. Every lookup is a range on one indexed deadline column, restricted to
// the states in which that clock runs (the partial indexes of the migrations), never a scan of all rows.

const PAGE = 500;
const IDENTIFIER = /^[a-z_]+$/;
const ENUM_VALUE = /^[A-Z_]+$/;

function source(rule: DeadlineRule): { from: string; select: string; requestColumn: string; where: string[] } {
  for (const c of [rule.fireColumn, rule.deadlineColumn]) if (!IDENTIFIER.test(c)) throw new Error(`bad column ${c}`);
  for (const s of rule.statuses) if (!ENUM_VALUE.test(s)) throw new Error(`bad status ${s}`);
  // Literal states (not parameters) so that the planner can match the partial indexes' predicates.
  const where = [`s.status IN (${rule.statuses.map((s) => `'${s}'`).join(', ')})`];
  const times = `s.${rule.deadlineColumn} AS deadline, s.${rule.fireColumn} AS fire_at`;
  if (rule.subject === ReminderSubject.REQUEST) {
    return { from: 'service_request s', select: `s.id AS subject_id, s.id AS request_id, NULL AS department_id, ${times}`, requestColumn: 's.id', where };
  }
  // Only the lead: the request by its primary key (or lead_assignment_id's index; the planner chooses).
  const from = rule.leadOnly ? 'assignment s JOIN service_request r ON r.id = s.request_id AND r.lead_assignment_id = s.id' : 'assignment s';
  return { from, select: `s.id AS subject_id, s.request_id, s.department_id, ${times}`, requestColumn: 's.request_id', where };
}

export interface Candidate extends DueItem { fireColumnTime: Date }

export interface CandidateRange {
  /** Fire-column times after this (exclusive); null = from the beginning. */
  after: Date | null;
  /** … up to this (inclusive). */
  upTo: Date;
  /** Only this request's rows (the re-check after a deadline moved). */
  requestId?: string;
}

/** Rows whose fire column lies in the range, in pages ordered by (time, id). */
export async function* candidates(em: EntityManager, rule: DeadlineRule, range: CandidateRange): AsyncGenerator<Candidate> {
  const src = source(rule);
  const fire = `s.${rule.fireColumn}`;
  const where = [...src.where, `${fire} <= $1`];
  const params: unknown[] = [range.upTo];
  if (range.after) where.push(`${fire} > $${params.push(range.after)}`);
  if (range.requestId) where.push(`${src.requestColumn} = $${params.push(range.requestId)}`);
  let last: { time: Date; id: string } | null = null;
  for (;;) {
    const page: string[] = last ? [...where, `(${fire}, s.id) > ($${params.length + 1}, $${params.length + 2})`] : where;
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT ${src.select} FROM ${src.from} WHERE ${page.join(' AND ')} ORDER BY ${fire}, s.id LIMIT ${PAGE}`,
      last ? [...params, last.time, last.id] : params,
    );
    for (const r of rows) yield toCandidate(r);
    if (rows.length < PAGE) return;
    const end = rows[rows.length - 1];
    last = { time: end.fire_at as Date, id: String(end.subject_id) };
  }
}

function toCandidate(r: Record<string, unknown>): Candidate {
  return {
    subjectId: String(r.subject_id),
    requestId: String(r.request_id),
    departmentId: r.department_id === null ? null : String(r.department_id),
    deadline: r.deadline as Date,
    fireColumnTime: r.fire_at as Date,
  };
}

/** Under the request's lock: does the row still owe this reminder (same state, same deadline)? */
export async function stillOwed(em: EntityManager, rule: DeadlineRule, item: DueItem): Promise<boolean> {
  const src = source(rule);
  const rows = await em.query(
    `SELECT 1 FROM ${src.from} WHERE ${[...src.where, 's.id = $1', `s.${rule.deadlineColumn} = $2`].join(' AND ')}`,
    [item.subjectId, item.deadline],
  );
  return rows.length > 0;
}

/** The once-only claim: the first transaction to insert the ledger row fires the reminder; everyone else gets null. */
export async function claimReminder(em: EntityManager, rule: DeadlineRule, item: DueItem, now: Date): Promise<string | null> {
  const rows: { id: string }[] = await em.query(
    `INSERT INTO reminder_ledger (subject_type, subject_id, kind, deadline, fired_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (subject_type, subject_id, kind, deadline) DO NOTHING RETURNING id`,
    [rule.subject, item.subjectId, rule.kind, item.deadline, now],
  );
  return rows.length ? String(rows[0].id) : null;
}
