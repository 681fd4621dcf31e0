import { CONTRACT_CLIENT_CODES } from './contract-codes';

// One raw call, judged as a client would see it: an HTTP answer with a GraphQL body whose errors carry a
// contract code other than INTERNAL_SERVER_ERROR (or the body-size refusal of HTTP itself).

export interface RawOutcome {
  status: number;
  body: { data?: unknown; errors?: { message: string; path?: unknown; extensions?: { code?: string } }[] } | null;
  text: string;
}

export async function postGraphQL(url: string, token: string | null, query: string, variables: unknown): Promise<RawOutcome> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: RawOutcome['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body, text };
}

/** The error codes of an outcome that breaks the contract (empty when it is fine). */
export function contractViolations(o: RawOutcome): string[] {
  if (o.status === 413) return []; // over the body limit: refused by HTTP before GraphQL, as designed
  if (!o.body) return [`HTTP ${o.status} without a JSON body: ${o.text.slice(0, 200)}`];
  if (o.status >= 500) return [`HTTP ${o.status}: ${o.text.slice(0, 300)}`];
  const errors = o.body.errors ?? [];
  if (errors.length === 0 && (o.body.data === undefined || o.body.data === null)) return [`neither data nor errors: ${o.text.slice(0, 200)}`];
  return errors
    .filter((e) => !CONTRACT_CLIENT_CODES.has(e.extensions?.code ?? ''))
    .map((e) => `${e.extensions?.code ?? '(no code)'} at ${JSON.stringify(e.path ?? null)}: ${e.message}`);
}

/** The codes seen, for the statistics a fuzz run prints. */
export const codesOf = (o: RawOutcome): string[] => (o.status === 413 ? ['HTTP_413'] : (o.body?.errors ?? []).map((e) => e.extensions?.code ?? '(none)'));
