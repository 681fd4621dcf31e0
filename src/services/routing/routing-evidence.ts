import { EntityManager } from 'typeorm';
import { districtOf } from './district';
import { bigramSimilarity, HistoryEvidence, RoutingEvidence, RuleCandidate, TextEvidence, textBigrams } from '../../domain/routing';

// The evidence for routing a request, as it stood at `asOf`: the rules in force, what departments did with
// lead assignments like it in the 90 days before, and where similar requests were finished. Nothing after
// `asOf` is read, so a replay of history (npm run eval:routing) learns only from the past.

export interface RoutingSubject {
  /** Excluded from its own evidence; null for text not yet saved. */
  id: string | null;
  categoryId: string;
  regionId: string | null;
  title: string;
  content: string;
}

export interface RoutingContext {
  evidence: RoutingEvidence;
  categoryName: string;
  districtName: string | null;
}

const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 90;
export const TEXT_DAYS = 180;
const TEXT_CANDIDATES = 40;
const TEXT_KEPT = 10;
const MIN_TEXT_SIMILARITY = 0.2;
/** Bigrams sent to the index: the lookup needs only enough of them to find the candidates. */
const QUERY_BIGRAMS = 80;

interface Place { categoryName: string; topCategoryPath: string; districtPath: string | null; districtName: string | null }

export async function gatherRoutingEvidence(em: EntityManager, subject: RoutingSubject, asOf: Date): Promise<RoutingContext> {
  const place = await placeOf(em, subject);
  // History and similar texts are local: a district government that finishes these matters at home is no
  // answer elsewhere.
  const [rules, local, text] = await Promise.all([
    matchingRules(em, subject),
    place.districtPath ? history(em, subject, asOf, place.districtPath) : Promise.resolve([]),
    place.districtPath ? similarFinished(em, subject, asOf, place.topCategoryPath, place.districtPath) : Promise.resolve([]),
  ]);
  return { evidence: { rules, history: local, text }, categoryName: place.categoryName, districtName: place.districtName };
}

/** The category's top-level subtree and name, and the request's district. */
async function placeOf(em: EntityManager, s: RoutingSubject): Promise<Place> {
  const [c] = await em.query(`SELECT path, name FROM category WHERE id = $1`, [s.categoryId]);
  const district = await districtOf(em, s.regionId);
  return {
    categoryName: c.name, topCategoryPath: `/${(c.path as string).split('/').filter(Boolean)[0]}/`,
    districtPath: district?.path ?? null, districtName: district?.name ?? null,
  };
}

/** Rules whose category subtree holds the request's category and whose region subtree (if any) its region. */
export async function matchingRules(em: EntityManager, s: Pick<RoutingSubject, 'categoryId' | 'regionId'>): Promise<RuleCandidate[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT r.id, r.department_id, c.depth + 1 AS category_depth, CASE WHEN g.id IS NULL THEN 0 ELSE g.depth + 1 END AS region_depth,
            r.priority, r.auto_dispatch
     FROM routing_rule r
     JOIN category c ON c.id = r.category_id
     LEFT JOIN region g ON g.id = r.region_id
     WHERE (SELECT path FROM category WHERE id = $1) LIKE c.path || '%'
       AND (r.region_id IS NULL OR (SELECT path FROM region WHERE id = $2) LIKE g.path || '%')`,
    [s.categoryId, s.regionId],
  );
  return rows.map((r) => ({
    id: String(r.id), departmentId: String(r.department_id), categoryDepth: Number(r.category_depth),
    regionDepth: Number(r.region_depth), priority: Number(r.priority), autoDispatch: Boolean(r.auto_dispatch),
  }));
}

/** Lead assignments of the same category in the district, of requests made in the window, by outcome. */
async function history(em: EntityManager, s: RoutingSubject, asOf: Date, districtPath: string): Promise<HistoryEvidence[]> {
  const params: unknown[] = [s.categoryId, new Date(asOf.getTime() - HISTORY_DAYS * DAY_MS), asOf, `${districtPath}%`];
  const rows: { department_id: string; completed: string; returned: string }[] = await em.query(
    `SELECT a.department_id,
            count(*) FILTER (WHERE a.status = 'COMPLETED' AND a.completed_at < $3) AS completed,
            count(*) FILTER (WHERE a.returned_at < $3) AS returned
     FROM service_request r JOIN assignment a ON a.request_id = r.id AND a.role = 'LEAD'
     WHERE r.category_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND a.dispatched_at < $3
       AND r.region_id IN (SELECT id FROM region WHERE path LIKE $4)
     GROUP BY a.department_id`,
    params,
  );
  return rows
    .map((r) => ({ departmentId: String(r.department_id), completed: Number(r.completed), returned: Number(r.returned) }))
    .filter((h) => h.completed + h.returned > 0);
}

/** tsquery text matching any of the bigrams (letters and digits only, so nothing needs escaping). */
export function bigramQuery(grams: Set<string>): string | null {
  const terms = [...grams].slice(0, QUERY_BIGRAMS).map((g) => `'${g}'`);
  return terms.length ? terms.join(' | ') : null;
}

/**
 * Requests of the same top-level category and district finished (lead completed) before `asOf`, most similar first, with
 * the departments that returned them before that.
 */
async function similarFinished(em: EntityManager, s: RoutingSubject, asOf: Date, topCategoryPath: string, districtPath: string): Promise<TextEvidence[]> {
  const grams = textBigrams(`${s.title} ${s.content}`);
  const query = bigramQuery(grams);
  if (!query) return [];
  const rows: { title: string; content: string; department_id: string; returned_by: string[] }[] = await em.query(
    `SELECT r.title, r.content, a.department_id,
            ARRAY(SELECT x.department_id::text FROM assignment x WHERE x.request_id = r.id AND x.returned_at < $3) AS returned_by
     FROM service_request r JOIN assignment a ON a.id = r.lead_assignment_id
     WHERE r.text_bigrams @@ $1::tsquery
       AND r.created_at >= $2 AND r.created_at < $3 AND a.status = 'COMPLETED' AND a.completed_at < $3
       AND r.category_id IN (SELECT id FROM category WHERE path LIKE $4) AND r.id <> coalesce($5::bigint, 0)
       AND r.region_id IN (SELECT id FROM region WHERE path LIKE $6)
     ORDER BY ts_rank(r.text_bigrams, $1::tsquery) DESC, r.id DESC
     LIMIT ${TEXT_CANDIDATES}`,
    [query, new Date(asOf.getTime() - TEXT_DAYS * DAY_MS), asOf, `${topCategoryPath}%`, s.id, `${districtPath}%`],
  );
  return rows
    .map((r) => ({
      departmentId: String(r.department_id),
      similarity: bigramSimilarity(grams, textBigrams(`${r.title} ${r.content}`)),
      returnedBy: r.returned_by,
    }))
    .filter((t) => t.similarity >= MIN_TEXT_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, TEXT_KEPT);
}
