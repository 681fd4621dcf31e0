import { Brackets, SelectQueryBuilder } from 'typeorm';
import { KnowledgeArticle } from '../entities';
import { KNOWLEDGE_SEARCH_CAP, KnowledgeArticleStatus, editsKnowledge, mayRead } from '../domain/knowledge';
import { containsPattern, searchTerm } from '../domain/text-search';
import { badInput } from '../domain/errors';
import { encodeCursor, keysetPage, pageSize } from './keyset-cursor';
import { Page, PageRequest } from './page';
import { requireCategoryByCode } from './reference-lookup';
import { ServiceContext } from './service-context';

// Reading the knowledge base. Agents, liaisons and analysts see what may be read out to a citizen now
// (published, in force); editors see every article, drafts and expired ones included.

export interface KnowledgeArticleFilter {
  search?: string | null;
  /** Includes sub-categories. */
  categoryCode?: string | null;
}

const DB_ID = /^[1-9][0-9]{0,17}$/;

export async function listKnowledgeArticles(ctx: ServiceContext, filter: KnowledgeArticleFilter, page: PageRequest): Promise<Page<KnowledgeArticle>> {
  const term = searchTerm(filter.search);
  const qb = ctx.em.getRepository(KnowledgeArticle).createQueryBuilder('a');
  if (!editsKnowledge(ctx.actor.roles)) {
    qb.andWhere('a.status = :published AND a.valid_from <= :now AND (a.valid_to IS NULL OR a.valid_to > :now)', {
      published: KnowledgeArticleStatus.PUBLISHED, now: ctx.now,
    });
  }
  if (filter.categoryCode) {
    const category = await requireCategoryByCode(ctx, filter.categoryCode);
    qb.andWhere('a.category_id IN (SELECT c.id FROM category c WHERE c.path LIKE :categoryPath)', { categoryPath: `${category.path}%` });
  }
  if (term) return searchPage(qb, term, page);
  return keysetPage(qb, page, { sortColumn: 'a.updated_at', idColumn: 'a.id', direction: 'DESC' });
}

/**
 * Best matches first: title hits, then trigram similarity, then the newest. A relevance order has no keyset,
 * so a search is one page of at most KNOWLEDGE_SEARCH_CAP articles (hasNextPage is false); totalCount still
 * says how many matched. The trigram GIN indexes serve both the ILIKE and the `<%` similarity match.
 */
async function searchPage(qb: SelectQueryBuilder<KnowledgeArticle>, term: string, page: PageRequest): Promise<Page<KnowledgeArticle>> {
  if (page.after) throw badInput('search results are a single page: ask for up to 50 with first', { field: 'after' });
  const size = Math.min(pageSize(page.first), KNOWLEDGE_SEARCH_CAP);
  qb.andWhere(new Brackets((w) => w.where('a.title ILIKE :pattern').orWhere('a.body ILIKE :pattern').orWhere(':term <% a.title')))
    .setParameters({ pattern: containsPattern(term), term });
  const counting = qb.clone();
  const totalCount = () => counting.getCount();
  const rows = size === 0 ? [] : await qb
    .addSelect('CASE WHEN a.title ILIKE :pattern THEN 1 ELSE 0 END', 'kb_title_hit')
    .addSelect('greatest(similarity(a.title, :term), word_similarity(:term, a.body))', 'kb_score')
    .orderBy('kb_title_hit', 'DESC').addOrderBy('kb_score', 'DESC').addOrderBy('a.updated_at', 'DESC').addOrderBy('a.id', 'DESC')
    .limit(size)
    .getMany();
  const items = rows.map((node) => ({ node, cursor: encodeCursor({ at: null, id: node.id }) }));
  return { items, hasNextPage: false, endCursor: items.length ? items[items.length - 1].cursor : null, totalCount };
}

/** node(id:) for articles: under the list's rule; null when the viewer may not see it. */
export async function findKnowledgeArticle(ctx: ServiceContext, id: string): Promise<KnowledgeArticle | null> {
  const article = DB_ID.test(id) ? await ctx.em.getRepository(KnowledgeArticle).findOneBy({ id }) : null;
  return article && mayRead(ctx.actor.roles, article, ctx.now) ? article : null;
}
