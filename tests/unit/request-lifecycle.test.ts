import { RequestStatus as S } from '../../src/domain/enums';
import { DomainError } from '../../src/domain/errors';
import { isOpenRequest, nextRequestStatus, RequestAction as A } from '../../src/domain/request-lifecycle';

const OPEN = [S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS, S.REPLIED, S.AWAITING_FOLLOW_UP];

// The expected table, written out independently of the implementation: action → from → to.
const EXPECTED: Record<A, Partial<Record<S, S>>> = {
  [A.RESOLVE_AT_INTAKE]: { [S.REGISTERED]: S.AWAITING_FOLLOW_UP },
  [A.DISPATCH]: { [S.REGISTERED]: S.DISPATCHED },
  [A.ACCEPT_LEAD]: { [S.DISPATCHED]: S.IN_PROGRESS },
  [A.RETURN_APPROVED]: { [S.DISPATCHED]: S.REGISTERED, [S.IN_PROGRESS]: S.REGISTERED },
  [A.SUBMIT_LEAD_REPLY]: { [S.IN_PROGRESS]: S.REPLIED },
  [A.APPROVE_REPLY]: { [S.REPLIED]: S.AWAITING_FOLLOW_UP },
  [A.REJECT_REPLY]: { [S.REPLIED]: S.IN_PROGRESS },
  [A.FOLLOW_UP_CLOSE]: { [S.AWAITING_FOLLOW_UP]: S.CLOSED },
  [A.FOLLOW_UP_REHANDLE]: { [S.AWAITING_FOLLOW_UP]: S.DISPATCHED },
  [A.FOLLOW_UP_BACK_TO_REGISTERED]: { [S.AWAITING_FOLLOW_UP]: S.REGISTERED },
  [A.FOLLOW_UP_UNREACHABLE]: { [S.AWAITING_FOLLOW_UP]: S.CLOSED },
  [A.MERGE]: Object.fromEntries(OPEN.map((s) => [s, S.MERGED])),
  [A.VOID]: Object.fromEntries(OPEN.map((s) => [s, S.VOID])),
  [A.CLOSE]: Object.fromEntries(OPEN.map((s) => [s, S.CLOSED])),
};

const cases = Object.values(A).flatMap((action) => Object.values(S).map((from) => [action, from] as const));

describe('request state machine', () => {
  test.each(cases)('%s from %s follows the table', (action, from) => {
    const to = EXPECTED[action][from];
    if (to) {
      expect(nextRequestStatus(from, action)).toBe(to);
    } else {
      let error: unknown;
      try {
        nextRequestStatus(from, action);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INVALID_TRANSITION');
      expect((error as DomainError).message).toContain(from);
    }
  });

  test('closed, merged and void requests are not open', () => {
    expect(Object.values(S).filter(isOpenRequest)).toEqual(OPEN);
  });
});
