// A tiny GraphQL-over-HTTP client for the tests: what a hotline client sends, nothing more.

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GraphQLResult<T = any> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

export class GraphQLClient {
  constructor(readonly url: string, readonly token: string | null = null) {}

  async request<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResult<T>;
  }

  /** The data of a call that must succeed; fails the test with the errors otherwise. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** The error code of a call that must fail. */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const result = await this.request(query, variables);
    if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return result.errors[0].extensions?.code;
  }
}

/** The code of the first error, or undefined when the call succeeded. */
export const errorCodeOf = (result: GraphQLResult): string | undefined => result.errors?.[0]?.extensions?.code;

/** Asserts that a call failed with `code` (one of `code` when given a list) and that no data leaked out. */
export function expectErrorCode(result: GraphQLResult, code: string | string[]): void {
  const codes = Array.isArray(code) ? code : [code];
  if (!result.errors?.length) throw new Error(`expected ${codes.join(' or ')}, got data ${JSON.stringify(result.data)}`);
  const actual = errorCodeOf(result);
  if (!actual || !codes.includes(actual)) {
    throw new Error(`expected ${codes.join(' or ')}, got ${actual}: ${JSON.stringify(result.errors)}`);
  }
}
