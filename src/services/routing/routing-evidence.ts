import { EntityManager } from 'typeorm';
import { districtOf } from './district';
import { bigramSimilarity, HistoryEvidence, RoutingEvidence, RuleCandidate, TextEvidence, textBigrams } from '../../domain/routing';

// The evidence for routing a request, as it stood at `asOf`: the rules in force, what departments did with
// lead assignments of the newest requests like it (at most 90 days old), and where similar requests among the
// newest of its kind were finished. Nothing after `asOf` is read, so a replay of history (npm run eval:routing)
// learns only from the past. The evidence is bounded by count as well as by time: at 70,000 requests a day, 90
// days of one category in one district are tens of thousands of rows, and reading them all (and ranking 180 days
// of texts) took over a minute on a cold cache at 10 M requests.

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
export interface EvidenceBounds {
  /** Newest requests of the category in the district with an outcome (a lead completed or returned) that count as history. */
  historyRequests: number;
  /** Newest finished requests per category of the subtree among which similar texts are looked for. */
  textRequestsPerCategory: number;
}

export const EVIDENCE_BOUNDS: EvidenceBounds = { historyRequests: 500, textRequestsPerCategory: 400 };
const TEXT_CANDIDATES = 40;
const TEXT_KEPT = 10;
const MIN_TEXT_SIMILARITY = 0.2;
/** Bigrams sent to the index: the lookup needs only enough of them to find the candidates. */
const QUERY_BIGRAMS = 80;

interface Place { categoryName: string; topCategoryPath: string; districtPath: string | null; districtName: string | null }

export async function gatherRoutingEvidence(em: EntityManager, subject: RoutingSubject, asOf: Date, bounds = EVIDENCE_BOUNDS): Promise<RoutingContext> {
  const place = await placeOf(em, subject);
  // History and similar texts are local: a district government that finishes these matters at home is no
  // answer elsewhere.
  const [rules, local, text] = await Promise.all([
    matchingRules(em, subject),
    place.districtPath ? history(em, subject, asOf, place.districtPath, bounds.historyRequests) : Promise.resolve([]),
    place.districtPath ? similarFinished(em, subject, asOf, place, bounds.textRequestsPerCategory) : Promise.resolve([]),
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

/**
 * Lead assignments of the newest requests of the same category in the district (made in the window) that have an
 * outcome by `asOf`, by outcome. The newest first along the category's creation index: a few thousand rows at
 * most, whatever the volume. (Requests still open say nothing yet; at 10 M most of the newest 500 were.)
 */
async function history(em: EntityManager, s: RoutingSubject, asOf: Date, districtPath: string, requests: number): Promise<HistoryEvidence[]> {
  const params: unknown[] = [s.categoryId, new Date(asOf.getTime() - HISTORY_DAYS * DAY_MS), asOf, `${districtPath}%`, requests];
  const rows: { department_id: string; completed: string; returned: string }[] = await em.query(
    `SELECT a.department_id,
            count(*) FILTER (WHERE a.status = 'COMPLETED' AND a.completed_at < $3) AS completed,
            count(*) FILTER (WHERE a.returned_at < $3) AS returned
     FROM (
       SELECT r.id FROM service_request r
       WHERE r.category_id = $1 AND r.created_at >= $2 AND r.created_at < $3
         AND r.region_id IN (SELECT id FROM region WHERE path LIKE $4)
         AND EXISTS (SELECT 1 FROM assignment o WHERE o.request_id = r.id AND o.role = 'LEAD'
                       AND ((o.status = 'COMPLETED' AND o.completed_at < $3) OR o.returned_at < $3))
       ORDER BY r.created_at DESC LIMIT $5
     ) r JOIN assignment a ON a.request_id = r.id AND a.role = 'LEAD' AND a.dispatched_at < $3
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
 * the departments that returned them before that. Looked for among the newest requests of each category of the
 * subtree (one walk of the category's creation index each), not in the whole window: an OR of 80 bigrams matches
 * most of a district's texts.
 */
async function similarFinished(em: EntityManager, s: RoutingSubject, asOf: Date, place: Place, perCategory: number): Promise<TextEvidence[]> {
  const grams = textBigrams(`${s.title} ${s.content}`);
  const query = bigramQuery(grams);
  if (!query) return [];
  const rows: { title: string; content: string; department_id: string; returned_by: string[] }[] = await em.query(
    `SELECT r.title, r.content, r.department_id,
            ARRAY(SELECT x.department_id::text FROM assignment x WHERE x.request_id = r.id AND x.returned_at < $3) AS returned_by
     FROM category c
     CROSS JOIN LATERAL (
       SELECT r.id, r.title, r.content, a.department_id, r.text_bigrams FROM service_request r
       JOIN assignment a ON a.id = r.lead_assignment_id AND a.status = 'COMPLETED' AND a.completed_at < $3
       WHERE r.category_id = c.id AND r.created_at >= $2 AND r.created_at < $3 AND r.id <> coalesce($5::bigint, 0)
         AND r.region_id IN (SELECT id FROM region WHERE path LIKE $6)
       ORDER BY r.created_at DESC LIMIT $7
     ) r
     WHERE c.path LIKE $4 AND r.text_bigrams @@ $1::tsquery
     ORDER BY ts_rank(r.text_bigrams, $1::tsquery) DESC, r.id DESC
     LIMIT ${TEXT_CANDIDATES}`,
    [query, new Date(asOf.getTime() - TEXT_DAYS * DAY_MS), asOf, `${place.topCategoryPath}%`, s.id, `${place.districtPath}%`, perCategory],
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
