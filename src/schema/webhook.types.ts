import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { PageInfoType } from './connection.types';
import { DepartmentType } from './organisation.types';
import { DateTimeScalar } from './scalars';

// Department webhooks, for administrators (DESIGN.md §6). The secret goes in and never comes out.

registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

@ObjectType('DepartmentWebhook', { simpleResolvers: true, description: "a department's own system, sent each of the department's notifications" })
export class DepartmentWebhookType {
  @Field(() => ID) id: string;
  @Field(() => DepartmentType) department: DepartmentType;
  @Field() url: string;
  @Field({ description: 'false: notifications are not sent (deliveries already queued are given up)' }) active: boolean;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType('WebhookDelivery', { simpleResolvers: true, description: 'one notification POSTed to one webhook, with its attempts' })
export class WebhookDeliveryType {
  @Field(() => ID) id: string;
  @Field(() => DepartmentWebhookType) webhook: DepartmentWebhookType;
  @Field(() => WebhookDeliveryStatus) status: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'POSTs made so far' }) attempts: number;
  @Field(() => Int, { nullable: true, description: "the receiver's last HTTP status, when it answered" }) lastStatusCode: number | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => String, { description: 'the notification kind, also sent as the X-Hotline-Event header' }) event: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) deliveredAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'when it was given up' }) failedAt: Date | null;
}

@ObjectType('WebhookDeliveryEdge', { simpleResolvers: true })
export class WebhookDeliveryEdgeType {
  @Field() cursor: string;
  @Field(() => WebhookDeliveryType) node: WebhookDeliveryType;
}

@ObjectType('WebhookDeliveryConnection', { simpleResolvers: true })
export class WebhookDeliveryConnectionType {
  @Field(() => [WebhookDeliveryEdgeType]) edges: WebhookDeliveryEdgeType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
  @Field(() => Int) totalCount: number;
}

@InputType('DepartmentWebhookInput')
export class DepartmentWebhookInput {
  @Field({ description: 'http(s) URL the notifications are POSTed to' }) @MaxLength(500) url: string;
  @Field(() => String, { nullable: true, description: 'HMAC-SHA256 key, 16–200 characters; required for a new webhook, kept when omitted' })
  @IsOptional() @Length(16, 200) secret?: string | null;
  @Field(() => Boolean, { defaultValue: true }) active: boolean;
}

@InputType('WebhookDeliveryFilter')
export class WebhookDeliveryFilterInput {
  @Field(() => Boolean, { nullable: true, description: 'only deliveries given up after the last retry' }) failedOnly?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) departmentCode?: string | null;
}
