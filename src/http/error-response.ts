import type { Request, Response } from 'express';

// Requests refused before Apollo sees them (rate limit, body too large, malformed JSON) still answer in
// the shape GraphQL clients parse: `{ errors: [{ message, extensions: { code } }] }`, never an HTML page.

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

export function sendGraphQLError(
  req: Request,
  res: Response,
  status: number,
  error: { message: string; code: string; details?: Record<string, unknown> },
): void {
  // A client that asks for the GraphQL-over-HTTP media type gets it; everyone else plain JSON, as Apollo does.
  const type = req.accepts(['application/json', GRAPHQL_RESPONSE]) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : 'application/json';
  res.status(status).type(`${type}; charset=utf-8`).send(JSON.stringify({
    errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }],
  }));
}
