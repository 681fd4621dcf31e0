import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { RequestHandler } from 'express';
import { FragmentDefinitionNode, GraphQLError, Kind, Lexer, Source, TokenKind, ValidationRule } from 'graphql';
import { QueryLimits } from '../config';
import { ErrorCode } from '../domain/errors';
import { sendGraphQLError } from './error-response';
import { operationCost } from './query-cost';

// What one GraphQL request may ask for (README "Hardening"). Every refusal is QUERY_TOO_COMPLEX, answered
// with 400 before a resolver runs, so a refused mutation writes nothing:
// - batches (a JSON array of operations) and documents longer than maxTokens: Express middleware, before Apollo;
// - depth, aliases, directives: graphql-armor validation rules (Apollo caches a validated document, so these
//   are checked once per distinct document);
// - cost: once the operation is known, with the request's variables (query-cost.ts).

export const tooComplex = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });

/**
 * Batching stays off (Apollo's default): the rate limit counts HTTP requests and the limits here bound one
 * operation, so a batch would multiply both by its length; no client of the contract sends batches. Apollo
 * would refuse one as BAD_REQUEST; here it is refused like every other request that asks too much.
 */
export function refuseBatchesAndLongDocuments(limits: QueryLimits): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body)) {
      sendGraphQLError(req, res, 400, { code: ErrorCode.QUERY_TOO_COMPLEX, message: 'batched operations are not accepted: send one operation per request' });
      return;
    }
    const query = req.method === 'GET' ? req.query?.query : req.body?.query;
    const tokens = typeof query === 'string' ? tokensUpTo(query, limits.maxTokens + 1) : 0;
    if (tokens > limits.maxTokens) {
      sendGraphQLError(req, res, 400, { code: ErrorCode.QUERY_TOO_COMPLEX, message: `the document has more than ${limits.maxTokens} tokens` });
      return;
    }
    next();
  };
}

/**
 * Lexical tokens of a document, counted as graphql-js's parser counts them for its maxTokens option
 * (comments and whitespace are not tokens), stopping at `stop` so a huge document costs no more than that.
 * A document that does not lex is left to Apollo, which answers GRAPHQL_PARSE_FAILED.
 */
export function tokensUpTo(document: string, stop: number): number {
  const lexer = new Lexer(new Source(document));
  let tokens = 0;
  try {
    while (tokens < stop && lexer.advance().kind !== TokenKind.EOF) tokens++;
  } catch {
    return 0;
  }
  return tokens;
}

/** Apollo's parseOptions: the same token limit again, should a document ever reach the parser another way. */
export const parseLimits = (limits: QueryLimits) => ({ maxTokens: limits.maxTokens });

/**
 * Depth, aliases and directives per operation. The rules report a refusal instead of throwing it (a throw
 * escapes graphql-js's validate as an internal error); Apollo wraps reported errors as
 * GRAPHQL_VALIDATION_FAILED, and the error formatter restores the code carried here.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const report: GraphQLArmorRejectCallback = (context, error) =>
    context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, '')));
  const refusal = { propagateOnRejection: false, onReject: [report] };
  return [
    // Fragments are a way of writing a selection, not a level of data: they do not add depth. Introspection
    // (`__schema`) is left to its own cost budget, which is what bounds its fan-out.
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...refusal }),
    maxAliasesRule({ n: limits.maxAliases, ...refusal }),
    maxDirectivesRule({ n: limits.maxDirectives, ...refusal }),
  ] as unknown as ValidationRule[];
}

/** The cost limit, per request: it depends on the variables (`first: $n`), which validation never sees. */
export function queryCostPlugin<T extends object>(limits: QueryLimits): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo answers an unknown operationName itself
          const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
          const cost = operationCost(schema, operation, fragments, request.variables);
          if (cost.data > limits.maxCost) {
            throw tooComplex(`the operation's estimated cost ${cost.data} exceeds the limit of ${limits.maxCost}: ask for smaller pages or fewer fields`);
          }
          if (cost.introspection > limits.maxIntrospectionCost) {
            throw tooComplex(`the introspection's estimated cost ${cost.introspection} exceeds the limit of ${limits.maxIntrospectionCost}`);
          }
        },
      };
    },
  };
}
