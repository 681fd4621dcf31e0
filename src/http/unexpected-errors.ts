import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogger } from '../observability/request-scope';

// The last handler of the app. A route other than /graphql (the KPI CSV, /metrics, Bull Board) that fails
// unexpectedly would otherwise reach Express's default handler, which answers an HTML page with the stack trace
// whenever NODE_ENV is not production and writes the error with console.error, outside the JSON log and its
// redaction. These answers have the shape of the CSV route's own errors, `{"error": {code, message}}`; the
// details go to the request's log line only.

interface HttpError { status?: number; statusCode?: number; expose?: boolean; message?: string }

export function unexpectedErrors(log: Logger): ErrorRequestHandler {
  return (err: HttpError, req, res, _next) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 400 && status < 500 && !res.headersSent) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: err.expose && err.message ? err.message : 'bad request' } });
      return;
    }
    requestLogger(log).error({ err }, 'unexpected error outside a GraphQL operation');
    // Half an answer is already on its way: the client must see it broken, not complete.
    if (res.headersSent) req.socket.destroy();
    else res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal server error' } });
  };
}
