import 'reflect-metadata';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { Clock, systemClock } from './clock';
import { Config } from './config';
import { buildHotlineSchema } from './schema/build-schema';
import { GraphQLContext } from './schema/context';
import { createErrorFormatter } from './schema/error-formatter';
import { auditPlugin, createContextFactory } from './http/graphql-context';
import { healthRoute } from './http/health';
import { kpiCsvRoute } from './http/kpi-csv';
import { landingPage } from './http/landing-page';
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
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const BODY_LIMIT = '1mb';

/**
 * The API over HTTP: POST (and GET for queries) /graphql, GET /healthz, the KPI CSV, Bull Board at
 * /admin/queues (ADMIN only, when Redis is given) and an offline landing page at /.
 */
export async function startServer(deps: ServerDeps & { port?: number }): Promise<RunningServer> {
  const { config, dataSource } = deps;
  const log = pino({ name: 'hotline-api', level: config.logLevel });
  const calendars = new CalendarCache();
  const uow = new UnitOfWork(dataSource, deps.clock ?? systemClock, config.hotlineTz, calendars);
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildHotlineSchema(),
    formatError: createErrorFormatter(log, config.nodeEnv === 'development'),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), auditPlugin(dataSource, log)],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', healthRoute(dataSource, deps.redis ?? null));
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
    expressMiddleware(apollo, { context: createContextFactory({ config, uow, calendars, dataSource }) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(deps.port ?? config.port, '0.0.0.0', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    close: async () => {
      await apollo.stop(); // the drain plugin stops accepting and lets in-flight requests finish
      await board?.close();
    },
  };
}
