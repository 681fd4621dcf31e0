import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DepartmentWebhook, WebhookDelivery } from '../entities';
import { GraphQLContext } from '../schema/context';
import { fromGlobalId, toGlobalId } from '../schema/global-id';
import { DepartmentType } from '../schema/organisation.types';
import {
  DepartmentWebhookInput, DepartmentWebhookType, WebhookDeliveryConnectionType, WebhookDeliveryFilterInput, WebhookDeliveryType,
} from '../schema/webhook.types';
import {
  listDepartmentWebhooks, listWebhookDeliveries, retryWebhookDelivery, setDepartmentWebhook,
} from '../services/department-webhook.service';
import { ADMIN } from './roles';
import { connection, mutate, read } from './support';

/** Department webhooks and their deliveries: configured and watched by administrators (DESIGN.md §6). */
@Resolver(() => DepartmentWebhookType)
export class DepartmentWebhookResolver {
  @Authorized(ADMIN)
  @Query(() => [DepartmentWebhookType])
  departmentWebhooks(@Ctx() ctx: GraphQLContext) {
    return read(ctx, listDepartmentWebhooks);
  }

  @Authorized(ADMIN)
  @Mutation(() => DepartmentWebhookType, { description: "creates or replaces a department's webhook" })
  setDepartmentWebhook(
    @Arg('departmentCode') departmentCode: string,
    @Arg('input', () => DepartmentWebhookInput) input: DepartmentWebhookInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return mutate(ctx, (c) => setDepartmentWebhook(c, departmentCode, input));
  }

  @FieldResolver(() => ID)
  id(@Root() w: DepartmentWebhook) {
    return toGlobalId('DepartmentWebhook', w.id);
  }

  @FieldResolver(() => DepartmentType)
  department(@Root() w: DepartmentWebhook, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.departmentById.load(w.departmentId);
  }
}

@Resolver(() => WebhookDeliveryType)
export class WebhookDeliveryResolver {
  @Authorized(ADMIN)
  @Query(() => WebhookDeliveryConnectionType, { description: 'newest first' })
  async webhookDeliveries(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => WebhookDeliveryFilterInput, { nullable: true }) filter?: WebhookDeliveryFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return connection(await read(ctx, (c) => listWebhookDeliveries(c, filter ?? {}, { first, after })));
  }

  @Authorized(ADMIN)
  @Mutation(() => WebhookDeliveryType, { description: 'sends a FAILED delivery again, with a fresh round of retries' })
  retryWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const dbId = fromGlobalId(id, 'WebhookDelivery');
    return mutate(ctx, (c) => retryWebhookDelivery(c, dbId));
  }

  @FieldResolver(() => ID)
  id(@Root() d: WebhookDelivery) {
    return toGlobalId('WebhookDelivery', d.id);
  }

  @FieldResolver(() => DepartmentWebhookType)
  webhook(@Root() d: WebhookDelivery, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.webhookById.load(d.webhookId);
  }

  @FieldResolver(() => String)
  event(@Root() d: WebhookDelivery) {
    return String(d.payload.event ?? '');
  }
}
