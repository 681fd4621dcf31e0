import { EntityManager } from 'typeorm';
import { ServiceRequest } from '../../entities';
import { explainScore, rankRules, RuleCandidate, scoreDepartments } from '../../domain/routing';
import { notFound } from '../../domain/errors';
import { requireDbId } from '../db-id';
import { ServiceContext } from '../service-context';
import { gatherRoutingEvidence, matchingRules, RoutingSubject } from './routing-evidence';

export interface RouteSuggestion {
  departmentId: string;
  /** 0..1 */
  score: number;
  reason: string;
}

export const MAX_SUGGESTIONS = 3;

/** The best departments for a request as of `asOf` (now, or a moment of a replayed history). */
export async function suggestRoutes(em: EntityManager, subject: RoutingSubject, asOf: Date, limit = MAX_SUGGESTIONS): Promise<RouteSuggestion[]> {
  const { evidence, categoryName, districtName } = await gatherRoutingEvidence(em, subject, asOf);
  return scoreDepartments({ ...evidence, rules: rankRules(evidence.rules) })
    .slice(0, limit)
    .map((s) => ({ departmentId: s.departmentId, score: s.score, reason: explainScore(s, { category: categoryName, district: districtName }) }));
}

/** routingSuggestions(requestId): for the agent or supervisor about to dispatch. */
export async function routingSuggestionsFor(ctx: ServiceContext, requestId: string): Promise<RouteSuggestion[]> {
  const request = await ctx.em.getRepository(ServiceRequest).findOneBy({ id: requireDbId(requestId, 'service request') });
  if (!request) throw notFound('service request');
  return suggestRoutes(ctx.em, request, ctx.now);
}

/** The rule that decides direct dispatch (直派): the most specific matching rule, if it asks for it. */
export async function directDispatchRule(em: EntityManager, subject: Pick<RoutingSubject, 'categoryId' | 'regionId'>): Promise<RuleCandidate | null> {
  const [best] = rankRules(await matchingRules(em, subject));
  return best?.autoDispatch ? best : null;
}
