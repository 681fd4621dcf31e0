import { Satisfaction as Sat, SupervisionLevel as L } from '../../src/domain/enums';
import { ErrorCode } from '../../src/domain/errors';
import {
  decideFollowUp, FollowUpDecision, FollowUpInputFacts, higherSupervision, isSatisfied, MAX_UNREACHED_ATTEMPTS, supervisionAfterRehandling,
} from '../../src/domain/follow-up-outcome';

const badInput = expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT });

describe('satisfaction levels', () => {
  test.each([
    [Sat.VERY_SATISFIED, true], [Sat.SATISFIED, true], [Sat.BASICALLY_SATISFIED, true],
    [Sat.DISSATISFIED, false], [Sat.VERY_DISSATISFIED, false],
  ])('%s counts as satisfied: %s', (s, expected) => expect(isSatisfied(s)).toBe(expected));
});

describe('reached follow-ups: every satisfaction × resolved × who answered', () => {
  // [satisfaction, resolved, answeredAtIntake, decision], written out.
  const table: [Sat, boolean, boolean, FollowUpDecision][] = [
    [Sat.VERY_SATISFIED, true, false, 'CLOSE'], [Sat.VERY_SATISFIED, true, true, 'CLOSE'],
    [Sat.SATISFIED, true, false, 'CLOSE'], [Sat.SATISFIED, true, true, 'CLOSE'],
    [Sat.BASICALLY_SATISFIED, true, false, 'CLOSE'], [Sat.BASICALLY_SATISFIED, true, true, 'CLOSE'],
    [Sat.DISSATISFIED, true, false, 'REHANDLE'], [Sat.DISSATISFIED, true, true, 'BACK_TO_REGISTERED'],
    [Sat.VERY_DISSATISFIED, true, false, 'REHANDLE'], [Sat.VERY_DISSATISFIED, true, true, 'BACK_TO_REGISTERED'],
    // Satisfied with the manner but the problem remains: still not done.
    [Sat.VERY_SATISFIED, false, false, 'REHANDLE'], [Sat.VERY_SATISFIED, false, true, 'BACK_TO_REGISTERED'],
    [Sat.SATISFIED, false, false, 'REHANDLE'], [Sat.SATISFIED, false, true, 'BACK_TO_REGISTERED'],
    [Sat.BASICALLY_SATISFIED, false, false, 'REHANDLE'], [Sat.BASICALLY_SATISFIED, false, true, 'BACK_TO_REGISTERED'],
    [Sat.DISSATISFIED, false, false, 'REHANDLE'], [Sat.DISSATISFIED, false, true, 'BACK_TO_REGISTERED'],
    [Sat.VERY_DISSATISFIED, false, false, 'REHANDLE'], [Sat.VERY_DISSATISFIED, false, true, 'BACK_TO_REGISTERED'],
  ];

  test('the table covers the whole grid', () => {
    expect(new Set(table.map(([s, r, i]) => `${s}/${r}/${i}`)).size).toBe(5 * 2 * 2);
  });

  test.each(table)('%s, resolved=%s, answeredAtIntake=%s → %s', (satisfaction, resolved, answeredAtIntake, decision) => {
    expect(decideFollowUp({ reached: true, satisfaction, resolved, previousUnreachedAttempts: 0, answeredAtIntake })).toBe(decision);
  });

  test('earlier unreached attempts do not matter once the citizen is reached', () => {
    expect(decideFollowUp({ reached: true, satisfaction: Sat.SATISFIED, resolved: true, previousUnreachedAttempts: 2, answeredAtIntake: false })).toBe('CLOSE');
    expect(decideFollowUp({ reached: true, satisfaction: Sat.DISSATISFIED, resolved: true, previousUnreachedAttempts: 2, answeredAtIntake: false })).toBe('REHANDLE');
  });
});

describe('unreached follow-ups', () => {
  const unreached = (previousUnreachedAttempts: number, answeredAtIntake = false) =>
    decideFollowUp({ reached: false, previousUnreachedAttempts, answeredAtIntake });

  test('three attempts at most', () => expect(MAX_UNREACHED_ATTEMPTS).toBe(3));

  test.each([
    [0, 'RECORD_UNREACHED'], [1, 'RECORD_UNREACHED'], [2, 'CLOSE_UNREACHABLE'], [3, 'CLOSE_UNREACHABLE'], [7, 'CLOSE_UNREACHABLE'],
  ] as const)('with %i earlier unreached attempts → %s', (previous, decision) => {
    expect(unreached(previous)).toBe(decision);
    expect(unreached(previous, true)).toBe(decision);
  });

  test('null satisfaction and resolution are the same as none', () => {
    expect(decideFollowUp({ reached: false, satisfaction: null, resolved: null, previousUnreachedAttempts: 2, answeredAtIntake: false })).toBe('CLOSE_UNREACHABLE');
  });
});

describe('contradictory or incomplete answers', () => {
  const base: FollowUpInputFacts = { reached: true, previousUnreachedAttempts: 0, answeredAtIntake: false };

  test('reached without a satisfaction', () => {
    expect(() => decideFollowUp({ ...base, resolved: true })).toThrow(badInput);
    expect(() => decideFollowUp({ ...base, satisfaction: null, resolved: true })).toThrow(/satisfaction is required/);
    expect(() => decideFollowUp({ ...base, satisfaction: 'HAPPY' as Sat, resolved: true })).toThrow(/satisfaction is required/);
  });

  test('reached without resolved', () => {
    expect(() => decideFollowUp({ ...base, satisfaction: Sat.SATISFIED })).toThrow(badInput);
    expect(() => decideFollowUp({ ...base, satisfaction: Sat.SATISFIED, resolved: null })).toThrow(/resolved is required/);
  });

  test('not reached but with a satisfaction or resolution', () => {
    expect(() => decideFollowUp({ ...base, reached: false, satisfaction: Sat.SATISFIED })).toThrow(badInput);
    expect(() => decideFollowUp({ ...base, reached: false, resolved: false })).toThrow(/unreached follow-up cannot record/);
  });

  test('a negative or fractional attempt count is a bug, not input', () => {
    expect(() => decideFollowUp({ ...base, reached: false, previousUnreachedAttempts: -1 })).toThrow(RangeError);
    expect(() => decideFollowUp({ ...base, reached: false, previousUnreachedAttempts: 1.5 })).toThrow(RangeError);
  });
});

describe('supervision after re-handling', () => {
  // [reopenCount, current, expected]: from the 2nd re-handling on at least LISTED; never lowered.
  test.each([
    [0, null, null], [0, L.REMINDER, L.REMINDER], [0, L.LISTED, L.LISTED], [0, L.SUMMONED, L.SUMMONED],
    [1, null, null], [1, L.REMINDER, L.REMINDER], [1, L.LISTED, L.LISTED], [1, L.SUMMONED, L.SUMMONED],
    [2, null, L.LISTED], [2, L.REMINDER, L.LISTED], [2, L.LISTED, L.LISTED], [2, L.SUMMONED, L.SUMMONED],
    [5, null, L.LISTED], [5, L.REMINDER, L.LISTED], [5, L.LISTED, L.LISTED], [5, L.SUMMONED, L.SUMMONED],
  ] as const)('reopenCount %i, currently %s → %s', (reopenCount, current, expected) => {
    expect(supervisionAfterRehandling(reopenCount, current)).toBe(expected);
  });

  test.each([
    [null, null, null], [L.REMINDER, null, L.REMINDER], [null, L.LISTED, L.LISTED],
    [L.SUMMONED, L.LISTED, L.SUMMONED], [L.REMINDER, L.LISTED, L.LISTED], [L.LISTED, L.LISTED, L.LISTED],
  ] as const)('the higher of %s and %s is %s', (a, b, expected) => {
    expect(higherSupervision(a, b)).toBe(expected);
    expect(higherSupervision(b, a)).toBe(expected);
  });
});
