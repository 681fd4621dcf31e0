import { Satisfaction, SupervisionLevel } from './enums';
import { badInput } from './errors';

export type FollowUpDecision = 'CLOSE' | 'REHANDLE' | 'BACK_TO_REGISTERED' | 'CLOSE_UNREACHABLE' | 'RECORD_UNREACHED';

export const MAX_UNREACHED_ATTEMPTS = 3;

const SATISFIED = new Set([Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED]);

/** The three upper levels of the national 好差评 scale count as satisfied. */
export function isSatisfied(s: Satisfaction): boolean {
  return SATISFIED.has(s);
}

export interface FollowUpInputFacts {
  reached: boolean;
  satisfaction?: Satisfaction | null;
  resolved?: boolean | null;
  previousUnreachedAttempts: number;
  /** The request was answered at intake (no department reply to re-handle). */
  answeredAtIntake: boolean;
}

/**
 * What a follow-up call means for the request (DESIGN.md §4, Follow-up):
 * - not reached: another attempt is recorded (RECORD_UNREACHED), and the third closes it (CLOSE_UNREACHABLE);
 * - reached, satisfied (three upper levels) and resolved: CLOSE;
 * - reached, dissatisfied or unresolved: REHANDLE by the department that replied, or, when the center itself
 *   answered at intake, BACK_TO_REGISTERED for a supervisor to dispatch.
 * Contradictory answers (no satisfaction from a citizen who was reached, or one from a citizen who was not)
 * are BAD_USER_INPUT rather than guessed at.
 */
export function decideFollowUp(f: FollowUpInputFacts): FollowUpDecision {
  if (!Number.isInteger(f.previousUnreachedAttempts) || f.previousUnreachedAttempts < 0) {
    throw new RangeError(`previousUnreachedAttempts must be a whole number ≥ 0, got ${f.previousUnreachedAttempts}`);
  }
  if (!f.reached) {
    if (f.satisfaction != null || f.resolved != null) {
      throw badInput('an unreached follow-up cannot record satisfaction or resolution');
    }
    return f.previousUnreachedAttempts + 1 >= MAX_UNREACHED_ATTEMPTS ? 'CLOSE_UNREACHABLE' : 'RECORD_UNREACHED';
  }
  if (f.satisfaction == null || !Object.values(Satisfaction).includes(f.satisfaction)) {
    throw badInput('satisfaction is required when the citizen was reached');
  }
  if (f.resolved == null) throw badInput('resolved is required when the citizen was reached');
  if (isSatisfied(f.satisfaction) && f.resolved) return 'CLOSE';
  return f.answeredAtIntake ? 'BACK_TO_REGISTERED' : 'REHANDLE';
}

const RANK: Record<SupervisionLevel, number> = {
  [SupervisionLevel.REMINDER]: 1,
  [SupervisionLevel.LISTED]: 2,
  [SupervisionLevel.SUMMONED]: 3,
};

export function higherSupervision(a: SupervisionLevel | null, b: SupervisionLevel | null): SupervisionLevel | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** From the 2nd re-handling on a request is supervised at least at LISTED (挂牌督办); never lowered. */
export function supervisionAfterRehandling(reopenCount: number, current: SupervisionLevel | null): SupervisionLevel | null {
  return reopenCount >= 2 ? higherSupervision(current, SupervisionLevel.LISTED) : current;
}
