import { Field, Int, ObjectType } from 'type-graphql';
import { KnowledgeArticleType } from './knowledge.types';
import { AssignmentType, NotificationType, ServiceRequestType, TimelineEventType } from './request.types';

@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfoType {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

// Relay connections. totalCount is a resolver (see connection.resolver.ts): counted only when selected.

@ObjectType('ServiceRequestEdge', { simpleResolvers: true })
export class ServiceRequestEdgeType {
  @Field() cursor: string;
  @Field(() => ServiceRequestType) node: ServiceRequestType;
}

@ObjectType('ServiceRequestConnection', { simpleResolvers: true })
export class ServiceRequestConnectionType {
  @Field(() => [ServiceRequestEdgeType]) edges: ServiceRequestEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
  @Field(() => Int) totalCount: number;
}

@ObjectType('AssignmentEdge', { simpleResolvers: true })
export class AssignmentEdgeType {
  @Field() cursor: string;
  @Field(() => AssignmentType) node: AssignmentType;
}

@ObjectType('AssignmentConnection', { simpleResolvers: true })
export class AssignmentConnectionType {
  @Field(() => [AssignmentEdgeType]) edges: AssignmentEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
  @Field(() => Int) totalCount: number;
}

@ObjectType('TimelineEdge', { simpleResolvers: true })
export class TimelineEdgeType {
  @Field() cursor: string;
  @Field(() => TimelineEventType) node: TimelineEventType;
}

@ObjectType('TimelineConnection', { simpleResolvers: true })
export class TimelineConnectionType {
  @Field(() => [TimelineEdgeType]) edges: TimelineEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
  @Field(() => Int) totalCount: number;
}

@ObjectType('NotificationEdge', { simpleResolvers: true })
export class NotificationEdgeType {
  @Field() cursor: string;
  @Field(() => NotificationType) node: NotificationType;
}

@ObjectType('NotificationConnection', { simpleResolvers: true })
export class NotificationConnectionType {
  @Field(() => [NotificationEdgeType]) edges: NotificationEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
  @Field(() => Int) totalCount: number;
}

@ObjectType('KnowledgeArticleEdge', { simpleResolvers: true })
export class KnowledgeArticleEdgeType {
  @Field() cursor: string;
  @Field(() => KnowledgeArticleType) node: KnowledgeArticleType;
}

@ObjectType('KnowledgeArticleConnection', { simpleResolvers: true })
export class KnowledgeArticleConnectionType {
  @Field(() => [KnowledgeArticleEdgeType]) edges: KnowledgeArticleEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
  @Field(() => Int) totalCount: number;
}
