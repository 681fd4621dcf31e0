import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { SupervisionLevel } from '../domain/enums';
import { GraphQLContext } from '../schema/context';
import { fromGlobalId } from '../schema/global-id';
import { DispatchInput } from '../schema/inputs';
import { AssignmentType, ExtensionRequestType, ServiceRequestType } from '../schema/request.types';
import { decideExtension, decideReturn, reviewReply } from '../services/center-decision.service';
import { dispatchServiceRequest } from '../services/dispatch.service';
import {
  closeServiceRequest, mergeServiceRequests, superviseServiceRequest, transferOwnership, voidServiceRequest,
} from '../services/request-oversight.service';
import { SUPERVISOR } from './roles';
import { mutate } from './support';

const requestIdOf = (id: string, field = 'requestId') => fromGlobalId(id, 'ServiceRequest', field);

/** The supervisor's desk: dispatch, decisions on returns and extensions, review, and oversight. */
@Resolver()
export class CenterResolver {
  @Authorized(SUPERVISOR)
  @Mutation(() => ServiceRequestType)
  dispatchServiceRequest(@Arg('input', () => DispatchInput) input: DispatchInput, @Ctx() ctx: GraphQLContext) {
    const requestId = requestIdOf(input.requestId);
    return mutate(ctx, (c) => dispatchServiceRequest(c, { ...input, requestId, assistDepartmentCodes: input.assistDepartmentCodes ?? [] }));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => AssignmentType)
  decideReturn(
    @Arg('assignmentId', () => ID) assignmentId: string,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: GraphQLContext,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ) {
    const id = fromGlobalId(assignmentId, 'Assignment', 'assignmentId');
    return mutate(ctx, (c) => decideReturn(c, id, approve, comment));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => ExtensionRequestType)
  decideExtension(
    @Arg('extensionId', () => ID) extensionId: string,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: GraphQLContext,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ) {
    const id = fromGlobalId(extensionId, 'ExtensionRequest', 'extensionId');
    return mutate(ctx, (c) => decideExtension(c, id, approve, comment));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => ServiceRequestType)
  reviewReply(
    @Arg('assignmentId', () => ID) assignmentId: string,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: GraphQLContext,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ) {
    const id = fromGlobalId(assignmentId, 'Assignment', 'assignmentId');
    return mutate(ctx, (c) => reviewReply(c, id, approve, comment));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => ServiceRequestType)
  closeServiceRequest(@Arg('requestId', () => ID) requestId: string, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext) {
    const id = requestIdOf(requestId);
    return mutate(ctx, (c) => closeServiceRequest(c, id, reason));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => ServiceRequestType)
  mergeServiceRequests(
    @Arg('primaryId', () => ID) primaryId: string,
    @Arg('duplicateIds', () => [ID]) duplicateIds: string[],
    @Ctx() ctx: GraphQLContext,
  ) {
    const primary = requestIdOf(primaryId, 'primaryId');
    const duplicates = duplicateIds.map((d) => requestIdOf(d, 'duplicateIds'));
    return mutate(ctx, (c) => mergeServiceRequests(c, primary, duplicates));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => ServiceRequestType)
  voidServiceRequest(@Arg('requestId', () => ID) requestId: string, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext) {
    const id = requestIdOf(requestId);
    return mutate(ctx, (c) => voidServiceRequest(c, id, reason));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => ServiceRequestType)
  superviseServiceRequest(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('level', () => SupervisionLevel) level: SupervisionLevel,
    @Arg('note') note: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = requestIdOf(requestId);
    return mutate(ctx, (c) => superviseServiceRequest(c, { requestId: id, level, note }));
  }

  @Authorized(SUPERVISOR)
  @Mutation(() => ServiceRequestType)
  transferOwnership(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('toStaffId', () => ID) toStaffId: string,
    @Arg('note') note: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = requestIdOf(requestId);
    const staffId = fromGlobalId(toStaffId, 'Staff', 'toStaffId');
    return mutate(ctx, (c) => transferOwnership(c, id, staffId, note));
  }
}
