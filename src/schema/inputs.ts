import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength, Min, Max } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  AssignmentStatus, Channel, KpiDimension, RequestStatus, RequestType, Role, Satisfaction, SlaUnit, Urgency,
} from './enums';
import { DateTimeScalar } from './scalars';

// Shapes and limits checked at the edge (class-validator → BAD_USER_INPUT). The services check the rules
// again, with the state they lock; these only keep absurd input out early.

@InputType('CitizenInput')
export class CitizenInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) name?: string | null;
  @Field(() => String, { nullable: true, description: 'mainland mobile or landline; validated' }) @IsOptional() @MaxLength(32) phone?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'no personal data kept' }) anonymous?: boolean | null;
}

@InputType('CreateServiceRequestInput')
export class CreateServiceRequestInput {
  @Field(() => String, { nullable: true, description: 'same key twice → the same request, created once' })
  @IsOptional() @Length(1, 128) idempotencyKey?: string | null;
  @Field(() => Channel) channel: Channel;
  @Field(() => RequestType) type: RequestType;
  @Field(() => Urgency, { nullable: true, defaultValue: Urgency.NORMAL }) urgency?: Urgency;
  @Field() @Length(1, 200) title: string;
  @Field() @Length(1, 20000) content: string;
  @Field() @MaxLength(64) categoryCode: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) regionCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) address?: string | null;
  @Field(() => CitizenInput, { nullable: true }) citizen?: CitizenInput | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) confidential?: boolean;
  @Field(() => Boolean, {
    nullable: true, defaultValue: true,
    description: 'false: no direct dispatch (直派) at intake even where a routing rule asks for it, e.g. when the agent answers on the spot',
  }) directDispatch?: boolean;
}

@InputType('DispatchInput')
export class DispatchInput {
  @Field(() => ID) requestId: string;
  @Field() @MaxLength(64) leadDepartmentCode: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) assistDepartmentCodes?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) note?: string | null;
}

@InputType('FollowUpInput')
export class FollowUpInput {
  @Field(() => ID) requestId: string;
  @Field() reached: boolean;
  @Field(() => Satisfaction, { nullable: true, description: 'required when reached' }) satisfaction?: Satisfaction | null;
  @Field(() => Boolean, { nullable: true, description: 'required when reached' }) resolved?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) comment?: string | null;
}

@InputType('ServiceRequestFilter')
export class ServiceRequestFilterInput {
  @Field(() => [RequestStatus], { nullable: true }) status?: RequestStatus[] | null;
  @Field(() => [RequestType], { nullable: true }) type?: RequestType[] | null;
  @Field(() => [Urgency], { nullable: true }) urgency?: Urgency[] | null;
  @Field(() => String, { nullable: true, description: 'includes sub-categories' }) @IsOptional() @MaxLength(64) categoryCode?: string | null;
  @Field(() => String, { nullable: true, description: 'includes sub-regions' }) @IsOptional() @MaxLength(64) regionCode?: string | null;
  @Field(() => String, { nullable: true, description: 'has an assignment of this department' }) @IsOptional() @MaxLength(64) departmentCode?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => DateTimeScalar, { nullable: true }) createdFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) createdTo?: Date | null;
  @Field(() => String, { nullable: true, description: 'substring of title/content/code (Chinese text)' }) @IsOptional() @MaxLength(100) search?: string | null;
  @Field(() => String, { nullable: true, description: 'repeat-caller lookup, agents and supervisors only' }) @IsOptional() @MaxLength(32) citizenPhone?: string | null;
}

@InputType('AssignmentFilter')
export class AssignmentFilterInput {
  @Field(() => [AssignmentStatus], { nullable: true }) status?: AssignmentStatus[] | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => DateTimeScalar, { nullable: true }) dueBefore?: Date | null;
}

@InputType('SlaDurationInput')
export class SlaDurationInput {
  @Field(() => Int) @Min(1) @Max(10000) amount: number;
  @Field(() => SlaUnit) unit: SlaUnit;
}

@InputType('SlaPolicyInput')
export class SlaPolicyInput {
  @Field(() => RequestType) requestType: RequestType;
  @Field(() => Urgency) urgency: Urgency;
  @Field(() => SlaDurationInput) accept: SlaDurationInput;
  @Field(() => SlaDurationInput) reply: SlaDurationInput;
  @Field(() => SlaDurationInput) followUp: SlaDurationInput;
  @Field(() => SlaDurationInput) warnBefore: SlaDurationInput;
}

@InputType('CalendarDayInput')
export class CalendarDayInput {
  @Field() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date: string;
  @Field() workday: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) note?: string | null;
}

@InputType('CreateStaffInput')
export class CreateStaffInput {
  @Field() @Length(3, 64) username: string;
  @Field() @Length(1, 100) displayName: string;
  @Field() @Length(8, 200) password: string;
  @Field(() => [Role]) @ArrayMaxSize(5) roles: Role[];
  @Field(() => String, { nullable: true, description: 'required for LIAISON' }) @IsOptional() @MaxLength(64) departmentCode?: string | null;
}

@InputType('KpiQuery')
export class KpiQueryInput {
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => [KpiDimension]) @ArrayMaxSize(8) groupBy: KpiDimension[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) departmentCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) categoryCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) regionCode?: string | null;
}
