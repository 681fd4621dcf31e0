import { Role } from './enums';
import { badInput, invalidTransition } from './errors';

// The knowledge base (知识库): the answers agents give on the phone. Pure rules: who sees what, when an
// article is in force, how it moves from draft to published.
// Search terms are src/domain/text-search.ts's.

export enum KnowledgeArticleStatus { DRAFT = 'DRAFT', PUBLISHED = 'PUBLISHED' }

export const KNOWLEDGE_TITLE_MAX = 200;
export const KNOWLEDGE_BODY_MAX = 20_000;
/** Relevance order cannot be keyset-paged, so a search answers one page of at most this many best matches. */
export const KNOWLEDGE_SEARCH_CAP = 50;

/** Editors see every article (drafts, expired ones) and are the only ones who write them. */
export const KNOWLEDGE_EDITORS: readonly Role[] = [Role.SUPERVISOR, Role.ADMIN];

export const editsKnowledge = (roles: readonly Role[]): boolean => roles.some((r) => KNOWLEDGE_EDITORS.includes(r));

export interface ValidityWindow {
  validFrom: Date;
  validTo: Date | null;
}

/** In force at `now`: the window is half-open, [validFrom, validTo). */
export function isInForce(a: ValidityWindow, now: Date): boolean {
  return a.validFrom.getTime() <= now.getTime() && (a.validTo === null || a.validTo.getTime() > now.getTime());
}

/** What an agent may read out to a citizen: published and in force. */
export function isAnswerable(a: ValidityWindow & { status: KnowledgeArticleStatus }, now: Date): boolean {
  return a.status === KnowledgeArticleStatus.PUBLISHED && isInForce(a, now);
}

/** Editors see everything; everyone else only what an agent may answer with. */
export function mayRead(roles: readonly Role[], a: ValidityWindow & { status: KnowledgeArticleStatus }, now: Date): boolean {
  return editsKnowledge(roles) || isAnswerable(a, now);
}

/** An empty window would make the article invisible forever: refuse it rather than store it. */
export function checkValidityWindow(w: ValidityWindow): ValidityWindow {
  if (Number.isNaN(w.validFrom.getTime())) throw badInput('validFrom is not a valid time', { field: 'validFrom' });
  if (w.validTo !== null) {
    if (Number.isNaN(w.validTo.getTime())) throw badInput('validTo is not a valid time', { field: 'validTo' });
    if (w.validTo.getTime() <= w.validFrom.getTime()) throw badInput('validTo must be after validFrom', { field: 'validTo' });
  }
  return w;
}

export enum KnowledgeAction { PUBLISH = 'PUBLISH', EDIT = 'EDIT' }

const TRANSITIONS: Record<KnowledgeAction, { from: readonly KnowledgeArticleStatus[]; to: KnowledgeArticleStatus | 'SAME' }> = {
  [KnowledgeAction.PUBLISH]: { from: [KnowledgeArticleStatus.DRAFT], to: KnowledgeArticleStatus.PUBLISHED },
  // Editing a published article keeps it published: agents get the corrected answer at once.
  [KnowledgeAction.EDIT]: { from: [KnowledgeArticleStatus.DRAFT, KnowledgeArticleStatus.PUBLISHED], to: 'SAME' },
};

/** The status after `action`, or INVALID_TRANSITION (publishing twice, …). */
export function nextArticleStatus(status: KnowledgeArticleStatus, action: KnowledgeAction): KnowledgeArticleStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) throw invalidTransition(`cannot ${action.toLowerCase()} a ${status} article`, { status, action });
  return t.to === 'SAME' ? status : t.to;
}
