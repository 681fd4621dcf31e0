import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CategoryType, DepartmentType, RegionType, StaffType } from './organisation.types';
import { ServiceRequestType } from './request.types';
import { DateTimeScalar } from './scalars';

// Routing rules (派单规则) and duplicate candidates (issue 5).

@ObjectType('RoutingRule', { simpleResolvers: true, description: 'a category subtree, optionally only in a region subtree, goes to a department' })
export class RoutingRuleType {
  @Field(() => ID) id: string;
  @Field(() => CategoryType) category: CategoryType;
  @Field(() => RegionType, { nullable: true, description: 'null: every region' }) region: RegionType | null;
  @Field(() => DepartmentType) department: DepartmentType;
  @Field(() => Int, { description: 'decides between rules equally specific; higher wins' }) priority: number;
  @Field({ description: '直派: a NORMAL request this rule wins is dispatched at intake by the system' }) autoDispatch: boolean;
  @Field(() => DateTimeScalar) updatedAt: Date;
  @Field(() => StaffType, { nullable: true }) updatedBy: StaffType | null;
}

@InputType('RoutingRuleInput')
export class RoutingRuleInput {
  @Field(() => ID, { nullable: true, description: 'the rule to replace; omitted: a new rule' }) id?: string | null;
  @Field() @MaxLength(64) categoryCode: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) regionCode?: string | null;
  @Field() @MaxLength(64) departmentCode: string;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) @IsOptional() @Min(-1000) @Max(1000) priority?: number;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) autoDispatch?: boolean;
}

@ObjectType('SimilarRequest', { simpleResolvers: true, description: 'a request that is probably the same matter (并单 candidate)' })
export class SimilarRequestType {
  @Field(() => ServiceRequestType) request: ServiceRequestType;
  @Field(() => Float, { description: '0..1' }) score: number;
  @Field() reason: string;
}
