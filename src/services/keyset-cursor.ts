import { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { badInput } from '../domain/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest } from './page';

// Keyset pagination (DESIGN.md §8): the cursor is the sort key of the last row seen plus its id, so a page
// at depth 500,000 costs what the first page costs. Never OFFSET.

export interface CursorKey {
  /** The sort column's value as ISO time or number; null when the list is ordered by id alone. */
  at: string | null;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((at !== null && typeof at !== 'string') || typeof id !== 'string' || !/^\d{1,18}$/.test(id)) throw new Error();
    if (typeof at === 'string' && Number.isNaN(Date.parse(at))) throw new Error();
    return { at, id };
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

export interface KeysetOptions<T> {
  /** SQL expression of the sort column (e.g. "r.created_at"), or null to order by id only. */
  sortColumn: string | null;
  idColumn: string;
  direction: 'ASC' | 'DESC';
  sortValue: (row: T) => Date | null;
  rowId: (row: T) => string;
}

/**
 * Runs a keyset page over `qb` (already filtered). The count runs on a clone of the filtered query, and only
 * when the caller asks for totalCount.
 */
export async function keysetPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: PageRequest, o: KeysetOptions<T>): Promise<Page<T>> {
  const size = pageSize(page.first);
  const counting = qb.clone();
  const op = o.direction === 'DESC' ? '<' : '>';
  if (page.after) {
    const key = decodeCursor(page.after);
    if (o.sortColumn) {
      if (key.at === null) throw badInput('malformed cursor', { field: 'after' });
      qb.andWhere(`(${o.sortColumn}, ${o.idColumn}) ${op} (:cursorAt, :cursorId)`, { cursorAt: new Date(key.at), cursorId: key.id });
    } else {
      qb.andWhere(`${o.idColumn} ${op} :cursorId`, { cursorId: key.id });
    }
  }
  if (o.sortColumn) qb.orderBy(o.sortColumn, o.direction).addOrderBy(o.idColumn, o.direction);
  else qb.orderBy(o.idColumn, o.direction);
  const rows = size === 0 ? [] : await qb.limit(size + 1).getMany();
  const hasNextPage = rows.length > size;
  const items = rows.slice(0, size).map((node) => ({
    node,
    cursor: encodeCursor({ at: o.sortColumn ? (o.sortValue(node)?.toISOString() ?? null) : null, id: o.rowId(node) }),
  }));
  return {
    items,
    hasNextPage,
    endCursor: items.length ? items[items.length - 1].cursor : null,
    totalCount: () => counting.getCount(),
  };
}

export function emptyPage<T>(): Page<T> {
  return { items: [], hasNextPage: false, endCursor: null, totalCount: async () => 0 };
}
