import { Assignment, ServiceRequest } from '../entities';
import { AssignmentStatus } from '../domain/enums';
import { AssignmentFilter } from './commands';
import { entityRows } from './entity-rows';
import { cursorCondition, cursorTimeSql, KeysetOptions, pageSize, toPage } from './keyset-cursor';
import { Page, PageRequest } from './page';
import { ServiceContext } from './service-context';
import { SqlParams } from './sql-params';

// The liaison portal's work list over a department subtree, newest dispatch first.
//
// `department_id IN (subtree) ORDER BY dispatched_at DESC LIMIT n` makes PostgreSQL collect and sort every
// assignment of the subtree (hundreds of thousands for a district at 10 M requests). Instead a LATERAL join
// takes the first n+1 rows of each department from assignment_department_dispatched_idx
// (department_id, dispatched_at, id) and merges them: a page costs (departments in subtree) × n index rows.

/** The deadline that matters: signing for while PENDING, replying once signed for (or while a return is asked). */
const DEADLINE = `CASE WHEN a.status = 'PENDING' THEN a.accept_due_at ELSE a.due_at END`;
const CLOCK_RUNNING = [AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED, AssignmentStatus.RETURN_REQUESTED];

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

const newestDispatchFirst: KeysetOptions = { sortColumn: 'a.dispatched_at', idColumn: 'a.id', direction: 'DESC' };

/**
 * A page of the work list, with the service request of each assignment: the portal shows every assignment with
 * its request's code, title and status, so the statement that finds the page reads them too (one round trip
 * instead of a second query by id).
 */
export interface Worklist extends Page<Assignment> {
  requests: ServiceRequest[];
}

const REQUEST_PREFIX = 'r.';

export async function departmentWorklist(
  ctx: ServiceContext,
  subtreePath: string,
  filter: AssignmentFilter,
  page: PageRequest,
): Promise<Worklist> {
  const size = pageSize(page.first);
  const totalCount = () => countWorklist(ctx, subtreePath, filter);
  if (size === 0) return { ...toPage([], 0, totalCount), requests: [] };

  // One statement: the page's ids by the LATERAL merge, then the assignments and their requests.
  const p = new SqlParams();
  const path = p.add(`${subtreePath}%`);
  const where = ['a.department_id = d.id', ...filterConditions(filter, ctx.now, p), ...cursorCondition(page.after, newestDispatchFirst, p)];
  const limit = p.add(size + 1);
  const assignments = entityRows(ctx.em, Assignment);
  const requests = entityRows(ctx.em, ServiceRequest);
  const raw: Record<string, unknown>[] = await ctx.em.query(
    `SELECT ${assignments.selectList('w')}, ${cursorTimeSql('w.dispatched_at')} AS keyset_at, ${requests.selectList('r', REQUEST_PREFIX)}
       FROM assignment w
       JOIN service_request r ON r.id = w.request_id
      WHERE w.id IN (SELECT x.id
         FROM department d
         CROSS JOIN LATERAL (
           SELECT a.id, a.dispatched_at FROM assignment a
            WHERE ${where.join(' AND ')}
            ORDER BY a.dispatched_at DESC, a.id DESC
            LIMIT ${limit}) x
        WHERE d.path LIKE ${path}
        ORDER BY x.dispatched_at DESC, x.id DESC
        LIMIT ${limit})
      ORDER BY w.dispatched_at DESC, w.id DESC`,
    p.values,
  );
  const worklist = toPage(raw.map((r) => {
    const node = assignments.fromRow(r);
    return { node, key: { at: r.keyset_at as string, id: node.id } };
  }), size, totalCount);
  // The row past the page (read to know whether there is a next page) is not on it, nor is its request.
  return { ...worklist, requests: raw.slice(0, size).map((r) => requests.fromRow(r, REQUEST_PREFIX)) };
}

async function countWorklist(ctx: ServiceContext, subtreePath: string, filter: AssignmentFilter): Promise<number> {
  const p = new SqlParams();
  const path = p.add(`${subtreePath}%`);
  const where = [`a.department_id IN (SELECT id FROM department WHERE path LIKE ${path})`, ...filterConditions(filter, ctx.now, p)];
  const [row] = await ctx.em.query(`SELECT count(*)::int AS n FROM assignment a WHERE ${where.join(' AND ')}`, p.values);
  return row.n;
}
