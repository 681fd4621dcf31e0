import cors from 'cors';
import type { RequestHandler } from 'express';
import { Config } from '../config';

// Cross-origin access to the API (a liaison portal or dashboard served from another origin): only the
// origins in CORS_ORIGINS, none when it is empty. Tokens travel in the Authorization header, never in
// cookies, so credentials stay off. A preflight from any other origin is refused outright (403); a simple
// request from one simply gets no CORS headers, so the browser hides the answer from that page, and Apollo's
// CSRF prevention has already refused anything such a request could change.

const ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'];

export function corsPolicy(config: Pick<Config, 'corsOrigins'>): RequestHandler {
  const allowed = new Set(config.corsOrigins);
  const grant = cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    // A throttled cross-origin client must be able to read when to come back.
    exposedHeaders: ['retry-after'],
    credentials: false,
    maxAge: 600,
  });
  return (req, res, next) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (preflight && !(origin && allowed.has(origin))) {
      res.vary('Origin').status(403).end();
      return;
    }
    grant(req, res, next);
  };
}
