import { ReplyOutcome, RequestType, Satisfaction, SupervisionLevel } from '../domain/enums';
import { RequestTemplate } from './demo-texts';

// What happens to each demo request, as a script of steps the demo staff perform through the services.
// Closed stories start long enough ago to finish; "open" stories stop part-way and start recently (or, for
// the overdue ones, long enough ago for their deadline to have passed), so that every state is on show.

export type Action =
  | { kind: 'create' }
  | { kind: 'resolveAtIntake' }
  | { kind: 'dispatch'; to: 'lead' | 'misrouted' }
  | { kind: 'accept' }
  | { kind: 'assistsWork' }
  | { kind: 'requestReturn' }
  | { kind: 'decideReturn'; approve: boolean }
  | { kind: 'requestExtension' }
  | { kind: 'decideExtension'; approve: boolean }
  | { kind: 'reply'; outcome: ReplyOutcome; vague?: boolean }
  | { kind: 'review'; approve: boolean }
  | { kind: 'followUp'; reached: boolean; satisfied?: boolean }
  | { kind: 'supervise'; level: SupervisionLevel }
  | { kind: 'note' }
  | { kind: 'transfer' }
  | { kind: 'void' }
  | { kind: 'close' }
  | { kind: 'merge' };

/**
 * Hours after the previous step, or relative to the deadline that matters now: after it (late work) or
 * before it (work done just in time, e.g. within an extended deadline).
 */
export type Timing = { after: [number, number] } | { afterDeadline: [number, number] } | { beforeDeadline: [number, number] };

/** When the actor works: liaisons office hours on working days; the center 07–23 every day; intake any time. */
export type WorkingHours = 'office' | 'center' | 'any';

export interface Step { action: Action; timing: Timing; hours: WorkingHours }

export interface ScenarioContext { template: RequestTemplate; type: RequestType }

export interface Scenario {
  name: string;
  weight: number;
  /** Creation time, in days before "now". */
  createdDaysAgo: [number, number];
  fits?: (c: ScenarioContext) => boolean;
  steps: (c: ScenarioContext) => Step[];
}

const office = (action: Action, after: [number, number]): Step => ({ action, timing: { after }, hours: 'office' });
const center = (action: Action, after: [number, number]): Step => ({ action, timing: { after }, hours: 'center' });
const lateOffice = (action: Action, afterDeadline: [number, number]): Step => ({ action, timing: { afterDeadline }, hours: 'office' });
const justInTime = (action: Action, beforeDeadline: [number, number]): Step => ({ action, timing: { beforeDeadline }, hours: 'office' });

const create: Step = { action: { kind: 'create' }, timing: { after: [0, 0] }, hours: 'any' };
const dispatch = (to: 'lead' | 'misrouted' = 'lead') => center({ kind: 'dispatch', to }, [0.2, 3]);
const accept = office({ kind: 'accept' }, [0.3, 5]);
const approveReview = center({ kind: 'review', approve: true }, [0.5, 8]);
const satisfied = center({ kind: 'followUp', reached: true, satisfied: true }, [2, 28]);
const dissatisfied = center({ kind: 'followUp', reached: true, satisfied: false }, [2, 28]);
const unreached = (gap: [number, number]) => center({ kind: 'followUp', reached: false }, gap);

/** Consultations are due in 2 working days, other matters in 10–15: departments take their time accordingly. */
function reply(c: ScenarioContext, outcome = ReplyOutcome.RESOLVED, vague = false): Step {
  const hours: [number, number] = c.type === RequestType.CONSULTATION ? [2, 20] : [20, 130];
  return office({ kind: 'reply', outcome, vague }, hours);
}

/** Dispatched, signed for, worked (assists too), answered and approved. */
function handled(c: ScenarioContext, outcome = ReplyOutcome.RESOLVED): Step[] {
  const assists = c.template.assist?.length ? [office({ kind: 'assistsWork' }, [1, 30])] : [];
  return [dispatch(), accept, ...assists, reply(c, outcome), approveReview];
}

/** A new round after a dissatisfied follow-up: the same department signs, answers better, and is approved. */
const rehandled = (c: ScenarioContext): Step[] => [accept, reply(c), approveReview];

const answerable = (c: ScenarioContext) => !!c.template.answer && c.type === RequestType.CONSULTATION;
const misroutable = (c: ScenarioContext) => !!c.template.misroutedTo;
const longRunning = (c: ScenarioContext) => c.type !== RequestType.CONSULTATION;

export const SCENARIOS: Scenario[] = [
  // Stories that end closed (or merged / void).
  { name: 'closed', weight: 30, createdDaysAgo: [8, 60], steps: (c) => [create, ...handled(c), satisfied] },
  { name: 'answered at intake', weight: 12, createdDaysAgo: [3, 60], fits: answerable,
    steps: () => [create, center({ kind: 'resolveAtIntake' }, [0.05, 0.3]), satisfied] },
  { name: 'intake answer not enough', weight: 1.5, createdDaysAgo: [10, 55], fits: answerable,
    steps: (c) => [create, center({ kind: 'resolveAtIntake' }, [0.05, 0.3]), dissatisfied, ...handled(c), satisfied] },
  { name: 're-handled once', weight: 6, createdDaysAgo: [20, 60],
    steps: (c) => [create, ...handled(c, ReplyOutcome.EXPLAINED), dissatisfied, ...rehandled(c), satisfied] },
  { name: 're-handled twice', weight: 2.5, createdDaysAgo: [30, 60],
    steps: (c) => [create, ...handled(c, ReplyOutcome.EXPLAINED), dissatisfied, ...rehandled(c), dissatisfied, ...rehandled(c), satisfied] },
  { name: 'returned and re-dispatched', weight: 5, createdDaysAgo: [10, 60], fits: misroutable,
    steps: (c) => [create, dispatch('misrouted'), office({ kind: 'requestReturn' }, [0.5, 6]),
      center({ kind: 'decideReturn', approve: true }, [0.5, 4]), ...handled(c), satisfied] },
  { name: 'return rejected', weight: 2, createdDaysAgo: [10, 60],
    steps: (c) => [create, dispatch(), office({ kind: 'requestReturn' }, [0.5, 6]),
      center({ kind: 'decideReturn', approve: false }, [0.5, 4]), accept, reply(c), approveReview, satisfied] },
  { name: 'extension approved', weight: 4, createdDaysAgo: [15, 60], fits: longRunning,
    steps: (c) => [create, dispatch(), accept, office({ kind: 'requestExtension' }, [24, 72]),
      center({ kind: 'decideExtension', approve: true }, [1, 6]), justInTime({ kind: 'reply', outcome: ReplyOutcome.RESOLVED }, [30, 60]), approveReview, satisfied] },
  { name: 'extension rejected', weight: 2, createdDaysAgo: [15, 60], fits: longRunning,
    steps: (c) => [create, dispatch(), accept, office({ kind: 'requestExtension' }, [24, 72]),
      center({ kind: 'decideExtension', approve: false }, [1, 6]), reply(c), approveReview, satisfied] },
  { name: 'reply sent back', weight: 3, createdDaysAgo: [10, 60],
    steps: (c) => [create, dispatch(), accept, reply(c, ReplyOutcome.EXPLAINED, true),
      center({ kind: 'review', approve: false }, [0.5, 6]), reply(c), approveReview, satisfied] },
  { name: 'late department', weight: 4, createdDaysAgo: [25, 60],
    steps: () => [create, dispatch(), lateOffice({ kind: 'accept' }, [1, 20]), lateOffice({ kind: 'supervise', level: SupervisionLevel.REMINDER }, [2, 30]),
      lateOffice({ kind: 'reply', outcome: ReplyOutcome.RESOLVED }, [4, 60]), approveReview, satisfied] },
  { name: 'citizen unreachable', weight: 3, createdDaysAgo: [8, 60],
    steps: (c) => [create, ...handled(c), unreached([2, 20]), unreached([3, 8]), unreached([3, 8])] },
  { name: 'reached on the second call', weight: 2, createdDaysAgo: [8, 60],
    steps: (c) => [create, ...handled(c), unreached([2, 20]), satisfied] },
  { name: 'void', weight: 2, createdDaysAgo: [1, 60], steps: () => [create, center({ kind: 'void' }, [0.2, 4])] },
  { name: 'withdrawn by the citizen', weight: 1.5, createdDaysAgo: [5, 60],
    steps: () => [create, dispatch(), accept, center({ kind: 'close' }, [4, 48])] },
  // Merged duplicates are planned in pairs with a primary (see demo-plan.ts); this weight is their share.
  { name: 'duplicate', weight: 4, createdDaysAgo: [8, 60], steps: () => [create, center({ kind: 'merge' }, [0.5, 10])] },

  // Stories still open now.
  { name: 'just registered', weight: 2.5, createdDaysAgo: [0, 0.15], steps: () => [create] },
  { name: 'just dispatched', weight: 2, createdDaysAgo: [0, 0.4], steps: () => [create, dispatch()] },
  { name: 'not signed for in time', weight: 1, createdDaysAgo: [3, 6], steps: () => [create, dispatch()] },
  { name: 'in progress', weight: 5, createdDaysAgo: [1, 8], steps: () => [create, dispatch(), accept] },
  { name: 'reply overdue', weight: 1.5, createdDaysAgo: [30, 45], fits: longRunning,
    steps: () => [create, dispatch(), accept, lateOffice({ kind: 'supervise', level: SupervisionLevel.REMINDER }, [2, 30])] },
  { name: 'third round', weight: 0.7, createdDaysAgo: [12, 22],
    steps: (c) => [create, ...handled(c, ReplyOutcome.EXPLAINED), dissatisfied, ...rehandled(c), dissatisfied, accept] },
  { name: 'return requested', weight: 1, createdDaysAgo: [1, 5], fits: misroutable,
    steps: () => [create, dispatch('misrouted'), office({ kind: 'requestReturn' }, [0.5, 6])] },
  { name: 'returned, awaiting dispatch', weight: 0.7, createdDaysAgo: [1.5, 6], fits: misroutable,
    steps: () => [create, dispatch('misrouted'), office({ kind: 'requestReturn' }, [0.5, 6]), center({ kind: 'decideReturn', approve: true }, [0.5, 4])] },
  { name: 'extension pending', weight: 1, createdDaysAgo: [3, 8], fits: longRunning,
    steps: () => [create, dispatch(), accept, office({ kind: 'requestExtension' }, [24, 60])] },
  { name: 'replied, awaiting review', weight: 2, createdDaysAgo: [1, 6],
    steps: () => [create, dispatch(), accept, office({ kind: 'reply', outcome: ReplyOutcome.RESOLVED }, [1, 6])] },
  { name: 'awaiting follow-up', weight: 3, createdDaysAgo: [4, 10], steps: (c) => [create, ...handled(c)] },
  { name: 'answered at intake, awaiting follow-up', weight: 1, createdDaysAgo: [0, 1], fits: answerable,
    steps: () => [create, center({ kind: 'resolveAtIntake' }, [0.05, 0.3])] },
];

export const DUPLICATE_SCENARIO = 'duplicate';
