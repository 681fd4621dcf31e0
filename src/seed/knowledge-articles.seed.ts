import { EntityManager } from 'typeorm';
import { KnowledgeArticleStatus } from '../domain/knowledge';
import { Category, KnowledgeArticle, KnowledgeArticleVersion, Staff } from '../entities';
import { KNOWLEDGE_ARTICLES } from './knowledge-texts';

// The demo knowledge base. Unlike the reference trees it is not upserted: once a database has articles,
// they are the editors' and a seed must not put back what they changed or removed.

const EDITOR = 'supervisor01';
const SINCE = new Date('2024-01-01T00:00:00+08:00');

/** Loads the demo articles into a database without any; does nothing otherwise. Needs the reference data. */
export async function seedKnowledgeArticles(em: EntityManager): Promise<number> {
  const [{ present }] = await em.query(`SELECT EXISTS (SELECT 1 FROM knowledge_article) AS present`);
  const editor = await em.getRepository(Staff).findOneBy({ username: EDITOR });
  if (present === true || !editor) return 0;
  const categories = new Map((await em.getRepository(Category).find()).map((c) => [c.code, c.id]));
  for (const t of KNOWLEDGE_ARTICLES) {
    const validFrom = t.validFrom ? new Date(t.validFrom) : SINCE;
    const article = await em.getRepository(KnowledgeArticle).save(em.getRepository(KnowledgeArticle).create({
      title: t.title, body: t.body, categoryId: categories.get(t.categoryCode) ?? null,
      status: t.draft ? KnowledgeArticleStatus.DRAFT : KnowledgeArticleStatus.PUBLISHED, version: 1,
      validFrom, validTo: t.validTo ? new Date(t.validTo) : null, publishedAt: t.draft ? null : validFrom,
      createdAt: validFrom, updatedAt: validFrom, updatedById: editor.id,
    }));
    await em.getRepository(KnowledgeArticleVersion).insert({
      articleId: article.id, version: 1, title: t.title, body: t.body, editedAt: validFrom, editedById: editor.id,
    });
  }
  return KNOWLEDGE_ARTICLES.length;
}
