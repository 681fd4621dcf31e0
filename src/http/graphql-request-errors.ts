import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogger } from '../observability/request-scope';
import { sendGraphQLError } from './error-response';

// A request to /graphql that fails before GraphQL sees it (a body that is not JSON, over the size limit, in
// a charset or content-encoding we do not read) would otherwise reach Express's default handler, which
// answers an HTML page with the parser's stack trace and file paths outside production. GraphQL clients
// read JSON: they get the same shape as Apollo's own request errors, `{"errors":[{message, extensions:
// {code: "BAD_REQUEST"}}]}`, with the parser's 4xx status (GraphQL over HTTP: 400 for a body that is not JSON).

interface HttpError { status?: number; statusCode?: number; expose?: boolean; type?: string; message?: string }

/** Messages for the body parser's error types; the parser's own text can quote the body. */
const BODY_PROBLEMS: Record<string, string> = {
  'entity.parse.failed': 'the request body must be a JSON object',
  'entity.too.large': 'the request body is too large',
  'charset.unsupported': 'the request body must be UTF-8 encoded JSON',
  'encoding.unsupported': 'the request body has a content-encoding the server does not accept',
  'request.aborted': 'the request was aborted before its body arrived',
  'request.size.invalid': 'the request body is shorter or longer than its content-length',
  'stream.encoding.set': 'the request body could not be read',
  'stream.not.readable': 'the request body could not be read',
};

export function graphqlRequestErrors(log: Logger): ErrorRequestHandler {
  return (err: HttpError, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message = (err.type && BODY_PROBLEMS[err.type]) ?? (err.expose && err.message ? err.message : 'bad request');
      return sendGraphQLError(req, res, status, { message, code: 'BAD_REQUEST' });
    }
    requestLogger(log).error({ err }, 'unexpected error before a GraphQL operation ran');
    sendGraphQLError(req, res, 500, { message: 'internal server error', code: 'INTERNAL_SERVER_ERROR' });
  };
}
