// Inputs of the use cases, in the domain's words. Resolvers map GraphQL inputs onto these
// (decoding global IDs to database ids); services never see schema classes.
import { Channel, ReplyOutcome, RequestStatus, RequestType, Satisfaction, SupervisionLevel, Urgency, AssignmentStatus, Role } from '../domain/enums';

export interface CitizenDetails {
  name?: string | null;
  phone?: string | null;
  /** No personal data kept. */
  anonymous?: boolean | null;
}

export interface CreateServiceRequestCommand {
  idempotencyKey?: string | null;
  channel: Channel;
  type: RequestType;
  urgency: Urgency;
  title: string;
  content: string;
  categoryCode: string;
  regionCode?: string | null;
  address?: string | null;
  citizen?: CitizenDetails | null;
  confidential: boolean;
  /** false: no direct dispatch (直派) even where a rule asks for it (the agent answers the call on the spot). */
  directDispatch?: boolean | null;
}

export interface DispatchCommand {
  requestId: string;
  leadDepartmentCode: string;
  assistDepartmentCodes: string[];
  note?: string | null;
}

export interface FollowUpCommand {
  requestId: string;
  reached: boolean;
  satisfaction?: Satisfaction | null;
  resolved?: boolean | null;
  comment?: string | null;
}

export interface ReplyCommand {
  assignmentId: string;
  reply: string;
  outcome: ReplyOutcome;
}

export interface SuperviseCommand {
  requestId: string;
  level: SupervisionLevel;
  note: string;
}

export interface ServiceRequestFilter {
  status?: RequestStatus[] | null;
  type?: RequestType[] | null;
  urgency?: Urgency[] | null;
  categoryCode?: string | null;
  regionCode?: string | null;
  departmentCode?: string | null;
  overdue?: boolean | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  search?: string | null;
  citizenPhone?: string | null;
}

export interface AssignmentFilter {
  status?: AssignmentStatus[] | null;
  overdue?: boolean | null;
  dueBefore?: Date | null;
}

export interface CreateStaffCommand {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  departmentCode?: string | null;
}
