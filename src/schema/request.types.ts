import { Field, Float, Int, ObjectType } from 'type-graphql';
import {
  AssignmentRole, AssignmentStatus, Channel, DecisionStatus, ReplyOutcome, RequestStatus, RequestType, Satisfaction,
  SupervisionLevel, TimelineEventKind, Urgency,
} from './enums';
import { KnowledgeArticleType } from './knowledge.types';
import { NodeInterface } from './node.type';
import { CategoryType, DepartmentType, RegionType, StaffType } from './organisation.types';
import { DateTimeScalar, JSONScalar } from './scalars';

// Field lists follow the contract. Relations, ids and personal data are resolved by the field resolvers in
// src/resolvers, which is where authorization and masking happen.

@ObjectType('Citizen', { simpleResolvers: true, implements: NodeInterface })
export class CitizenType extends NodeInterface {
  @Field(() => String, { nullable: true, description: 'masked ("张*") unless the viewer may see personal data' }) name: string | null;
  @Field(() => String, { nullable: true, description: 'masked ("138****5678") likewise' }) phone: string | null;
  @Field(() => Int) requestCount: number;
  @Field({ description: 'more than one request in the last 30 days' }) isRepeatCaller: boolean;
}

@ObjectType('ServiceRequest', { simpleResolvers: true, implements: NodeInterface })
export class ServiceRequestType extends NodeInterface {
  @Field() code: string;
  @Field(() => Channel) channel: Channel;
  @Field(() => RequestType) type: RequestType;
  @Field(() => Urgency) urgency: Urgency;
  @Field(() => RequestStatus) status: RequestStatus;
  @Field() title: string;
  @Field() content: string;
  @Field(() => CategoryType) category: CategoryType;
  @Field(() => RegionType, { nullable: true }) region: RegionType | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => CitizenType, { nullable: true }) citizen: CitizenType | null;
  @Field() confidential: boolean;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
  @Field(() => StaffType) registeredBy: StaffType;
  @Field(() => StaffType) owner: StaffType;
  @Field(() => [AssignmentType]) assignments: AssignmentType[];
  @Field(() => AssignmentType, { nullable: true }) leadAssignment: AssignmentType | null;
  @Field(() => DateTimeScalar, { nullable: true }) dueAt: Date | null;
  @Field() overdue: boolean;
  @Field(() => Int) reopenCount: number;
  @Field(() => SupervisionLevel, { nullable: true }) supervisionLevel: SupervisionLevel | null;
  @Field(() => ServiceRequestType, { nullable: true }) mergedInto: ServiceRequestType | null;
  @Field(() => [ServiceRequestType]) duplicates: ServiceRequestType[];
  @Field(() => [FollowUpType]) followUps: FollowUpType[];
  @Field(() => Satisfaction, { nullable: true }) latestSatisfaction: Satisfaction | null;
  @Field(() => String, { nullable: true }) intakeAnswer: string | null;
  @Field(() => KnowledgeArticleType, { nullable: true, description: 'the knowledge-base article the intake answer came from' })
  knowledgeArticle: KnowledgeArticleType | null;
  @Field(() => DateTimeScalar, { nullable: true }) closedAt: Date | null;
}

@ObjectType('Assignment', { simpleResolvers: true, implements: NodeInterface })
export class AssignmentType extends NodeInterface {
  @Field(() => ServiceRequestType) request: ServiceRequestType;
  @Field(() => DepartmentType) department: DepartmentType;
  @Field(() => AssignmentRole) role: AssignmentRole;
  @Field(() => AssignmentStatus) status: AssignmentStatus;
  @Field(() => Int) round: number;
  @Field(() => DateTimeScalar) dispatchedAt: Date;
  @Field(() => StaffType) dispatchedBy: StaffType;
  @Field(() => DateTimeScalar) acceptDueAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) acceptedAt: Date | null;
  @Field(() => DateTimeScalar) dueAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) repliedAt: Date | null;
  @Field(() => String, { nullable: true }) reply: string | null;
  @Field(() => ReplyOutcome, { nullable: true }) replyOutcome: ReplyOutcome | null;
  @Field(() => String, { nullable: true }) returnReason: string | null;
  @Field(() => [ExtensionRequestType]) extensions: ExtensionRequestType[];
  @Field() overdue: boolean;
}

@ObjectType('ExtensionRequest', { simpleResolvers: true, implements: NodeInterface })
export class ExtensionRequestType extends NodeInterface {
  @Field(() => AssignmentType) assignment: AssignmentType;
  @Field(() => DateTimeScalar) requestedDueAt: Date;
  @Field() reason: string;
  @Field(() => DecisionStatus) status: DecisionStatus;
  @Field(() => StaffType, { nullable: true }) decidedBy: StaffType | null;
  @Field(() => DateTimeScalar, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) comment: string | null;
}

@ObjectType('FollowUp', { simpleResolvers: true, implements: NodeInterface })
export class FollowUpType extends NodeInterface {
  @Field(() => ServiceRequestType) request: ServiceRequestType;
  @Field(() => Int) attempt: number;
  @Field() reached: boolean;
  @Field(() => Satisfaction, { nullable: true }) satisfaction: Satisfaction | null;
  @Field(() => Boolean, { nullable: true }) resolved: boolean | null;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => StaffType) recordedBy: StaffType;
  @Field(() => DateTimeScalar) recordedAt: Date;
}

@ObjectType('TimelineEvent', { simpleResolvers: true, implements: NodeInterface })
export class TimelineEventType extends NodeInterface {
  @Field(() => DateTimeScalar) at: Date;
  @Field(() => TimelineEventKind) kind: TimelineEventKind;
  @Field(() => StaffType, { nullable: true, description: 'null for system events (jobs)' }) actor: StaffType | null;
  @Field() summary: string;
  @Field(() => JSONScalar, { nullable: true }) data: unknown;
}

@ObjectType('Notification', { simpleResolvers: true, implements: NodeInterface })
export class NotificationType extends NodeInterface {
  @Field({ description: 'ASSIGNED, ACCEPT_WARNING, ACCEPT_OVERDUE, REPLY_WARNING, REPLY_OVERDUE, … (DESIGN.md §6)' }) kind: string;
  @Field() message: string;
  @Field(() => ServiceRequestType, { nullable: true }) request: ServiceRequestType | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) readAt: Date | null;
}

@ObjectType('RoutingSuggestion', { simpleResolvers: true })
export class RoutingSuggestionType {
  @Field(() => DepartmentType) department: DepartmentType;
  @Field(() => Float, { description: '0..1' }) score: number;
  @Field() reason: string;
}

@ObjectType('HotspotAlert', { simpleResolvers: true, implements: NodeInterface })
export class HotspotAlertType extends NodeInterface {
  @Field(() => CategoryType) category: CategoryType;
  @Field(() => RegionType, { nullable: true }) region: RegionType | null;
  @Field(() => DateTimeScalar) windowStart: Date;
  @Field(() => DateTimeScalar) windowEnd: Date;
  @Field(() => Int) count: number;
  @Field(() => Float) baseline: number;
  @Field(() => Float) score: number;
  @Field(() => DateTimeScalar) createdAt: Date;
}
