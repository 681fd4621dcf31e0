import { KnowledgeArticle, KnowledgeArticleVersion } from '../entities';
import { badInput, forbidden, notFound } from '../domain/errors';
import {
  KNOWLEDGE_BODY_MAX, KNOWLEDGE_TITLE_MAX, KnowledgeAction, KnowledgeArticleStatus, checkValidityWindow, editsKnowledge, isAnswerable,
  nextArticleStatus,
} from '../domain/knowledge';
import { requireText } from '../domain/text-limits';
import { requireDbId } from './db-id';
import { requireCategoryByCode } from './reference-lookup';
import { ServiceContext } from './service-context';

// Writing the knowledge base (supervisors and administrators). Every write locks the article row first, so
// two editors saving at once get consecutive versions instead of one overwriting the other unseen.

/** What an editor sends. Optional fields: undefined keeps the current value (create: none / now), null clears. */
export interface KnowledgeArticleCommand {
  title: string;
  body: string;
  categoryCode?: string | null;
  validFrom?: Date | null;
  validTo?: Date | null;
}

const DB_ID = /^[1-9][0-9]{0,17}$/;

function requireEditor(ctx: ServiceContext): void {
  if (!editsKnowledge(ctx.actor.roles)) throw forbidden('only supervisors and administrators edit the knowledge base');
}

async function lockArticle(ctx: ServiceContext, id: string): Promise<KnowledgeArticle> {
  const article = await ctx.em.getRepository(KnowledgeArticle).createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.id = :id', { id: requireDbId(id, 'knowledge article') })
    .getOne();
  if (!article) throw notFound('knowledge article');
  return article;
}

/** The content and window an article will have; everything is checked before anything is written. */
async function articleValues(ctx: ServiceContext, cmd: KnowledgeArticleCommand, current: KnowledgeArticle | null) {
  const title = requireText('title', cmd.title, KNOWLEDGE_TITLE_MAX);
  const body = requireText('body', cmd.body, KNOWLEDGE_BODY_MAX);
  let categoryId = current?.categoryId ?? null;
  if (cmd.categoryCode !== undefined) categoryId = cmd.categoryCode === null ? null : (await requireCategoryByCode(ctx, cmd.categoryCode)).id;
  const window = checkValidityWindow({
    validFrom: cmd.validFrom ?? (cmd.validFrom === undefined && current ? current.validFrom : ctx.now),
    validTo: cmd.validTo === undefined ? (current?.validTo ?? null) : cmd.validTo,
  });
  return { title, body, categoryId, ...window };
}

function recordVersion(ctx: ServiceContext, a: KnowledgeArticle): Promise<unknown> {
  return ctx.em.getRepository(KnowledgeArticleVersion).insert({
    articleId: a.id, version: a.version, title: a.title, body: a.body, editedAt: ctx.now, editedById: ctx.actor.staffId,
  });
}

/** A new article: a DRAFT, version 1, invisible to agents until published. */
export async function createKnowledgeArticle(ctx: ServiceContext, cmd: KnowledgeArticleCommand): Promise<KnowledgeArticle> {
  requireEditor(ctx);
  const values = await articleValues(ctx, cmd, null);
  const repo = ctx.em.getRepository(KnowledgeArticle);
  const article = await repo.save(repo.create({
    ...values, status: KnowledgeArticleStatus.DRAFT, version: 1, publishedAt: null,
    createdAt: ctx.now, updatedAt: ctx.now, updatedById: ctx.actor.staffId,
  }));
  await recordVersion(ctx, article);
  return article;
}

/** A new version (version + 1); a published article stays published with the new content. */
export async function updateKnowledgeArticle(ctx: ServiceContext, id: string, cmd: KnowledgeArticleCommand): Promise<KnowledgeArticle> {
  requireEditor(ctx);
  const article = await lockArticle(ctx, id);
  article.status = nextArticleStatus(article.status, KnowledgeAction.EDIT);
  Object.assign(article, await articleValues(ctx, cmd, article));
  article.version += 1;
  article.updatedAt = ctx.now;
  article.updatedById = ctx.actor.staffId;
  await ctx.em.getRepository(KnowledgeArticle).save(article);
  await recordVersion(ctx, article);
  return article;
}

/** DRAFT → PUBLISHED; publishing again is INVALID_TRANSITION. The content, hence the version, is unchanged. */
export async function publishKnowledgeArticle(ctx: ServiceContext, id: string): Promise<KnowledgeArticle> {
  requireEditor(ctx);
  const article = await lockArticle(ctx, id);
  article.status = nextArticleStatus(article.status, KnowledgeAction.PUBLISH);
  article.publishedAt = ctx.now;
  article.updatedAt = ctx.now;
  article.updatedById = ctx.actor.staffId;
  return ctx.em.getRepository(KnowledgeArticle).save(article);
}

/**
 * The article an agent answers with: it must be one an agent can see right now (published, in force).
 * Anything else is the caller's mistake (BAD_USER_INPUT), and says nothing about drafts that exist.
 */
export async function requireAnswerableArticle(ctx: ServiceContext, articleId: string): Promise<KnowledgeArticle> {
  const article = DB_ID.test(articleId) ? await ctx.em.getRepository(KnowledgeArticle).findOneBy({ id: articleId }) : null;
  if (!article || !isAnswerable(article, ctx.now)) {
    throw badInput('articleId must name a published knowledge article in force', { field: 'articleId' });
  }
  return article;
}
