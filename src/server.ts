import 'reflect-metadata';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock, systemClock } from './clock';
import { Config } from './config';
import { buildHotlineSchema } from './schema/build-schema';
import { GraphQLContext } from './schema/context';
import { createErrorFormatter } from './schema/error-formatter';
import { auditPlugin, createContextFactory } from './http/graphql-context';
import { CSRF_PREVENTION } from './http/csrf-prevention';
import { graphqlRequestErrors } from './http/graphql-request-errors';
import { unexpectedErrors } from './http/unexpected-errors';
import { legacyJsonStatusPlugin } from './http/legacy-json-status';
import { noStorePlugin } from './http/no-store';
import { healthRoute } from './http/health';
import { kpiCsvRoute } from './http/kpi-csv';
import { landingPage } from './http/landing-page';
import { parseLimits, queryCostPlugin, queryLimitRules, refuseBatchesAndLongDocuments } from './http/query-limits';
import { corsPolicy } from './http/cors-policy';
import { rateLimit } from './http/rate-limit';
import { securityHeaders } from './http/security-headers';
import { LoginLockout } from './auth/login-lockout';
import { metricsRoute } from './http/metrics';
import { requestLogging, requestObservationPlugin } from './http/request-logging';
import { apolloLogger } from './observability/request-scope';
import { ServerMetrics } from './observability/server-metrics';
import { createLogger, Logger } from './runtime/logger';
import { DEFAULT_PREFIX } from './jobs/queues';
import { BULL_BOARD_PATH, createBullBoardRouter } from './jobs/bull-board';
import { CalendarCache } from './services/calendar-cache';
import { UnitOfWork } from './services/unit-of-work';

export interface ServerDeps {
  config: Config;
  dataSource: DataSource;
  clock?: Clock;
  redis?: Redis | null;
  /** BullMQ key prefix of the queues Bull Board shows (default `{hotline}`); tests use their own. */
  queuePrefix?: string;
  /** Where the API logs (default: JSON lines on stdout at LOG_LEVEL); tests pass one that captures lines. */
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const BODY_LIMIT = '1mb';

/**
 * The API over HTTP: POST (and GET for queries) /graphql, GET /healthz, GET /metrics, the KPI CSV, Bull Board
 * at /admin/queues (ADMIN only, when Redis is given) and an offline landing page at /.
 */
export async function startServer(deps: ServerDeps & { port?: number }): Promise<RunningServer> {
  const { config, dataSource } = deps;
  const log = deps.logger ?? createLogger(config, 'hotline-api');
  const calendars = new CalendarCache();
  const uow = new UnitOfWork(dataSource, deps.clock ?? systemClock, config.hotlineTz, calendars);
  const metrics = new ServerMetrics({ dataSource, clock: deps.clock ?? systemClock, redis: deps.redis ?? null, queuePrefix: deps.queuePrefix ?? DEFAULT_PREFIX });
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildHotlineSchema(),
    formatError: createErrorFormatter(log, config.nodeEnv === 'development'),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    // Apollo's own complaints (a plugin failing while the database is away) as JSON lines, not console text.
    logger: apolloLogger(log),
    // src/runtime/shutdown.ts owns SIGINT/SIGTERM and stops this server first; Apollo's own handlers (on outside
    // NODE_ENV=test) would stop it as well and then re-send the signal, which Shutdown takes for an impatient
    // second Ctrl-C and exits 1 without stopping the workers and connections.
    stopOnTerminationSignals: false,
    // Apollo pretty-prints answers by default (two-space indentation): a 1,000-row kpis answer then costs a third
    // more bytes and stringifying time, for people reading raw HTTP. Clients parse JSON.
    stringifyResult: (result) => JSON.stringify(result),
    csrfPrevention: CSRF_PREVENTION,
    // Query limits (README "Hardening"): refused as QUERY_TOO_COMPLEX before anything executes.
    validationRules: queryLimitRules(config.queryLimits),
    parseOptions: parseLimits(config.queryLimits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), noStorePlugin(),
      auditPlugin(dataSource, log),
      legacyJsonStatusPlugin(), requestObservationPlugin(), queryCostPlugin(config.queryLimits),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  // First: every response carries an X-Request-Id, and every request is logged and measured once it is done.
  app.use(requestLogging(log, metrics.graphql));
  // Then the HTTP edge (README "Hardening"): real client addresses behind proxies, security headers on every
  // answer, and CORS and rate limits on the API routes before any of them does work.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  app.use(['/graphql', '/analytics'], corsPolicy(config), rateLimit({ config, redis: deps.redis ?? null, clock: deps.clock ?? systemClock, log }));
  app.get('/healthz', healthRoute(dataSource, deps.redis ?? null));
  app.get('/metrics', metricsRoute(metrics, config.metricsToken));
  app.get('/', (_req, res) => { res.type('html').send(landingPage()); });
  app.get('/analytics/kpis.csv', kpiCsvRoute({ config, dataSource, uow }));
  // The queue UI needs Redis; without it (tests of the API alone) there are no queues to show.
  const board = deps.redis
    ? createBullBoardRouter({ config, dataSource, connection: deps.redis, prefix: deps.queuePrefix, clock: deps.clock })
    : null;
  if (board) app.use(BULL_BOARD_PATH, board.router);
  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    refuseBatchesAndLongDocuments(config.queryLimits),
    expressMiddleware(apollo, { context: createContextFactory({ config, uow, calendars, dataSource, log, loginLockout: new LoginLockout(config, deps.redis ?? null, log) }) }),
    graphqlRequestErrors(log),
  );
  app.use(unexpectedErrors(log));

  await new Promise<void>((resolve) => httpServer.listen(deps.port ?? config.port, '0.0.0.0', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    close: async () => {
      await apollo.stop(); // the drain plugin stops accepting and lets in-flight requests finish
      await board?.close();
      await metrics.close();
    },
  };
}
