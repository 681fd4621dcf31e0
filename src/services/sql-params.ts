/** Parameters of a hand-written statement: `add` keeps the value and answers its placeholder ($1, $2, …). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A filtered read of one entity's table in plain SQL, as a list builds it: the table's alias, the conditions (ANDed)
 * written against it, and their parameters. Pages, counts and searches are composed from it.
 */
export interface EntityFilter {
  alias: string;
  where: string[];
  params: SqlParams;
}

/** A filter over `alias` with no condition yet. */
export const entityFilter = (alias: string): EntityFilter => ({ alias, where: [], params: new SqlParams() });

/** `WHERE a AND b`, or nothing. */
export const whereClause = (conditions: string[]): string => (conditions.length ? `WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : '');
