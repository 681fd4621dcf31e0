import { Satisfaction as Sat, SupervisionLevel as L } from '../../src/domain/enums';
import { decideFollowUp, isSatisfied, supervisionAfterRehandling } from '../../src/domain/follow-up-outcome';

const reached = (satisfaction: Sat, resolved: boolean, answeredAtIntake = false) =>
  decideFollowUp({ reached: true, satisfaction, resolved, previousUnreachedAttempts: 0, answeredAtIntake });

describe('follow-up decisions', () => {
  test.each([Sat.VERY_SATISFIED, Sat.SATISFIED, Sat.BASICALLY_SATISFIED])('%s and resolved closes the request', (s) => {
    expect(reached(s, true)).toBe('CLOSE');
    expect(isSatisfied(s)).toBe(true);
  });

  test.each([Sat.DISSATISFIED, Sat.VERY_DISSATISFIED])('%s sends a department reply back for re-handling', (s) => {
    expect(reached(s, true)).toBe('REHANDLE');
    expect(isSatisfied(s)).toBe(false);
  });

  test('satisfied but unresolved is re-handled too', () => {
    expect(reached(Sat.SATISFIED, false)).toBe('REHANDLE');
  });

  test('an intake answer that comes back dissatisfied returns to registration for a supervisor to dispatch', () => {
    expect(reached(Sat.DISSATISFIED, false, true)).toBe('BACK_TO_REGISTERED');
    expect(reached(Sat.SATISFIED, true, true)).toBe('CLOSE');
  });

  test('the first two unreached attempts are recorded, the third closes as unreachable', () => {
    const unreached = (previous: number) => decideFollowUp({ reached: false, previousUnreachedAttempts: previous, answeredAtIntake: false });
    expect(unreached(0)).toBe('RECORD_UNREACHED');
    expect(unreached(1)).toBe('RECORD_UNREACHED');
    expect(unreached(2)).toBe('CLOSE_UNREACHABLE');
  });

  test('a reached follow-up needs satisfaction and resolution', () => {
    expect(() => decideFollowUp({ reached: true, resolved: true, previousUnreachedAttempts: 0, answeredAtIntake: false })).toThrow(/satisfaction/);
    expect(() => decideFollowUp({ reached: true, satisfaction: Sat.SATISFIED, previousUnreachedAttempts: 0, answeredAtIntake: false })).toThrow(/resolved/);
  });

  test('an unreached follow-up cannot carry a satisfaction', () => {
    expect(() => decideFollowUp({ reached: false, satisfaction: Sat.SATISFIED, previousUnreachedAttempts: 0, answeredAtIntake: false })).toThrow(/unreached/);
  });
});

describe('supervision after re-handling', () => {
  test('the first re-handling leaves supervision alone', () => {
    expect(supervisionAfterRehandling(1, null)).toBeNull();
    expect(supervisionAfterRehandling(1, L.REMINDER)).toBe(L.REMINDER);
  });
  test('from the second re-handling on the request is LISTED', () => {
    expect(supervisionAfterRehandling(2, null)).toBe(L.LISTED);
    expect(supervisionAfterRehandling(3, L.REMINDER)).toBe(L.LISTED);
  });
  test('SUMMONED is never lowered', () => {
    expect(supervisionAfterRehandling(2, L.SUMMONED)).toBe(L.SUMMONED);
  });
});
