import { ServiceRequest } from '../../entities';
import { notFound } from '../../domain/errors';
import { bigramSimilarity, textBigrams } from '../../domain/routing';
import { requireDbId } from '../db-id';
import { pageSize } from '../keyset-cursor';
import { ServiceContext } from '../service-context';
import { districtOf } from './district';
import { bigramQuery } from './routing-evidence';

// 并单 candidates: requests that are probably the same matter as this one, for the agent to merge. The same
// caller's open (or lately closed) requests always count; other callers' only when they are of the same
// category, in the same district, within a week, and say much the same thing.

export interface SimilarRequest {
  request: ServiceRequest;
  /** 0..1 */
  score: number;
  reason: string;
}

const DAY_MS = 86_400_000;
const SAME_MATTER_DAYS = 7;
const RECENTLY_CLOSED_DAYS = 30;
/** Below this, two callers' texts are about different things. */
export const MIN_SIMILARITY = 0.25;
const CANDIDATES = 100;

export async function similarRequests(ctx: ServiceContext, requestId: string, first: number | null | undefined): Promise<SimilarRequest[]> {
  const limit = pageSize(first);
  const request = await ctx.em.getRepository(ServiceRequest).findOneBy({ id: requireDbId(requestId, 'service request') });
  if (!request) throw notFound('service request');
  const grams = textBigrams(`${request.title} ${request.content}`);
  const candidates = await findCandidates(ctx, request, grams);
  const scored = candidates.map((c) => {
    const similarity = bigramSimilarity(grams, textBigrams(`${c.title} ${c.content}`));
    const sameCaller = request.citizenId !== null && c.citizenId === request.citizenId;
    return {
      request: c,
      score: round(sameCaller ? 0.5 + 0.5 * similarity : similarity),
      reason: [sameCaller ? 'same caller' : null, `text ${Math.round(similarity * 100)}% alike`].filter(Boolean).join('; '),
      keep: sameCaller || similarity >= MIN_SIMILARITY,
    };
  });
  return scored
    .filter((s) => s.keep)
    .sort((a, b) => b.score - a.score || Number(b.request.id) - Number(a.request.id))
    .slice(0, limit)
    .map(({ request: r, score, reason }) => ({ request: r, score, reason }));
}

/** The same caller's requests, and other callers' of the same category and district that share words with it. */
async function findCandidates(ctx: ServiceContext, request: ServiceRequest, grams: Set<string>): Promise<ServiceRequest[]> {
  const closedSince = new Date(ctx.now.getTime() - RECENTLY_CLOSED_DAYS * DAY_MS);
  const stillRelevant = `r.id <> :self AND r.status NOT IN ('VOID', 'MERGED') AND (r.status <> 'CLOSED' OR r.closed_at >= :closedSince)`;
  const repo = ctx.em.getRepository(ServiceRequest);
  const found = new Map<string, ServiceRequest>();
  if (request.citizenId) {
    const sameCaller = await repo.createQueryBuilder('r')
      .where(`r.citizen_id = :citizen AND ${stillRelevant}`, { citizen: request.citizenId, self: request.id, closedSince })
      .orderBy('r.created_at', 'DESC').limit(CANDIDATES).getMany();
    for (const r of sameCaller) found.set(r.id, r);
  }
  const query = bigramQuery(grams);
  const district = (await districtOf(ctx.em, request.regionId))?.path ?? null;
  if (query && district) {
    const from = new Date(request.createdAt.getTime() - SAME_MATTER_DAYS * DAY_MS);
    const to = new Date(request.createdAt.getTime() + SAME_MATTER_DAYS * DAY_MS);
    const sameMatter = await repo.createQueryBuilder('r')
      .where(`r.category_id = :category AND r.created_at BETWEEN :from AND :to AND ${stillRelevant}`, {
        category: request.categoryId, from, to, self: request.id, closedSince,
      })
      .andWhere('r.region_id IN (SELECT id FROM region WHERE path LIKE :district)', { district: `${district}%` })
      .andWhere('r.text_bigrams @@ CAST(:query AS tsquery)', { query })
      .orderBy('ts_rank(r.text_bigrams, CAST(:query AS tsquery))', 'DESC')
      .limit(CANDIDATES).getMany();
    for (const r of sameMatter) found.set(r.id, r);
  }
  return [...found.values()];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
