import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLContext } from '../schema/context';
import { CalendarDayType, SlaPolicyType } from '../schema/config.types';
import { CalendarDayInput, CreateStaffInput, SlaPolicyInput } from '../schema/inputs';
import { StaffType } from '../schema/organisation.types';
import { listCalendar, setCalendarDays } from '../services/calendar.service';
import { listSlaPolicies, updateSlaPolicy } from '../services/sla-policy.service';
import { createStaff } from '../services/staff.service';
import { ADMIN } from './roles';
import { mutate, read } from './support';

/** Configuration: staff, SLA policies, the working-day calendar. Everyone reads deadlines; only ADMIN changes them. */
@Resolver()
export class AdministrationResolver {
  @Authorized()
  @Query(() => [SlaPolicyType])
  slaPolicies(@Ctx() ctx: GraphQLContext) {
    return read(ctx, listSlaPolicies);
  }

  @Authorized()
  @Query(() => [CalendarDayType])
  calendar(@Arg('from') from: string, @Arg('to') to: string, @Ctx() ctx: GraphQLContext) {
    return read(ctx, (c) => listCalendar(c, from, to));
  }

  @Authorized(ADMIN)
  @Mutation(() => StaffType)
  createStaff(@Arg('input', () => CreateStaffInput) input: CreateStaffInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (c) => createStaff(c, input));
  }

  @Authorized(ADMIN)
  @Mutation(() => SlaPolicyType, { description: 'applies to assignments dispatched afterwards' })
  updateSlaPolicy(@Arg('input', () => SlaPolicyInput) input: SlaPolicyInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (c) => updateSlaPolicy(c, input));
  }

  @Authorized(ADMIN)
  @Mutation(() => [CalendarDayType])
  async setCalendarDays(@Arg('days', () => [CalendarDayInput]) days: CalendarDayInput[], @Ctx() ctx: GraphQLContext) {
    const saved = await mutate(ctx, (c) => setCalendarDays(c, ctx.calendars, days.map((d) => ({ ...d, note: d.note ?? null }))));
    ctx.calendars.invalidate(); // again after commit: a reload during the transaction saw the old days
    return saved;
  }
}
