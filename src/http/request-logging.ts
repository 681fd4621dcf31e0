import { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { GraphQLMetrics } from '../observability/graphql-metrics';
import { GraphQLContext } from '../schema/context';
import { acceptRequestId, REQUEST_ID_HEADER } from '../observability/request-id';
import { currentRequest, RequestObservation, runInRequestScope } from '../observability/request-scope';

// One JSON line per HTTP request, written when the response is done. For GraphQL it names the operation and
// its type, the outcome and error codes, and the staff member and roles; never the document, the variables,
// headers or the response, which carry citizens' data, passwords and tokens. Paths are logged without their
// query string (Bull Board accepts `?token=`).

const GRAPHQL_PATH = '/graphql';
/** Probes hit every few seconds; their lines are for debugging only. */
const PROBE_PATHS = new Set(['/healthz', '/metrics']);

/** Mounted first: assigns the request id, echoes it, and logs and measures the request once it is done. */
export function requestLogging(log: Logger, metrics: GraphQLMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    res.setHeader('X-Request-Id', requestId);
    const observation: RequestObservation = { requestId, log: log.child({ requestId }), startedAt: process.hrtime.bigint(), errorCodes: [] };
    const path = req.path;
    res.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - observation.startedAt) / 1e9;
      if (path.replace(/\/$/, '') === GRAPHQL_PATH) {
        if (!observation.errorCodes.length && res.statusCode >= 400) observation.errorCodes.push(`HTTP_${res.statusCode}`);
        metrics.record(observation, seconds);
        logGraphQLRequest(observation, res, seconds);
      } else {
        const level = PROBE_PATHS.has(path) ? 'debug' : 'info';
        observation.log[level]({ method: req.method, path, status: res.statusCode, durationMs: ms(seconds), aborted: !res.writableFinished }, 'http request');
      }
    });
    runInRequestScope(observation, next);
  };
}

function logGraphQLRequest(o: RequestObservation, res: Response, seconds: number): void {
  const errorCodes = [...new Set(o.errorCodes)];
  const line = {
    operation: o.operation?.name ?? null,
    operationType: o.operation?.type ?? null,
    status: res.statusCode,
    durationMs: ms(seconds),
    outcome: errorCodes.length ? 'error' : 'ok',
    errorCodes,
    staffId: o.actor?.staffId ?? null,
    roles: o.actor?.roles ?? null,
    ...(res.writableFinished ? {} : { aborted: true }),
  };
  const failed = res.statusCode >= 500 || errorCodes.includes('INTERNAL_SERVER_ERROR');
  o.log[failed ? 'error' : 'info'](line, 'graphql request');
}

const ms = (seconds: number) => Math.round(seconds * 10_000) / 10;

/**
 * Fills the request's observation from inside Apollo: the actor once the context exists, the operation once it
 * is resolved (its name is a GraphQL Name token of the parsed document, never the client's raw string), and
 * the codes of the formatted errors as the response leaves.
 */
export function requestObservationPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const observation = currentRequest();
      if (!observation) return;
      if (contextValue.actor) observation.actor = { staffId: contextValue.actor.staffId, roles: [...contextValue.actor.roles] };
      return {
        async didResolveOperation({ operation }) {
          if (operation) observation.operation = { name: operation.name?.value ?? null, type: operation.operation };
        },
        async willSendResponse({ response }) {
          const body = response.body;
          const errors: readonly GraphQLFormattedError[] = (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
          observation.errorCodes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        },
      };
    },
  };
}
