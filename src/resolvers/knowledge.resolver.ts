import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { KnowledgeArticle, KnowledgeArticleVersion } from '../entities';
import { GraphQLContext } from '../schema/context';
import { fromGlobalId, toGlobalId } from '../schema/global-id';
import { KnowledgeArticleConnectionType } from '../schema/connection.types';
import { KnowledgeArticleInput, KnowledgeArticleType, KnowledgeArticleVersionType } from '../schema/knowledge.types';
import { CategoryType, StaffType } from '../schema/organisation.types';
import { createKnowledgeArticle, publishKnowledgeArticle, updateKnowledgeArticle } from '../services/knowledge-article.service';
import { listKnowledgeArticles } from '../services/knowledge-query.service';
import { KNOWLEDGE_EDITORS } from './roles';
import { connection, mutate, read } from './support';

/** The knowledge base (知识库): everyone reads what they may; supervisors and administrators write it. */
@Resolver(() => KnowledgeArticleType)
export class KnowledgeArticleResolver {
  @Authorized()
  @Query(() => KnowledgeArticleConnectionType, {
    description: 'newest-updated first; with search, the best matches (title hits, then similarity) as one page of at most 50',
  })
  async knowledgeArticles(
    @Ctx() ctx: GraphQLContext,
    @Arg('search', () => String, { nullable: true, description: 'substring of title or body (Chinese text)' }) search?: string | null,
    @Arg('categoryCode', () => String, { nullable: true, description: 'includes sub-categories' }) categoryCode?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return connection(await read(ctx, (c) => listKnowledgeArticles(c, { search, categoryCode }, { first, after })));
  }

  @Authorized(KNOWLEDGE_EDITORS)
  @Mutation(() => KnowledgeArticleType, { description: 'a DRAFT, version 1' })
  createKnowledgeArticle(@Arg('input', () => KnowledgeArticleInput) input: KnowledgeArticleInput, @Ctx() ctx: GraphQLContext) {
    return mutate(ctx, (c) => createKnowledgeArticle(c, input));
  }

  @Authorized(KNOWLEDGE_EDITORS)
  @Mutation(() => KnowledgeArticleType, { description: 'a new version; a published article stays published' })
  updateKnowledgeArticle(@Arg('id', () => ID) id: string, @Arg('input', () => KnowledgeArticleInput) input: KnowledgeArticleInput, @Ctx() ctx: GraphQLContext) {
    const dbId = fromGlobalId(id, 'KnowledgeArticle');
    return mutate(ctx, (c) => updateKnowledgeArticle(c, dbId, input));
  }

  @Authorized(KNOWLEDGE_EDITORS)
  @Mutation(() => KnowledgeArticleType, { description: 'DRAFT → PUBLISHED' })
  publishKnowledgeArticle(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const dbId = fromGlobalId(id, 'KnowledgeArticle');
    return mutate(ctx, (c) => publishKnowledgeArticle(c, dbId));
  }

  @FieldResolver(() => ID)
  id(@Root() a: KnowledgeArticle) {
    return toGlobalId('KnowledgeArticle', a.id);
  }

  @FieldResolver(() => CategoryType, { nullable: true })
  category(@Root() a: KnowledgeArticle, @Ctx() ctx: GraphQLContext) {
    return a.categoryId ? ctx.loaders.categoryById.load(a.categoryId) : null;
  }

  @FieldResolver(() => StaffType)
  updatedBy(@Root() a: KnowledgeArticle, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.staffById.load(a.updatedById);
  }

  @FieldResolver(() => [KnowledgeArticleVersionType])
  versions(@Root() a: KnowledgeArticle, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.knowledgeVersionsByArticleId.load(a.id);
  }

  @FieldResolver(() => Int)
  async usageCount(@Root() a: KnowledgeArticle, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.knowledgeUsageByArticleId.load(a.id)).usageCount;
  }

  @FieldResolver(() => Float, { nullable: true })
  async satisfactionRate(@Root() a: KnowledgeArticle, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.knowledgeUsageByArticleId.load(a.id)).satisfactionRate;
  }
}

@Resolver(() => KnowledgeArticleVersionType)
export class KnowledgeArticleVersionResolver {
  @FieldResolver(() => StaffType)
  editedBy(@Root() v: KnowledgeArticleVersion, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.staffById.load(v.editedById);
  }
}
