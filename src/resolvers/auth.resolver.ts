import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Staff } from '../entities';
import { GraphQLContext } from '../schema/context';
import { AuthPayloadType, StaffType } from '../schema/organisation.types';
import { login } from '../services/staff.service';
import { actorOf } from './support';
import { notFound } from '../domain/errors';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayloadType)
  async login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: GraphQLContext) {
    // Lock-out after repeated failures (src/auth/login-lockout.ts) wraps the login use case.
    return ctx.loginLockout.guard({ username, ip: ctx.clientIp }, () => login(ctx.uow.dataSource.manager, ctx.config, username, password, ctx.now));
  }

  @Authorized()
  @Query(() => StaffType)
  async me(@Ctx() ctx: GraphQLContext): Promise<Staff> {
    // The context's staff loader already holds the actor's row, read with the token.
    const staff = await ctx.loaders.staffById.load(actorOf(ctx).staffId);
    if (!staff) throw notFound('staff member');
    return staff;
  }
}
