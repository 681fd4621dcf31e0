import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { badInput } from '../domain/errors';
import { entityRows } from './entity-rows';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest } from './page';
import { EntityFilter, SqlParams, whereClause } from './sql-params';

// Keyset pagination (DESIGN.md §8): the cursor is the sort key of the last row seen plus its id, so a page
// at depth 500,000 costs what the first page costs. Never OFFSET.
//
// The sort value travels at the database's full (microsecond) precision: a JavaScript Date keeps only
// milliseconds, and a cursor rounded to the millisecond would skip or repeat rows whose timestamps differ
// below it (rows written by SQL `now()`, imports, other clients).

export interface CursorKey {
  /** The sort column's value as UTC ISO time with up to 6 fractional digits; null when ordered by id alone. */
  at: string | null;
  id: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const DB_ID = /^[1-9]\d{0,17}$/;

/**
 * ISO UTC time naming a real instant that PostgreSQL accepts: Date.parse rolls "02-30" over to March, and
 * PostgreSQL has no year 0; either would reach the database as an error instead of BAD_USER_INPUT.
 */
function isRealUtcTime(at: string): boolean {
  const ms = Date.parse(at);
  return ISO_UTC.test(at) && Number(at.slice(0, 4)) >= 1 && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === at.slice(0, 19);
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

/** Throws BAD_USER_INPUT for anything encodeCursor did not produce. */
export function decodeCursor(cursor: string): CursorKey {
  try {
    const [at, id, ...rest] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const atOk = at === null || (typeof at === 'string' && isRealUtcTime(at));
    if (!atOk || typeof id !== 'string' || !DB_ID.test(id) || rest.length > 0) throw new Error();
    return { at: at as string | null, id };
  } catch {
    throw badInput('malformed cursor', { field: 'after' });
  }
}

/** `first` defaults to 20 and is capped at 100 (the contract); negative is the caller's mistake. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw badInput('first must be a non-negative integer', { field: 'first' });
  return Math.min(first, MAX_PAGE_SIZE);
}

export interface KeysetOptions {
  /** SQL expression of a timestamptz sort column (e.g. "r.created_at"), or null to order by id only. */
  sortColumn: string | null;
  /** SQL expression of the id column (e.g. "r.id"): the tie-breaker that makes the order total. */
  idColumn: string;
  direction: 'ASC' | 'DESC';
}

/** The SQL text of a timestamptz as the cursor carries it: UTC, microseconds, ISO-8601. */
export const cursorTimeSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The condition "after this cursor" on a list ordered by (sortColumn, id) in `direction`; none without a cursor. */
export function cursorCondition(after: string | null | undefined, o: KeysetOptions, params: SqlParams): string[] {
  if (!after) return [];
  const key = decodeCursor(after);
  const op = o.direction === 'DESC' ? '<' : '>';
  if (!o.sortColumn) return [`${o.idColumn} ${op} ${params.add(key.id)}::bigint`];
  if (key.at === null) throw badInput('malformed cursor', { field: 'after' }); // an id-only cursor is from another list
  // A row comparison, so that PostgreSQL walks the (sort column, id) index from the cursor on.
  return [`(${o.sortColumn}, ${o.idColumn}) ${op} (${params.add(key.at)}::timestamptz, ${params.add(key.id)}::bigint)`];
}

/** Turns the `size + 1` rows fetched into a page: the extra row only says that there is a next page. */
export function toPage<T>(rows: { node: T; key: CursorKey }[], size: number, totalCount: () => Promise<number>): Page<T> {
  const items = rows.slice(0, size).map((r) => ({ node: r.node, cursor: encodeCursor(r.key) }));
  return {
    items,
    hasNextPage: rows.length > size,
    endCursor: items.length ? items[items.length - 1].cursor : null,
    totalCount,
  };
}

/**
 * Runs a keyset page over one entity's table, filtered (no joins that multiply rows). The count runs the same
 * filter without the cursor, and only when the caller asks for totalCount.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  em: EntityManager,
  target: EntityTarget<T>,
  filter: EntityFilter,
  page: PageRequest,
  o: KeysetOptions,
): Promise<Page<T>> {
  const size = pageSize(page.first);
  const rows = entityRows(em, target);
  const from = `${rows.table} ${filter.alias}`;
  const countSql = `SELECT count(*) AS n FROM ${from} ${whereClause(filter.where)}`;
  const countValues = [...filter.params.values];
  const totalCount = async () => Number((await em.query(countSql, countValues))[0].n);
  const where = [...filter.where, ...cursorCondition(page.after, o, filter.params)];
  if (size === 0) return toPage([], 0, totalCount);
  const order = o.sortColumn ? `${o.sortColumn} ${o.direction}, ${o.idColumn} ${o.direction}` : `${o.idColumn} ${o.direction}`;
  const sortValue = o.sortColumn ? `, ${cursorTimeSql(o.sortColumn)} AS keyset_at` : '';
  const raw: Record<string, unknown>[] = await em.query(
    `SELECT ${rows.selectList(filter.alias)}${sortValue} FROM ${from} ${whereClause(where)} ORDER BY ${order} LIMIT ${size + 1}`,
    filter.params.values,
  );
  return toPage(raw.map((r) => {
    const node = rows.fromRow(r);
    return { node, key: { at: o.sortColumn ? (r.keyset_at as string) : null, id: node.id } };
  }), size, totalCount);
}

/**
 * A page known to be empty (an id that names nothing the viewer may see). Its arguments are still checked, so
 * that `first: -1` or a forged cursor is BAD_USER_INPUT whatever the data, as on every other list.
 */
export function emptyPage<T>(page: PageRequest): Page<T> {
  pageSize(page.first);
  if (page.after) decodeCursor(page.after);
  return { items: [], hasNextPage: false, endCursor: null, totalCount: async () => 0 };
}
