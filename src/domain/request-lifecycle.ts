import { OPEN_REQUEST_STATUSES, RequestStatus as S } from './enums';
import { invalidTransition } from './errors';

/** Every request starts here (createServiceRequest, DESIGN.md §4). */
export const INITIAL_REQUEST_STATUS = S.REGISTERED;

/**
 * Everything that moves an existing ServiceRequest from one status to another (DESIGN.md §4). Creation is not
 * an action: there is no "from"; a new request is INITIAL_REQUEST_STATUS.
 */
export enum RequestAction {
  RESOLVE_AT_INTAKE = 'RESOLVE_AT_INTAKE',
  DISPATCH = 'DISPATCH',
  ACCEPT_LEAD = 'ACCEPT_LEAD',
  RETURN_APPROVED = 'RETURN_APPROVED',
  SUBMIT_LEAD_REPLY = 'SUBMIT_LEAD_REPLY',
  APPROVE_REPLY = 'APPROVE_REPLY',
  REJECT_REPLY = 'REJECT_REPLY',
  FOLLOW_UP_CLOSE = 'FOLLOW_UP_CLOSE',
  FOLLOW_UP_REHANDLE = 'FOLLOW_UP_REHANDLE',
  FOLLOW_UP_BACK_TO_REGISTERED = 'FOLLOW_UP_BACK_TO_REGISTERED',
  FOLLOW_UP_UNREACHABLE = 'FOLLOW_UP_UNREACHABLE',
  MERGE = 'MERGE',
  VOID = 'VOID',
  CLOSE = 'CLOSE',
}

const OPEN = OPEN_REQUEST_STATUSES;

/** action → (allowed from-states, resulting state). The table of DESIGN.md §4, nothing more. */
const TRANSITIONS: Record<RequestAction, { from: readonly S[]; to: S }> = {
  [RequestAction.RESOLVE_AT_INTAKE]: { from: [S.REGISTERED], to: S.AWAITING_FOLLOW_UP },
  [RequestAction.DISPATCH]: { from: [S.REGISTERED], to: S.DISPATCHED },
  [RequestAction.ACCEPT_LEAD]: { from: [S.DISPATCHED], to: S.IN_PROGRESS },
  [RequestAction.RETURN_APPROVED]: { from: [S.DISPATCHED, S.IN_PROGRESS], to: S.REGISTERED },
  [RequestAction.SUBMIT_LEAD_REPLY]: { from: [S.IN_PROGRESS], to: S.REPLIED },
  [RequestAction.APPROVE_REPLY]: { from: [S.REPLIED], to: S.AWAITING_FOLLOW_UP },
  [RequestAction.REJECT_REPLY]: { from: [S.REPLIED], to: S.IN_PROGRESS },
  [RequestAction.FOLLOW_UP_CLOSE]: { from: [S.AWAITING_FOLLOW_UP], to: S.CLOSED },
  [RequestAction.FOLLOW_UP_REHANDLE]: { from: [S.AWAITING_FOLLOW_UP], to: S.DISPATCHED },
  [RequestAction.FOLLOW_UP_BACK_TO_REGISTERED]: { from: [S.AWAITING_FOLLOW_UP], to: S.REGISTERED },
  [RequestAction.FOLLOW_UP_UNREACHABLE]: { from: [S.AWAITING_FOLLOW_UP], to: S.CLOSED },
  [RequestAction.MERGE]: { from: OPEN, to: S.MERGED },
  [RequestAction.VOID]: { from: OPEN, to: S.VOID },
  [RequestAction.CLOSE]: { from: OPEN, to: S.CLOSED },
};

const VERB: Record<RequestAction, string> = {
  [RequestAction.RESOLVE_AT_INTAKE]: 'resolve at intake',
  [RequestAction.DISPATCH]: 'dispatch',
  [RequestAction.ACCEPT_LEAD]: 'sign for',
  [RequestAction.RETURN_APPROVED]: 'return',
  [RequestAction.SUBMIT_LEAD_REPLY]: 'reply to',
  [RequestAction.APPROVE_REPLY]: 'approve the reply of',
  [RequestAction.REJECT_REPLY]: 'reject the reply of',
  [RequestAction.FOLLOW_UP_CLOSE]: 'close after follow-up',
  [RequestAction.FOLLOW_UP_REHANDLE]: 'send back for re-handling',
  [RequestAction.FOLLOW_UP_BACK_TO_REGISTERED]: 'send back to registration',
  [RequestAction.FOLLOW_UP_UNREACHABLE]: 'close as unreachable',
  [RequestAction.MERGE]: 'merge',
  [RequestAction.VOID]: 'void',
  [RequestAction.CLOSE]: 'close',
};

export function canApplyRequestAction(from: S, action: RequestAction): boolean {
  return TRANSITIONS[action]?.from.includes(from) ?? false; // an unknown action applies nowhere
}

/** The actions that apply to a request in `from` (e.g. to show only the buttons that can work). */
export function allowedRequestActions(from: S): RequestAction[] {
  return Object.values(RequestAction).filter((action) => canApplyRequestAction(from, action));
}

/** The status after `action`, or INVALID_TRANSITION ("cannot dispatch a request that is IN_PROGRESS"). */
export function nextRequestStatus(from: S, action: RequestAction): S {
  if (!canApplyRequestAction(from, action)) {
    throw invalidTransition(`cannot ${VERB[action] ?? action} a request that is ${from}`, { status: from, action });
  }
  return TRANSITIONS[action].to;
}

/** Open = still being worked on: REGISTERED, DISPATCHED, IN_PROGRESS, REPLIED, AWAITING_FOLLOW_UP. */
export function isOpenRequest(status: S): boolean {
  return OPEN.includes(status);
}
