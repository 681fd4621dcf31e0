import { Assignment } from '../entities';
import { AssignmentStatus } from '../domain/enums';
import { badInput } from '../domain/errors';
import { AssignmentFilter } from './commands';
import { cursorTimeSql, decodeCursor, pageSize, toPage } from './keyset-cursor';
import { Page, PageRequest } from './page';
import { ServiceContext } from './service-context';

// The liaison portal's work list over a department subtree, newest dispatch first.
//
// `department_id IN (subtree) ORDER BY dispatched_at DESC LIMIT n` makes PostgreSQL collect and sort every
// assignment of the subtree (hundreds of thousands for a district at 10 M requests). Instead a LATERAL join
// takes the first n+1 rows of each department from assignment_department_dispatched_idx
// (department_id, dispatched_at, id) and merges them: a page costs (departments in subtree) × n index rows.

/** The deadline that matters: signing for while PENDING, replying once signed for (or while a return is asked). */
const DEADLINE = `CASE WHEN a.status = 'PENDING' THEN a.accept_due_at ELSE a.due_at END`;
const CLOCK_RUNNING = [AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED, AssignmentStatus.RETURN_REQUESTED];

/** Parameters for hand-written SQL: positional ($1) for em.query, or named (:wl1) inside a TypeORM query builder. */
class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly named = false) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.named ? `:wl${this.values.length}` : `$${this.values.length}`;
  }
  get byName(): Record<string, unknown> {
    return Object.fromEntries(this.values.map((v, i) => [`wl${i + 1}`, v]));
  }
}

function filterConditions(f: AssignmentFilter, now: Date, p: SqlParams): string[] {
  const where: string[] = [];
  if (f.status?.length) where.push(`a.status = ANY(${p.add(f.status)}::assignment_status[])`);
  if (f.overdue != null) {
    const overdue = `(a.status = ANY(${p.add(CLOCK_RUNNING)}::assignment_status[]) AND ${DEADLINE} < ${p.add(now)})`;
    where.push(f.overdue ? overdue : `NOT ${overdue}`);
  }
  if (f.dueBefore) where.push(`${DEADLINE} < ${p.add(f.dueBefore)}`);
  return where;
}

function cursorCondition(after: string | null | undefined, p: SqlParams): string[] {
  if (!after) return [];
  const key = decodeCursor(after);
  if (key.at === null) throw badInput('malformed cursor', { field: 'after' }); // an id-only cursor is from another list
  return [`(a.dispatched_at, a.id) < (${p.add(key.at)}::timestamptz, ${p.add(key.id)}::bigint)`];
}

export async function departmentWorklist(
  ctx: ServiceContext,
  subtreePath: string,
  filter: AssignmentFilter,
  page: PageRequest,
): Promise<Page<Assignment>> {
  const size = pageSize(page.first);
  const totalCount = () => countWorklist(ctx, subtreePath, filter);
  if (size === 0) return toPage([], 0, totalCount);

  // One statement: the page's ids by the LATERAL merge, and the assignments themselves (hydrated by TypeORM).
  const p = new SqlParams(true);
  const path = p.add(`${subtreePath}%`);
  const where = ['a.department_id = d.id', ...filterConditions(filter, ctx.now, p), ...cursorCondition(page.after, p)];
  const limit = p.add(size + 1);
  const { entities, raw } = await ctx.em
    .getRepository(Assignment)
    .createQueryBuilder('w')
    .where(
      `w.id IN (SELECT x.id
         FROM department d
         CROSS JOIN LATERAL (
           SELECT a.id, a.dispatched_at FROM assignment a
            WHERE ${where.join(' AND ')}
            ORDER BY a.dispatched_at DESC, a.id DESC
            LIMIT ${limit}) x
        WHERE d.path LIKE ${path}
        ORDER BY x.dispatched_at DESC, x.id DESC
        LIMIT ${limit})`,
      p.byName,
    )
    .addSelect(cursorTimeSql('w.dispatched_at'), 'keyset_at')
    .addSelect('CAST(w.id AS text)', 'keyset_id')
    .orderBy('w.dispatched_at', 'DESC')
    .addOrderBy('w.id', 'DESC')
    .getRawAndEntities();
  const at = new Map<string, string>(raw.map((r: { keyset_id: string; keyset_at: string }) => [String(r.keyset_id), r.keyset_at]));
  return toPage(entities.map((node) => ({ node, key: { at: at.get(node.id)!, id: node.id } })), size, totalCount);
}

async function countWorklist(ctx: ServiceContext, subtreePath: string, filter: AssignmentFilter): Promise<number> {
  const p = new SqlParams();
  const path = p.add(`${subtreePath}%`);
  const where = [`a.department_id IN (SELECT id FROM department WHERE path LIKE ${path})`, ...filterConditions(filter, ctx.now, p)];
  const [row] = await ctx.em.query(`SELECT count(*)::int AS n FROM assignment a WHERE ${where.join(' AND ')}`, p.values);
  return row.n;
}
