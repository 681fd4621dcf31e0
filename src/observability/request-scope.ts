import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** What is known about one HTTP request while it is served; the request line and the metrics are made of it. */
export interface RequestObservation {
  requestId: string;
  /** The server's logger bound to this request id: every line logged while serving it carries the id. */
  log: Logger;
  startedAt: bigint;
  /** Filled in by the Apollo plugin once the operation is known (absent: never reached GraphQL execution). */
  operation?: { name: string | null; type: string };
  /** Codes of the errors in the GraphQL response (after the error formatter). */
  errorCodes: string[];
  actor?: { staffId: string; roles: string[] };
}

// Apollo's formatError gets no context, yet its "unexpected error" line must carry the request id: the
// request's observation travels with the async work of the request instead.
const scope = new AsyncLocalStorage<RequestObservation>();

export function runInRequestScope<T>(observation: RequestObservation, work: () => T): T {
  return scope.run(observation, work);
}

export function currentRequest(): RequestObservation | undefined {
  return scope.getStore();
}

/** The current request's logger, or the given one outside a request (start-up, jobs). */
export function requestLogger(fallback: Logger): Logger {
  return scope.getStore()?.log ?? fallback;
}

/** Apollo's own log lines (a plugin failing, say) through the request's logger when there is one, so they carry its id. */
export function apolloLogger(fallback: Logger) {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => requestLogger(fallback)[level](message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
