import { DomainError, ErrorCode } from '../domain/errors';

// The API's pool cancels a statement that runs past API_STATEMENT_TIMEOUT or waits for a lock past
// API_LOCK_TIMEOUT (src/runtime/database.ts). Those are answers for the client, with the contract's codes,
// not faults of the server: the transaction they were in is rolled back whole, so trying again is safe.

const LOCK_NOT_AVAILABLE = '55P03';
const QUERY_CANCELED = '57014';

export function databaseRefusal(err: unknown): DomainError | null {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (code === LOCK_NOT_AVAILABLE) {
    return new DomainError(ErrorCode.CONFLICT, 'another change to the same records is still under way: try again in a moment');
  }
  if (code === QUERY_CANCELED) {
    return new DomainError(ErrorCode.QUERY_TOO_COMPLEX, 'the database did not answer in time: ask for less (a shorter period, a narrower filter) or try again later');
  }
  return null;
}
