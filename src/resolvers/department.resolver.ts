import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ReplyOutcome } from '../domain/enums';
import { GraphQLContext } from '../schema/context';
import { AssignmentConnectionType } from '../schema/connection.types';
import { fromGlobalId } from '../schema/global-id';
import { AssignmentFilterInput } from '../schema/inputs';
import { DateTimeScalar } from '../schema/scalars';
import { AssignmentType, ExtensionRequestType } from '../schema/request.types';
import { listMyAssignments } from '../services/assignment-query.service';
import { acceptAssignment, requestExtension, requestReturn, submitReply } from '../services/department-work.service';
import { LIAISON } from './roles';
import { connection, mutate, read } from './support';

const assignmentIdOf = (id: string) => fromGlobalId(id, 'Assignment', 'assignmentId');

/** The liaison portal: the department's work list and what a department does with an assignment. */
@Resolver()
export class DepartmentResolver {
  @Authorized(LIAISON)
  @Query(() => AssignmentConnectionType)
  async myAssignments(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AssignmentFilterInput, { nullable: true }) filter?: AssignmentFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    const worklist = await read(ctx, (c) => listMyAssignments(c, filter ?? {}, { first, after }));
    // Each assignment's `request` then needs no query of its own.
    for (const request of worklist.requests) ctx.loaders.requestById.prime(request.id, request);
    return connection(worklist);
  }

  @Authorized(LIAISON)
  @Mutation(() => AssignmentType)
  acceptAssignment(@Arg('assignmentId', () => ID) assignmentId: string, @Ctx() ctx: GraphQLContext) {
    const id = assignmentIdOf(assignmentId);
    return mutate(ctx, (c) => acceptAssignment(c, id));
  }

  @Authorized(LIAISON)
  @Mutation(() => AssignmentType)
  requestReturn(@Arg('assignmentId', () => ID) assignmentId: string, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext) {
    const id = assignmentIdOf(assignmentId);
    return mutate(ctx, (c) => requestReturn(c, id, reason));
  }

  @Authorized(LIAISON)
  @Mutation(() => ExtensionRequestType)
  requestExtension(
    @Arg('assignmentId', () => ID) assignmentId: string,
    @Arg('requestedDueAt', () => DateTimeScalar) requestedDueAt: Date,
    @Arg('reason') reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = assignmentIdOf(assignmentId);
    return mutate(ctx, (c) => requestExtension(c, id, requestedDueAt, reason));
  }

  @Authorized(LIAISON)
  @Mutation(() => AssignmentType)
  submitReply(
    @Arg('assignmentId', () => ID) assignmentId: string,
    @Arg('reply') reply: string,
    @Arg('outcome', () => ReplyOutcome) outcome: ReplyOutcome,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = assignmentIdOf(assignmentId);
    return mutate(ctx, (c) => submitReply(c, { assignmentId: id, reply, outcome }));
  }
}
