import { AssignmentRole as R, AssignmentStatus as S } from '../../src/domain/enums';
import { DomainError, ErrorCode } from '../../src/domain/errors';
import {
  AssignmentAction as A, AssignmentState, allowedAssignmentActions, isOpenAssignment, nextAssignmentStatus,
} from '../../src/domain/assignment-lifecycle';

function refusal(state: AssignmentState, action: A): DomainError {
  try {
    nextAssignmentStatus(state, action);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error(`${action} from ${state.status} was allowed`);
}

type Table = Record<A, Partial<Record<S, S>>>;

// A non-designated LEAD assignment whose return (if any) was requested while PENDING. Written out
// independently of the implementation: action → from → to. Every pair not listed must be refused.
const LEAD: Table = {
  [A.ACCEPT]: { [S.PENDING]: S.ACCEPTED },
  [A.REQUEST_RETURN]: { [S.PENDING]: S.RETURN_REQUESTED, [S.ACCEPTED]: S.RETURN_REQUESTED },
  [A.APPROVE_RETURN]: { [S.RETURN_REQUESTED]: S.RETURNED },
  [A.REJECT_RETURN]: { [S.RETURN_REQUESTED]: S.PENDING },
  [A.REQUEST_EXTENSION]: { [S.PENDING]: S.PENDING, [S.ACCEPTED]: S.ACCEPTED },
  [A.REPLY]: { [S.ACCEPTED]: S.REPLIED },
  [A.APPROVE_REPLY]: { [S.REPLIED]: S.COMPLETED },
  [A.REJECT_REPLY]: { [S.REPLIED]: S.ACCEPTED },
  [A.CANCEL]: { [S.PENDING]: S.CANCELLED, [S.ACCEPTED]: S.CANCELLED, [S.RETURN_REQUESTED]: S.CANCELLED, [S.REPLIED]: S.CANCELLED },
};

// The variants differ only in these rows.
const VARIANTS: { name: string; state: Omit<AssignmentState, 'status'>; table: Table }[] = [
  { name: 'lead', state: { role: R.LEAD, designated: false, statusBeforeReturn: S.PENDING }, table: LEAD },
  {
    name: 'lead whose return was requested after signing',
    state: { role: R.LEAD, designated: false, statusBeforeReturn: S.ACCEPTED },
    table: { ...LEAD, [A.REJECT_RETURN]: { [S.RETURN_REQUESTED]: S.ACCEPTED } },
  },
  {
    name: 'lead without a recorded pre-return status',
    state: { role: R.LEAD, designated: false, statusBeforeReturn: null },
    table: { ...LEAD, [A.REJECT_RETURN]: { [S.RETURN_REQUESTED]: S.PENDING } },
  },
  { name: 'designated lead', state: { role: R.LEAD, designated: true }, table: { ...LEAD, [A.REQUEST_RETURN]: {} } },
  { name: 'assist', state: { role: R.ASSIST, designated: false }, table: { ...LEAD, [A.REQUEST_RETURN]: {} } },
  { name: 'designated assist', state: { role: R.ASSIST, designated: true }, table: { ...LEAD, [A.REQUEST_RETURN]: {} } },
];

const cases = VARIANTS.flatMap(({ name, state, table }) =>
  Object.values(A).flatMap((action) =>
    Object.values(S).map((status) => [name, action, status, { ...state, status }, table[action][status] ?? null] as const),
  ),
);

describe('assignment state machine: the full cross product of variants × statuses × actions', () => {
  test('the cross product is complete (7 statuses × 9 actions per variant)', () => {
    expect(Object.values(S)).toHaveLength(7);
    expect(Object.values(A)).toHaveLength(9);
    expect(cases).toHaveLength(VARIANTS.length * 7 * 9);
  });

  test.each(cases)('%s: %s from %s', (_name, action, _status, state, to) => {
    if (to) {
      expect(nextAssignmentStatus(state, action)).toBe(to);
    } else {
      const error = refusal(state, action);
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
    }
  });
});

describe('assignment rules and messages', () => {
  const lead = (status: S, extra: Partial<AssignmentState> = {}): AssignmentState => ({ status, role: R.LEAD, designated: false, ...extra });

  test('a refused status names the action and the status', () => {
    expect(refusal(lead(S.REPLIED), A.ACCEPT).message).toBe('cannot sign for an assignment that is REPLIED');
    expect(refusal(lead(S.PENDING), A.REPLY).message).toBe('cannot reply to an assignment that is PENDING');
    expect(refusal(lead(S.CANCELLED), A.CANCEL).details).toEqual({ status: S.CANCELLED, action: A.CANCEL });
  });

  test('a designated unit cannot return again, and is told why', () => {
    const error = refusal(lead(S.ACCEPTED, { designated: true }), A.REQUEST_RETURN);
    expect(error.message).toMatch(/center designated this department/);
    expect(error.message).toMatch(/cannot return it again/);
  });

  test('an assisting department cannot request a return, whatever its status', () => {
    for (const status of [S.PENDING, S.ACCEPTED, S.COMPLETED]) {
      expect(refusal({ status, role: R.ASSIST, designated: false }, A.REQUEST_RETURN).message).toBe('only the lead department can request a return');
    }
  });

  test('a closed status is reported before designation', () => {
    expect(refusal(lead(S.COMPLETED, { designated: true }), A.REQUEST_RETURN).message).toBe('cannot request a return of an assignment that is COMPLETED');
  });

  test('an extension request leaves the status as it is', () => {
    expect(nextAssignmentStatus(lead(S.PENDING), A.REQUEST_EXTENSION)).toBe(S.PENDING);
    expect(nextAssignmentStatus(lead(S.ACCEPTED, { designated: true }), A.REQUEST_EXTENSION)).toBe(S.ACCEPTED);
  });

  test('an unknown action is refused', () => {
    expect(refusal(lead(S.PENDING), 'SHRUG' as A).code).toBe(ErrorCode.INVALID_TRANSITION);
  });

  test('open assignments are the ones still owing work', () => {
    expect(Object.values(S).filter(isOpenAssignment)).toEqual([S.PENDING, S.ACCEPTED, S.RETURN_REQUESTED, S.REPLIED]);
  });

  test.each([
    [lead(S.PENDING), [A.ACCEPT, A.REQUEST_RETURN, A.REQUEST_EXTENSION, A.CANCEL]],
    [lead(S.ACCEPTED, { designated: true }), [A.REQUEST_EXTENSION, A.REPLY, A.CANCEL]],
    [{ status: S.ACCEPTED, role: R.ASSIST, designated: false }, [A.REQUEST_EXTENSION, A.REPLY, A.CANCEL]],
    [lead(S.RETURN_REQUESTED), [A.APPROVE_RETURN, A.REJECT_RETURN, A.CANCEL]],
    [lead(S.REPLIED), [A.APPROVE_REPLY, A.REJECT_REPLY, A.CANCEL]],
    [lead(S.RETURNED), []], [lead(S.COMPLETED), []], [lead(S.CANCELLED), []],
  ])('allowed actions of %j', (state, actions) => {
    expect(allowedAssignmentActions(state)).toEqual(actions);
  });
});
