import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ServerMetrics } from '../observability/server-metrics';

// GET /metrics in Prometheus text format. With METRICS_TOKEN set a scraper must send
// `Authorization: Bearer <METRICS_TOKEN>`; unset, the endpoint is open (keep it off the public network then:
// it holds no personal data, but operation names, volumes and queue depths are nobody else's business).

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  // Compare digests: equal lengths, and no timing hint about how much of the token matched.
  return !!m && timingSafeEqual(digest(m[1]), digest(token));
}

export function metricsRoute(metrics: ServerMetrics, token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (token && !authorized(req.headers.authorization, token)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"').type('text').send('metrics need the bearer token METRICS_TOKEN');
      return;
    }
    const { contentType, body } = await metrics.render();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  };
}
