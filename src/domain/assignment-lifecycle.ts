import { AssignmentRole, AssignmentStatus as A, OPEN_ASSIGNMENT_STATUSES } from './enums';
import { invalidTransition } from './errors';

export enum AssignmentAction {
  ACCEPT = 'ACCEPT',
  REQUEST_RETURN = 'REQUEST_RETURN',
  APPROVE_RETURN = 'APPROVE_RETURN',
  REJECT_RETURN = 'REJECT_RETURN',
  REQUEST_EXTENSION = 'REQUEST_EXTENSION',
  REPLY = 'REPLY',
  APPROVE_REPLY = 'APPROVE_REPLY',
  REJECT_REPLY = 'REJECT_REPLY',
  CANCEL = 'CANCEL',
}

export interface AssignmentState {
  status: A;
  role: AssignmentRole;
  /** Set when the center rejected this unit's return (it designated the unit); no second return. */
  designated: boolean;
  /** PENDING or ACCEPTED: where a rejected return goes back to. */
  statusBeforeReturn?: A | null;
}

const VERB: Record<AssignmentAction, string> = {
  [AssignmentAction.ACCEPT]: 'sign for',
  [AssignmentAction.REQUEST_RETURN]: 'request a return of',
  [AssignmentAction.APPROVE_RETURN]: 'approve the return of',
  [AssignmentAction.REJECT_RETURN]: 'reject the return of',
  [AssignmentAction.REQUEST_EXTENSION]: 'request an extension of',
  [AssignmentAction.REPLY]: 'reply to',
  [AssignmentAction.APPROVE_REPLY]: 'approve the reply of',
  [AssignmentAction.REJECT_REPLY]: 'reject the reply of',
  [AssignmentAction.CANCEL]: 'cancel',
};

const refuse = (a: AssignmentState, action: AssignmentAction, why?: string) =>
  invalidTransition(why ?? `cannot ${VERB[action] ?? action} an assignment that is ${a.status}`, { status: a.status, action });

/**
 * The assignment state machine (DESIGN.md §4 rules on return, extension, reply and review). A request for an
 * extension does not change the status: it is allowed, or refused, like any other action.
 */
export function nextAssignmentStatus(a: AssignmentState, action: AssignmentAction): A {
  const from = (...allowed: A[]) => {
    if (!allowed.includes(a.status)) throw refuse(a, action);
  };
  switch (action) {
    case AssignmentAction.ACCEPT:
      from(A.PENDING);
      return A.ACCEPTED;
    case AssignmentAction.REQUEST_RETURN:
      if (a.role !== AssignmentRole.LEAD) throw refuse(a, action, 'only the lead department can request a return');
      from(A.PENDING, A.ACCEPTED);
      if (a.designated) throw refuse(a, action, 'the center designated this department after a rejected return: it cannot return it again');
      return A.RETURN_REQUESTED;
    case AssignmentAction.APPROVE_RETURN:
      from(A.RETURN_REQUESTED);
      return A.RETURNED;
    case AssignmentAction.REJECT_RETURN:
      from(A.RETURN_REQUESTED);
      // Unknown previous state (null): PENDING is the safe side, the unit simply signs for it again.
      return a.statusBeforeReturn === A.ACCEPTED ? A.ACCEPTED : A.PENDING;
    case AssignmentAction.REQUEST_EXTENSION:
      from(A.PENDING, A.ACCEPTED);
      return a.status;
    case AssignmentAction.REPLY:
      from(A.ACCEPTED);
      return A.REPLIED;
    case AssignmentAction.APPROVE_REPLY:
      from(A.REPLIED);
      return A.COMPLETED;
    case AssignmentAction.REJECT_REPLY:
      from(A.REPLIED);
      return A.ACCEPTED;
    case AssignmentAction.CANCEL:
      from(...OPEN_ASSIGNMENT_STATUSES);
      return A.CANCELLED;
    default:
      throw refuse(a, action);
  }
}

/** The actions that apply to an assignment as it is now. */
export function allowedAssignmentActions(a: AssignmentState): AssignmentAction[] {
  return Object.values(AssignmentAction).filter((action) => {
    try {
      nextAssignmentStatus(a, action);
      return true;
    } catch {
      return false;
    }
  });
}

export function isOpenAssignment(status: A): boolean {
  return OPEN_ASSIGNMENT_STATUSES.includes(status);
}
