import { RequestStatus as S } from '../../src/domain/enums';
import { DomainError, ErrorCode } from '../../src/domain/errors';
import {
  allowedRequestActions, INITIAL_REQUEST_STATUS, isOpenRequest, nextRequestStatus, RequestAction as A,
} from '../../src/domain/request-lifecycle';

// The expected table of DESIGN.md §4, written out independently of the implementation: action → from → to.
// Every (status, action) pair not listed here must be refused.
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
  [A.MERGE]: {
    [S.REGISTERED]: S.MERGED, [S.DISPATCHED]: S.MERGED, [S.IN_PROGRESS]: S.MERGED, [S.REPLIED]: S.MERGED, [S.AWAITING_FOLLOW_UP]: S.MERGED,
  },
  [A.VOID]: {
    [S.REGISTERED]: S.VOID, [S.DISPATCHED]: S.VOID, [S.IN_PROGRESS]: S.VOID, [S.REPLIED]: S.VOID, [S.AWAITING_FOLLOW_UP]: S.VOID,
  },
  [A.CLOSE]: {
    [S.REGISTERED]: S.CLOSED, [S.DISPATCHED]: S.CLOSED, [S.IN_PROGRESS]: S.CLOSED, [S.REPLIED]: S.CLOSED, [S.AWAITING_FOLLOW_UP]: S.CLOSED,
  },
};

const allowed = Object.values(A).flatMap((action) =>
  Object.values(S).filter((from) => EXPECTED[action][from]).map((from) => [action, from, EXPECTED[action][from]!] as const),
);
const forbidden = Object.values(A).flatMap((action) =>
  Object.values(S).filter((from) => !EXPECTED[action][from]).map((from) => [action, from] as const),
);

function refusal(from: S, action: A): DomainError {
  try {
    nextRequestStatus(from, action);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error(`${action} from ${from} was allowed`);
}

describe('request state machine: the full cross product of statuses × actions', () => {
  test('the cross product is complete (8 statuses × 14 actions)', () => {
    expect(Object.values(S)).toHaveLength(8);
    expect(Object.values(A)).toHaveLength(14);
    expect(allowed.length + forbidden.length).toBe(8 * 14);
    expect(allowed).toHaveLength(12 + 3 * 5); // twelve single steps, merge/void/close from each of the five open statuses
  });

  test.each(allowed)('%s from %s → %s', (action, from, to) => {
    expect(nextRequestStatus(from, action)).toBe(to);
  });

  test.each(forbidden)('%s from %s is INVALID_TRANSITION', (action, from) => {
    const error = refusal(from, action);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect(error.message).toMatch(new RegExp(`^cannot .+ a request that is ${from}$`));
    expect(error.details).toEqual({ status: from, action });
  });
});

describe('request state machine: messages and helpers', () => {
  test('the message says what was tried and the status that forbids it', () => {
    expect(refusal(S.IN_PROGRESS, A.DISPATCH).message).toBe('cannot dispatch a request that is IN_PROGRESS');
    expect(refusal(S.CLOSED, A.MERGE).message).toBe('cannot merge a request that is CLOSED');
    expect(refusal(S.REGISTERED, A.ACCEPT_LEAD).message).toBe('cannot sign for a request that is REGISTERED');
  });

  test('re-dispatch after an approved return goes through REGISTERED', () => {
    const returned = nextRequestStatus(S.IN_PROGRESS, A.RETURN_APPROVED);
    expect(nextRequestStatus(returned, A.DISPATCH)).toBe(S.DISPATCHED);
  });

  test('an unknown action applies nowhere', () => {
    expect(refusal(S.REGISTERED, 'TELEPORT' as A).code).toBe(ErrorCode.INVALID_TRANSITION);
  });

  test('a request starts REGISTERED', () => {
    expect(INITIAL_REQUEST_STATUS).toBe(S.REGISTERED);
  });

  test('open statuses are the five before a terminal one', () => {
    expect(Object.values(S).filter(isOpenRequest)).toEqual([S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS, S.REPLIED, S.AWAITING_FOLLOW_UP]);
  });

  test.each([
    [S.REGISTERED, [A.RESOLVE_AT_INTAKE, A.DISPATCH, A.MERGE, A.VOID, A.CLOSE]],
    [S.DISPATCHED, [A.ACCEPT_LEAD, A.RETURN_APPROVED, A.MERGE, A.VOID, A.CLOSE]],
    [S.IN_PROGRESS, [A.RETURN_APPROVED, A.SUBMIT_LEAD_REPLY, A.MERGE, A.VOID, A.CLOSE]],
    [S.REPLIED, [A.APPROVE_REPLY, A.REJECT_REPLY, A.MERGE, A.VOID, A.CLOSE]],
    [S.AWAITING_FOLLOW_UP, [
      A.FOLLOW_UP_CLOSE, A.FOLLOW_UP_REHANDLE, A.FOLLOW_UP_BACK_TO_REGISTERED, A.FOLLOW_UP_UNREACHABLE, A.MERGE, A.VOID, A.CLOSE,
    ]],
    [S.CLOSED, []], [S.MERGED, []], [S.VOID, []],
  ])('allowed actions from %s', (from, actions) => {
    expect(allowedRequestActions(from)).toEqual(actions);
  });
});
