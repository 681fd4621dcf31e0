import DataLoader from 'dataloader';
import { EntityManager, In } from 'typeorm';
import { KnowledgeArticleVersion } from '../entities';
import { SATISFIED_LEVELS, satisfactionRate } from '../domain/kpi';

// Per-request DataLoaders for what a list of knowledge articles shows (DESIGN.md §8): one query per field,
// whatever the number of articles on the page.

export interface KnowledgeUsage {
  usageCount: number;
  satisfactionRate: number | null;
}

/** Every version of each article, newest first. */
export function versionsByArticleId(em: EntityManager) {
  return new DataLoader<string, KnowledgeArticleVersion[]>(async (ids) => {
    const rows = await em.getRepository(KnowledgeArticleVersion).find({ where: { articleId: In([...ids]) }, order: { version: 'DESC' } });
    return ids.map((id) => rows.filter((v) => v.articleId === id));
  });
}

/**
 * Requests answered at intake with each article, and the 满意率 of those answers: reached follow-ups of the
 * intake round only (no lead department, recorded after the latest intake answer), so a department's later
 * handling of a reopened request is not credited to, or blamed on, the article.
 */
export function usageByArticleId(em: EntityManager) {
  return new DataLoader<string, KnowledgeUsage>(async (ids) => {
    const rows: { article_id: string; used: string; followed_up: string; satisfied: string }[] = await em.query(
      `SELECT r.knowledge_article_id AS article_id, count(DISTINCT r.id) AS used,
              count(f.id) AS followed_up, count(f.id) FILTER (WHERE f.satisfaction = ANY($2::satisfaction[])) AS satisfied
       FROM service_request r
       LEFT JOIN follow_up f ON f.request_id = r.id AND f.reached AND f.lead_department_id IS NULL
                            AND f.recorded_at >= r.resolved_at_intake_at
       WHERE r.knowledge_article_id = ANY($1::bigint[])
       GROUP BY r.knowledge_article_id`,
      [ids, SATISFIED_LEVELS],
    );
    const map = new Map(rows.map((r) => [String(r.article_id), {
      usageCount: Number(r.used), satisfactionRate: satisfactionRate(Number(r.satisfied), Number(r.followed_up)),
    }]));
    return ids.map((id) => map.get(id) ?? { usageCount: 0, satisfactionRate: null });
  });
}
