import { QueryFailedError } from 'typeorm';
import { databaseRefusal } from '../../src/db/database-refusals';
import { DomainError, ErrorCode } from '../../src/domain/errors';

// What the API answers when its pool cancels a statement (src/runtime/database.ts openApiDatabase).

const failed = (code: string, message: string) => new QueryFailedError('UPDATE service_request …', [], Object.assign(new Error(message), { code }));

test('a lock wait past API_LOCK_TIMEOUT is CONFLICT: somebody else holds the rows, try again', () => {
  const refusal = databaseRefusal(failed('55P03', 'canceling statement due to lock timeout'));
  expect(refusal).toBeInstanceOf(DomainError);
  expect(refusal?.code).toBe(ErrorCode.CONFLICT);
  expect(refusal?.message).toMatch(/try again/);
});

test('a statement past API_STATEMENT_TIMEOUT is QUERY_TOO_COMPLEX, with no SQL in the message', () => {
  const refusal = databaseRefusal(failed('57014', 'canceling statement due to statement timeout'));
  expect(refusal?.code).toBe(ErrorCode.QUERY_TOO_COMPLEX);
  expect(refusal?.message).not.toMatch(/statement|UPDATE|service_request/);
});

test('any other error is not a refusal: the formatter logs it and answers INTERNAL_SERVER_ERROR', () => {
  expect(databaseRefusal(failed('23505', 'duplicate key value violates unique constraint'))).toBeNull();
  expect(databaseRefusal(new DomainError(ErrorCode.CONFLICT, 'already dispatched'))).toBeNull();
  expect(databaseRefusal(new Error('boom'))).toBeNull();
  expect(databaseRefusal(null)).toBeNull();
});
