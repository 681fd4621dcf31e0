import { ApolloServerPlugin } from '@apollo/server';

// GraphQL over HTTP (the spec, §"application/json"): a well-formed request answered as `application/json`
// SHOULD get 200 even when the document does not parse, does not validate or its variables do not coerce;
// only `application/graphql-response+json` carries those failures in the status code (400). The legacy media
// type predates status codes with meaning, and proxies in front of older clients replace 4xx bodies with their
// own pages, losing the GraphQL errors. Apollo answers 400 for both media types; this puts the legacy one back.
//
// Only certain cases are relaxed: the client did not mention the new media type at all (so Apollo can only
// answer application/json), Apollo chose 400, no data was produced, and every error is one of the three
// request errors. Everything else keeps its status (405 for a mutation over GET, 429, 5xx, ...).

const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

const wantsGraphQLResponseJson = (accept: string | undefined) => /application\/graphql-response\+json/i.test(accept ?? '');

export function legacyJsonStatusPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || wantsGraphQLResponseJson(request.http?.headers.get('accept'))) return;
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) response.http.status = 200;
        },
      };
    },
  };
}
