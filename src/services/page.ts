/** A page of a keyset-paginated list (Relay connection semantics, DESIGN.md §8). */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counted only when the client selects totalCount: at 10 M rows a filtered count(*) is the expensive part. */
  totalCount: () => Promise<number>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
