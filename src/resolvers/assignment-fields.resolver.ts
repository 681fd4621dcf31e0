import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Assignment, ExtensionRequest, FollowUp, TimelineEvent } from '../entities';
import { AssignmentStatus } from '../domain/enums';
import { GraphQLContext } from '../schema/context';
import { toGlobalId } from '../schema/global-id';
import { DepartmentType, StaffType } from '../schema/organisation.types';
import { AssignmentType, ExtensionRequestType, FollowUpType, ServiceRequestType, TimelineEventType } from '../schema/request.types';

@Resolver(() => AssignmentType)
export class AssignmentFieldsResolver {
  @FieldResolver(() => ID)
  id(@Root() a: Assignment) {
    return toGlobalId('Assignment', a.id);
  }

  // Anyone who can see an assignment can see its request (a liaison's assignment is in their scope).
  @FieldResolver(() => ServiceRequestType)
  request(@Root() a: Assignment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.requestById.load(a.requestId);
  }

  @FieldResolver(() => DepartmentType)
  department(@Root() a: Assignment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.departmentById.load(a.departmentId);
  }

  @FieldResolver(() => StaffType)
  async dispatchedBy(@Root() a: Assignment, @Ctx() ctx: GraphQLContext) {
    return a.dispatchedById ? ctx.loaders.staffById.load(a.dispatchedById) : null;
  }

  @FieldResolver(() => [ExtensionRequestType])
  extensions(@Root() a: Assignment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.extensionsByAssignmentId.load(a.id);
  }

  /** Past the deadline that matters (signing for while PENDING, replying once signed for) and not done. */
  @FieldResolver(() => Boolean)
  overdue(@Root() a: Assignment, @Ctx() ctx: GraphQLContext): boolean {
    const now = ctx.now.getTime();
    if (a.status === AssignmentStatus.PENDING) return a.acceptDueAt.getTime() < now;
    if (a.status === AssignmentStatus.ACCEPTED || a.status === AssignmentStatus.RETURN_REQUESTED) return a.dueAt.getTime() < now;
    return false;
  }
}

@Resolver(() => ExtensionRequestType)
export class ExtensionRequestFieldsResolver {
  @FieldResolver(() => ID)
  id(@Root() e: ExtensionRequest) {
    return toGlobalId('ExtensionRequest', e.id);
  }

  @FieldResolver(() => AssignmentType)
  assignment(@Root() e: ExtensionRequest, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.assignmentById.load(e.assignmentId);
  }

  @FieldResolver(() => StaffType, { nullable: true })
  decidedBy(@Root() e: ExtensionRequest, @Ctx() ctx: GraphQLContext) {
    return e.decidedById ? ctx.loaders.staffById.load(e.decidedById) : null;
  }
}

@Resolver(() => FollowUpType)
export class FollowUpFieldsResolver {
  @FieldResolver(() => ID)
  id(@Root() f: FollowUp) {
    return toGlobalId('FollowUp', f.id);
  }

  @FieldResolver(() => ServiceRequestType)
  request(@Root() f: FollowUp, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.requestById.load(f.requestId);
  }

  @FieldResolver(() => StaffType)
  recordedBy(@Root() f: FollowUp, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.staffById.load(f.recordedById);
  }
}

@Resolver(() => TimelineEventType)
export class TimelineEventFieldsResolver {
  @FieldResolver(() => ID)
  id(@Root() t: TimelineEvent) {
    return toGlobalId('TimelineEvent', t.id);
  }

  @FieldResolver(() => StaffType, { nullable: true })
  actor(@Root() t: TimelineEvent, @Ctx() ctx: GraphQLContext) {
    return t.actorId ? ctx.loaders.staffById.load(t.actorId) : null;
  }
}
