import { notFound } from '../domain/errors';

// bigint ids travel as decimal strings. Anything else can name no row: answer NOT_FOUND here instead of
// letting PostgreSQL fail with "invalid input syntax for type bigint" or "out of range" (a raw DB error).
const DB_ID = /^[1-9][0-9]{0,17}$/;

/** Returns the id unchanged when it can be a database id, otherwise throws NOT_FOUND for `what`. */
export function requireDbId(id: string, what: string): string {
  if (typeof id !== 'string' || !DB_ID.test(id)) throw notFound(what);
  return id;
}
