import { AssignmentRole, AssignmentStatus as S } from '../../src/domain/enums';
import { DomainError } from '../../src/domain/errors';
import { AssignmentAction as A, AssignmentState, isOpenAssignment, nextAssignmentStatus } from '../../src/domain/assignment-lifecycle';

const lead = (status: S, extra: Partial<AssignmentState> = {}): AssignmentState => ({ status, role: AssignmentRole.LEAD, designated: false, ...extra });

function refused(state: AssignmentState, action: A): DomainError {
  try {
    nextAssignmentStatus(state, action);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error(`${action} from ${state.status} was allowed`);
}

// Expected lead-assignment transitions, written independently: action → from → to.
const EXPECTED: Record<A, Partial<Record<S, S>>> = {
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

const cases = Object.values(A).flatMap((action) => Object.values(S).map((from) => [action, from] as const));

describe('assignment state machine (lead)', () => {
  test.each(cases)('%s from %s follows the table', (action, from) => {
    const to = EXPECTED[action][from];
    if (to) expect(nextAssignmentStatus(lead(from), action)).toBe(to);
    else expect(refused(lead(from), action).code).toBe('INVALID_TRANSITION');
  });
});

describe('assignment rules', () => {
  test('a rejected return goes back to the state before the return', () => {
    expect(nextAssignmentStatus(lead(S.RETURN_REQUESTED, { statusBeforeReturn: S.ACCEPTED }), A.REJECT_RETURN)).toBe(S.ACCEPTED);
    expect(nextAssignmentStatus(lead(S.RETURN_REQUESTED, { statusBeforeReturn: S.PENDING }), A.REJECT_RETURN)).toBe(S.PENDING);
  });

  test('a designated unit cannot request a return again', () => {
    const error = refused(lead(S.ACCEPTED, { designated: true }), A.REQUEST_RETURN);
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toMatch(/designated/);
  });

  test('an assisting department cannot request a return', () => {
    const assist = { status: S.ACCEPTED, role: AssignmentRole.ASSIST, designated: false };
    expect(refused(assist, A.REQUEST_RETURN).message).toMatch(/only the lead/);
  });

  test('assisting departments sign for and reply like the lead', () => {
    const assist = { status: S.PENDING, role: AssignmentRole.ASSIST, designated: false };
    expect(nextAssignmentStatus(assist, A.ACCEPT)).toBe(S.ACCEPTED);
    expect(nextAssignmentStatus({ ...assist, status: S.ACCEPTED }, A.REPLY)).toBe(S.REPLIED);
  });

  test('open assignments are the ones still owing work', () => {
    expect(Object.values(S).filter(isOpenAssignment)).toEqual([S.PENDING, S.ACCEPTED, S.RETURN_REQUESTED, S.REPLIED]);
  });
});
