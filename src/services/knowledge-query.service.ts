import { KnowledgeArticle } from '../entities';
import { KNOWLEDGE_SEARCH_CAP, KnowledgeArticleStatus, editsKnowledge, mayRead } from '../domain/knowledge';
import { containsPattern, searchTerm } from '../domain/text-search';
import { badInput } from '../domain/errors';
import { entityRows } from './entity-rows';
import { encodeCursor, keysetPage, pageSize } from './keyset-cursor';
import { Page, PageRequest } from './page';
import { requireCategoryByCode } from './reference-lookup';
import { ServiceContext } from './service-context';
import { EntityFilter, entityFilter, whereClause } from './sql-params';

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
  const f = entityFilter('a');
  const p = f.params;
  if (!editsKnowledge(ctx.actor.roles)) {
    const now = p.add(ctx.now);
    f.where.push(`a.status = ${p.add(KnowledgeArticleStatus.PUBLISHED)} AND a.valid_from <= ${now} AND (a.valid_to IS NULL OR a.valid_to > ${now})`);
  }
  if (filter.categoryCode) {
    const category = await requireCategoryByCode(ctx, filter.categoryCode);
    f.where.push(`a.category_id IN (SELECT c.id FROM category c WHERE c.path LIKE ${p.add(`${category.path}%`)})`);
  }
  if (term) return searchPage(ctx, f, term, page);
  return keysetPage(ctx.em, KnowledgeArticle, f, page, { sortColumn: 'a.updated_at', idColumn: 'a.id', direction: 'DESC' });
}

/**
 * Best matches first: title hits, then trigram similarity, then the newest. A relevance order has no keyset,
 * so a search is one page of at most KNOWLEDGE_SEARCH_CAP articles (hasNextPage is false); totalCount still
 * says how many matched. The trigram GIN indexes serve both the ILIKE and the `<%` similarity match.
 */
async function searchPage(ctx: ServiceContext, f: EntityFilter, term: string, page: PageRequest): Promise<Page<KnowledgeArticle>> {
  if (page.after) throw badInput('search results are a single page: ask for up to 50 with first', { field: 'after' });
  const size = Math.min(pageSize(page.first), KNOWLEDGE_SEARCH_CAP);
  const pattern = f.params.add(containsPattern(term));
  const t = f.params.add(term);
  f.where.push(`a.title ILIKE ${pattern} OR a.body ILIKE ${pattern} OR ${t} <% a.title`);
  const articles = entityRows(ctx.em, KnowledgeArticle);
  const from = `${articles.table} a ${whereClause(f.where)}`;
  const values = f.params.values;
  const totalCount = async () => Number((await ctx.em.query(`SELECT count(*) AS n FROM ${from}`, values))[0].n);
  const raw: Record<string, unknown>[] = size === 0 ? [] : await ctx.em.query(
    `SELECT ${articles.selectList('a')} FROM ${from}
     ORDER BY CASE WHEN a.title ILIKE ${pattern} THEN 1 ELSE 0 END DESC,
              greatest(similarity(a.title, ${t}), word_similarity(${t}, a.body)) DESC, a.updated_at DESC, a.id DESC
     LIMIT ${size}`,
    values,
  );
  const items = raw.map((r) => articles.fromRow(r)).map((node) => ({ node, cursor: encodeCursor({ at: null, id: node.id }) }));
  return { items, hasNextPage: false, endCursor: items.length ? items[items.length - 1].cursor : null, totalCount };
}

/** node(id:) for articles: under the list's rule; null when the viewer may not see it. */
export async function findKnowledgeArticle(ctx: ServiceContext, id: string): Promise<KnowledgeArticle | null> {
  const article = DB_ID.test(id) ? await ctx.em.getRepository(KnowledgeArticle).findOneBy({ id }) : null;
  return article && mayRead(ctx.actor.roles, article, ctx.now) ? article : null;
}
