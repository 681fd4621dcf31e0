// Routing suggestions (智能派单): which department should get a request, from three kinds of evidence.
// Pure functions: the services gather the evidence as of a moment and these weigh it.

/** A routing rule as the matcher sees it: how deep its category and region sit in their trees. */
export interface RuleCandidate {
  id: string;
  departmentId: string;
  /** Depth of the rule's category (1 = a top-level category). */
  categoryDepth: number;
  /** Depth of the rule's region; 0 when the rule holds for every region. */
  regionDepth: number;
  priority: number;
  autoDispatch: boolean;
}

/**
 * The most specific rule first: a deeper category beats a shallower one, then a deeper region (a rule
 * for one district beats a city-wide one), then the higher priority, then the older rule.
 */
export function compareRules(a: RuleCandidate, b: RuleCandidate): number {
  return (
    b.categoryDepth - a.categoryDepth ||
    b.regionDepth - a.regionDepth ||
    b.priority - a.priority ||
    compareIds(a.id, b.id)
  );
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function rankRules<T extends RuleCandidate>(rules: T[]): T[] {
  return [...rules].sort(compareRules);
}

/** What a department did with lead assignments like this one (same category, same district) lately. */
export interface HistoryEvidence {
  departmentId: string;
  /** Completed without being returned. */
  completed: number;
  /** Returned to the center as not theirs (an approved return). */
  returned: number;
}

/** A similar past request: the department that finished it, and those that returned it on the way. */
export interface TextEvidence {
  departmentId: string;
  similarity: number;
  returnedBy?: string[];
}

export interface RoutingEvidence {
  /** Matching rules, most specific first (rankRules). */
  rules: RuleCandidate[];
  /** Same category and district (none when the request has no district). */
  history: HistoryEvidence[];
  text: TextEvidence[];
}

export interface DepartmentScore {
  departmentId: string;
  score: number;
  rule: number;
  history: number;
  text: number;
  /** Completed / returned counts behind the history share. */
  completed: number;
  returned: number;
  similarCount: number;
  ruleRank: number | null;
}

/** Weights of the evidence kinds when all are present; missing kinds hand their weight to the others. */
export const WEIGHTS = { rule: 0.3, history: 0.4, text: 0.3 } as const;

/** Suggestions scoring below this are not worth showing. */
export const MIN_SCORE = 0.05;

/**
 * One score in 0..1 per department. Each evidence kind is a share that sums to at most 1 over the
 * departments; the weights sum to 1; a department's returns then discount its score, so one that keeps
 * returning a kind of request sinks below those that complete it, whatever the rules say.
 */
export function scoreDepartments(e: RoutingEvidence): DepartmentScore[] {
  const ruleShares = ruleShare(e.rules);
  const history = e.history;
  const historyShares = completedShare(history);
  const textShares = textShare(e.text);
  const present = {
    rule: ruleShares.size > 0,
    history: historyShares.size > 0,
    text: textShares.size > 0,
  };
  const weightSum = (present.rule ? WEIGHTS.rule : 0) + (present.history ? WEIGHTS.history : 0) + (present.text ? WEIGHTS.text : 0);
  if (weightSum === 0) return [];
  const departments = new Set([...ruleShares.keys(), ...historyShares.keys(), ...textShares.keys(), ...history.map((h) => h.departmentId)]);
  const scores: DepartmentScore[] = [];
  for (const departmentId of departments) {
    const rule = ruleShares.get(departmentId) ?? 0;
    const hist = historyShares.get(departmentId) ?? 0;
    const text = textShares.get(departmentId)?.share ?? 0;
    const record = history.find((h) => h.departmentId === departmentId) ?? { completed: 0, returned: 0 };
    const raw = (WEIGHTS.rule * rule + WEIGHTS.history * hist + WEIGHTS.text * text) / weightSum;
    const score = raw * departmentReliability(departmentId, record, e.text);
    scores.push({
      departmentId, score: round(score), rule, history: hist, text,
      completed: record.completed, returned: record.returned, similarCount: textShares.get(departmentId)?.count ?? 0,
      ruleRank: ruleRank(e.rules, departmentId),
    });
  }
  return scores.filter((s) => s.score >= MIN_SCORE).sort((a, b) => b.score - a.score || compareIds(a.departmentId, b.departmentId));
}

/**
 * How far to trust a department with this request. Where similar requests say something about it, they
 * decide (a street office that returns construction noise but finishes a neighbour's drill is judged on
 * the matter at hand); otherwise its record with the category in the district.
 */
function departmentReliability(departmentId: string, record: { completed: number; returned: number }, text: TextEvidence[]): number {
  let finished = 0;
  let returned = 0;
  for (const t of text) {
    if (t.departmentId === departmentId) finished += t.similarity;
    if (t.returnedBy?.includes(departmentId)) returned += t.similarity;
  }
  if (finished + returned > 0) return reliability(finished, returned);
  return reliability(record.completed, record.returned);
}

/**
 * The share of a department's recent outcomes that were not returns, sharpened: one return among many
 * completions barely matters, a department that returns most of what it gets drops out.
 */
export function reliability(completed: number, returned: number): number {
  if (returned === 0) return 1;
  const r = (completed + 1) / (completed + returned + 1);
  return r * r;
}

/** The best rule's department gets the rule weight in full; less specific rules' departments a fading share. */
function ruleShare(rules: RuleCandidate[]): Map<string, number> {
  const shares = new Map<string, number>();
  let weight = 1;
  for (const rule of rules) {
    if (!shares.has(rule.departmentId)) {
      shares.set(rule.departmentId, weight);
      weight /= 3;
    }
  }
  return shares;
}

function ruleRank(rules: RuleCandidate[], departmentId: string): number | null {
  const order = [...new Set(rules.map((r) => r.departmentId))];
  const i = order.indexOf(departmentId);
  return i < 0 ? null : i + 1;
}

/**
 * Each department's share of the completions (a +1 prior so that one lucky case is not certainty); returns
 * count against the returning department through reliability(), not against the others.
 */
function completedShare(history: HistoryEvidence[]): Map<string, number> {
  const total = sum(history.map((h) => h.completed));
  const shares = new Map<string, number>();
  if (total === 0) return shares;
  for (const h of history) if (h.completed > 0) shares.set(h.departmentId, h.completed / (total + 1));
  return shares;
}

function textShare(text: TextEvidence[]): Map<string, { share: number; count: number }> {
  const total = sum(text.map((t) => t.similarity));
  const shares = new Map<string, { share: number; count: number }>();
  if (total === 0) return shares;
  for (const t of text) {
    const s = shares.get(t.departmentId) ?? { share: 0, count: 0 };
    shares.set(t.departmentId, { share: s.share + t.similarity / total, count: s.count + 1 });
  }
  return shares;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round = (x: number) => Math.round(x * 1000) / 1000;

/** A sentence a person can check: which evidence made this suggestion. */
export function explainScore(s: DepartmentScore, names: { category: string; district: string | null }): string {
  const parts: string[] = [];
  if (s.ruleRank === 1) parts.push(`routing rule for ${names.category}`);
  else if (s.ruleRank) parts.push(`fallback routing rule for ${names.category}`);
  if (s.completed || s.returned) {
    const where = names.district ? `${names.category} in ${names.district}` : names.category;
    const returns = s.returned ? `, ${s.returned} returned` : '';
    parts.push(`${s.completed} recent ${where} requests completed here${returns} (90 days)`);
  }
  if (s.similarCount) parts.push(`${s.similarCount} similar past request${s.similarCount > 1 ? 's' : ''} finished here`);
  return parts.join('; ') || 'weak evidence';
}

// ---------------------------------------------------------------- text similarity

/**
 * Character bigrams of the letters and digits of a text: Chinese has no spaces, and two people describing
 * one matter share words (两个字的词) far more often than three-character runs.
 */
export function textBigrams(text: string): Set<string> {
  const chars = Array.from(text.toLowerCase().normalize('NFKC')).filter((c) => /[\p{L}\p{N}]/u.test(c));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return grams;
}

/** Dice coefficient of two bigram sets, 0..1. */
export function bigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}
