import { Field, Float, Int, ObjectType } from 'type-graphql';
import { RequestType, SlaUnit, Urgency } from './enums';

@ObjectType('SlaDuration', { simpleResolvers: true })
export class SlaDurationType {
  @Field(() => Int) amount: number;
  @Field(() => SlaUnit) unit: SlaUnit;
}

@ObjectType('SlaPolicy', { simpleResolvers: true, description: 'deadlines for one (request type, urgency) pair' })
export class SlaPolicyType {
  @Field(() => RequestType) requestType: RequestType;
  @Field(() => Urgency) urgency: Urgency;
  @Field(() => SlaDurationType) accept: SlaDurationType;
  @Field(() => SlaDurationType) reply: SlaDurationType;
  @Field(() => SlaDurationType) followUp: SlaDurationType;
  @Field(() => SlaDurationType) warnBefore: SlaDurationType;
}

@ObjectType('CalendarDay', { simpleResolvers: true })
export class CalendarDayType {
  @Field({ description: '"YYYY-MM-DD"' }) date: string;
  @Field() workday: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType('KpiRow', { simpleResolvers: true })
export class KpiRowType {
  @Field(() => [String]) key: string[];
  @Field(() => Int) received: number;
  @Field(() => Int) resolvedAtIntake: number;
  @Field(() => Int) dispatched: number;
  @Field(() => Int) acceptedOnTime: number;
  @Field(() => Int) returned: number;
  @Field(() => Int) replied: number;
  @Field(() => Int) repliedOnTime: number;
  @Field(() => Int) overdueOpen: number;
  @Field(() => Int) closed: number;
  @Field(() => Int) followedUp: number;
  @Field(() => Int) satisfied: number;
  @Field(() => Int) dissatisfied: number;
  @Field(() => Int) resolved: number;
  @Field(() => Int) reopened: number;
  @Field(() => Float, { nullable: true }) responseRate: number | null;
  @Field(() => Float, { nullable: true }) resolutionRate: number | null;
  @Field(() => Float, { nullable: true }) satisfactionRate: number | null;
  @Field(() => Float, { nullable: true }) onTimeReplyRate: number | null;
}

@ObjectType('KpiSeries', {
  simpleResolvers: true,
  description: 'The answer of `kpis` column by column, for charts: element i of every list is row i of `kpis` for the same query',
})
export class KpiSeriesType {
  @Field(() => [[String]], { description: 'the key of each row: one value per requested dimension, in order' }) keys: string[][];
  @Field(() => [Int]) received: number[];
  @Field(() => [Int]) resolvedAtIntake: number[];
  @Field(() => [Int]) dispatched: number[];
  @Field(() => [Int]) acceptedOnTime: number[];
  @Field(() => [Int]) returned: number[];
  @Field(() => [Int]) replied: number[];
  @Field(() => [Int]) repliedOnTime: number[];
  @Field(() => [Int]) overdueOpen: number[];
  @Field(() => [Int]) closed: number[];
  @Field(() => [Int]) followedUp: number[];
  @Field(() => [Int]) satisfied: number[];
  @Field(() => [Int]) dissatisfied: number[];
  @Field(() => [Int]) resolved: number[];
  @Field(() => [Int]) reopened: number[];
  @Field(() => [Float], { nullable: 'items' }) responseRate: (number | null)[];
  @Field(() => [Float], { nullable: 'items' }) resolutionRate: (number | null)[];
  @Field(() => [Float], { nullable: 'items' }) satisfactionRate: (number | null)[];
  @Field(() => [Float], { nullable: 'items' }) onTimeReplyRate: (number | null)[];
}
