// The domain's vocabulary, shared by entities, services and the GraphQL schema (DESIGN.md §2).
// String values equal the contract's enum values so they can be stored and exposed unchanged.

export enum Role { AGENT = 'AGENT', SUPERVISOR = 'SUPERVISOR', LIAISON = 'LIAISON', ANALYST = 'ANALYST', ADMIN = 'ADMIN' }

export enum Channel {
  PHONE = 'PHONE', SMS = 'SMS', WEB = 'WEB', APP = 'APP', WECHAT = 'WECHAT',
  EMAIL = 'EMAIL', LETTER = 'LETTER', VISIT = 'VISIT', TRANSFER = 'TRANSFER',
}

export enum RequestType {
  CONSULTATION = 'CONSULTATION', HELP = 'HELP', COMPLAINT = 'COMPLAINT',
  REPORT = 'REPORT', SUGGESTION = 'SUGGESTION', PRAISE = 'PRAISE',
}

export enum Urgency { NORMAL = 'NORMAL', URGENT = 'URGENT', EMERGENCY = 'EMERGENCY' }

export enum RequestStatus {
  REGISTERED = 'REGISTERED', DISPATCHED = 'DISPATCHED', IN_PROGRESS = 'IN_PROGRESS', REPLIED = 'REPLIED',
  AWAITING_FOLLOW_UP = 'AWAITING_FOLLOW_UP', CLOSED = 'CLOSED', MERGED = 'MERGED', VOID = 'VOID',
}

export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = [
  RequestStatus.REGISTERED, RequestStatus.DISPATCHED, RequestStatus.IN_PROGRESS,
  RequestStatus.REPLIED, RequestStatus.AWAITING_FOLLOW_UP,
];

export enum AssignmentRole { LEAD = 'LEAD', ASSIST = 'ASSIST' }

export enum AssignmentStatus {
  PENDING = 'PENDING', ACCEPTED = 'ACCEPTED', RETURN_REQUESTED = 'RETURN_REQUESTED', RETURNED = 'RETURNED',
  REPLIED = 'REPLIED', COMPLETED = 'COMPLETED', CANCELLED = 'CANCELLED',
}

/** Assignment states in which the department still owes work (cancelled by re-dispatch, merge, void, close). */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = [
  AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED, AssignmentStatus.RETURN_REQUESTED, AssignmentStatus.REPLIED,
];

export enum ReplyOutcome {
  RESOLVED = 'RESOLVED', PARTIALLY_RESOLVED = 'PARTIALLY_RESOLVED', EXPLAINED = 'EXPLAINED', UNRESOLVABLE = 'UNRESOLVABLE',
}

export enum Satisfaction {
  VERY_SATISFIED = 'VERY_SATISFIED', SATISFIED = 'SATISFIED', BASICALLY_SATISFIED = 'BASICALLY_SATISFIED',
  DISSATISFIED = 'DISSATISFIED', VERY_DISSATISFIED = 'VERY_DISSATISFIED',
}

export enum DecisionStatus { PENDING = 'PENDING', APPROVED = 'APPROVED', REJECTED = 'REJECTED' }

export enum SupervisionLevel { REMINDER = 'REMINDER', LISTED = 'LISTED', SUMMONED = 'SUMMONED' }

export enum TimelineEventKind {
  CREATED = 'CREATED', RESOLVED_AT_INTAKE = 'RESOLVED_AT_INTAKE', DISPATCHED = 'DISPATCHED', ACCEPTED = 'ACCEPTED',
  RETURN_REQUESTED = 'RETURN_REQUESTED', RETURN_DECIDED = 'RETURN_DECIDED', EXTENSION_REQUESTED = 'EXTENSION_REQUESTED',
  EXTENSION_DECIDED = 'EXTENSION_DECIDED', REPLIED = 'REPLIED', REPLY_REVIEWED = 'REPLY_REVIEWED',
  FOLLOWED_UP = 'FOLLOWED_UP', REOPENED = 'REOPENED', CLOSED = 'CLOSED', MERGED = 'MERGED', VOIDED = 'VOIDED',
  URGED = 'URGED', SUPERVISED = 'SUPERVISED', OWNERSHIP_TRANSFERRED = 'OWNERSHIP_TRANSFERRED', NOTE = 'NOTE',
  DEADLINE_WARNING = 'DEADLINE_WARNING', OVERDUE = 'OVERDUE',
  /** Brought in from another hotline system (npm run import); data names the source and its id. */
  IMPORTED = 'IMPORTED',
}

export enum SlaUnit { MINUTES = 'MINUTES', HOURS = 'HOURS', WORKING_DAYS = 'WORKING_DAYS' }

export enum KpiDimension {
  DEPARTMENT = 'DEPARTMENT', CATEGORY = 'CATEGORY', REGION = 'REGION', CHANNEL = 'CHANNEL',
  REQUEST_TYPE = 'REQUEST_TYPE', DAY = 'DAY', WEEK = 'WEEK', MONTH = 'MONTH',
}
