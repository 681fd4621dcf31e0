import { Answer } from './hotline-load';

// During a fault a client may be told "not now", never how the server is built: every answer is a JSON
// GraphQL response whose errors carry a code of the contract, with no stack, SQL, driver message or address.

export const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'INVALID_TRANSITION', 'CONFLICT',
  'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'INTERNAL_SERVER_ERROR',
]);

const LEAKS = /ECONN|terminating connection|Connection terminated|the database system|postgres|QueryFailed|\b(SELECT|INSERT|UPDATE|DELETE)\b|\n\s+at |node_modules|\.ts:\d|127\.0\.0\.1|redis/i;

/** Why an answer is not a clean GraphQL error (null when it is clean, or a success). */
export function uncleanness(a: Answer): string | null {
  if (a.status === 0) return `no response: ${a.raw}`;
  if (a.raw !== undefined) return `HTTP ${a.status} with a body that is not JSON: ${a.raw}`;
  for (const e of a.errors ?? []) {
    const code = e.extensions?.code;
    if (!code || !CONTRACT_CODES.has(code)) return `an error code outside the contract: ${JSON.stringify(e)}`;
    if (e.extensions?.stacktrace || LEAKS.test(JSON.stringify(e))) return `an error that shows the server's insides: ${JSON.stringify(e)}`;
  }
  if (a.status !== 200 && !a.errors?.length) return `HTTP ${a.status} without errors`;
  return null;
}

/** Distinct problems among the answers, each with one example (a readable failure, not 500 copies). */
export function uncleanAnswers(answers: Answer[]): string[] {
  return [...new Set(answers.map(uncleanness).filter((u): u is string => u !== null))].slice(0, 10);
}

/** How many answers of each error code (or HTTP status when there was no GraphQL error). */
export function errorCodes(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = a.errors?.[0]?.extensions?.code ?? (a.status === 200 ? 'ok' : `HTTP ${a.status}`);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
