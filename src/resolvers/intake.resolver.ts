import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Urgency } from '../domain/enums';
import { GraphQLContext } from '../schema/context';
import { fromGlobalId } from '../schema/global-id';
import { CreateServiceRequestInput, FollowUpInput } from '../schema/inputs';
import { FollowUpType, ServiceRequestType, TimelineEventType } from '../schema/request.types';
import { recordFollowUp } from '../services/follow-up.service';
import { createServiceRequest, resolveAtIntake } from '../services/intake.service';
import { addNote } from '../services/request-oversight.service';
import { CENTER } from './roles';
import { mutate } from './support';

/** The agent's desk: intake, answers on the spot, follow-up calls and notes. */
@Resolver()
export class IntakeResolver {
  @Authorized(CENTER)
  @Mutation(() => ServiceRequestType)
  createServiceRequest(@Arg('input', () => CreateServiceRequestInput) input: CreateServiceRequestInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (c) =>
      createServiceRequest(c, { ...input, urgency: input.urgency ?? Urgency.NORMAL, confidential: input.confidential ?? false }),
    );
  }

  @Authorized(CENTER)
  @Mutation(() => ServiceRequestType)
  resolveAtIntake(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('answer') answer: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('articleId', () => ID, { nullable: true, description: 'the knowledge-base article the answer came from (published, in force)' })
    articleId?: string | null,
  ) {
    const id = fromGlobalId(requestId, 'ServiceRequest', 'requestId');
    const article = articleId ? fromGlobalId(articleId, 'KnowledgeArticle', 'articleId') : null;
    return mutate(ctx, (c) => resolveAtIntake(c, id, answer, article));
  }

  @Authorized(CENTER)
  @Mutation(() => FollowUpType)
  recordFollowUp(@Arg('input', () => FollowUpInput) input: FollowUpInput, @Ctx() ctx: GraphQLContext) {
    const requestId = fromGlobalId(input.requestId, 'ServiceRequest', 'requestId');
    return mutate(ctx, (c) => recordFollowUp(c, { ...input, requestId }));
  }

  @Authorized(CENTER)
  @Mutation(() => TimelineEventType)
  addNote(@Arg('requestId', () => ID) requestId: string, @Arg('content') content: string, @Ctx() ctx: GraphQLContext) {
    const id = fromGlobalId(requestId, 'ServiceRequest', 'requestId');
    return mutate(ctx, (c) => addNote(c, id, content));
  }
}
