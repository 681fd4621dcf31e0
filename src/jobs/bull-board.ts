import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { ConnectionOptions, Queue } from 'bullmq';
import express, { NextFunction, Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { Actor, hasRole } from '../auth/actor';
import { resolveActor } from '../auth/authenticate';
import { Clock, systemClock } from '../clock';
import { Config } from '../config';
import { Role } from '../domain/enums';
import { ANALYTICS_QUEUE } from './analytics.job';
import { DEFAULT_PREFIX, QUEUE } from './queues';

// Bull Board (the queue UI) at /admin/queues, for ADMIN tokens only (DESIGN.md §6). A browser cannot send a
// bearer header with every page, asset and API call, so the token is accepted once as `?token=` and kept
// in an HttpOnly, SameSite=Strict cookie scoped to the board's path; scripts may send the header instead.

export const BULL_BOARD_PATH = '/admin/queues';
const COOKIE = 'hotline_board_token';

export interface BullBoardOptions {
  config: Pick<Config, 'tokenSecret' | 'nodeEnv'>;
  dataSource: DataSource;
  /** Redis of the queues (a shared client, or options BullMQ connects with). */
  connection: ConnectionOptions;
  prefix?: string;
  clock?: Clock;
}

export interface BullBoard {
  router: Router;
  /** Closes the board's queue handles (not the shared Redis client). */
  close(): Promise<void>;
}

/** Mount with `app.use(BULL_BOARD_PATH, board.router)`. */
export function createBullBoardRouter(o: BullBoardOptions): BullBoard {
  const prefix = o.prefix ?? DEFAULT_PREFIX;
  const queues = [...Object.values(QUEUE), ANALYTICS_QUEUE].map((name) => new Queue(name, { connection: o.connection, prefix }));
  // A queue handle's connection errors are the shared client's, which its owner already logs; unheard, BullMQ
  // would print each one with console.error while Redis is away.
  for (const q of queues) q.on('error', () => undefined);
  const serverAdapter = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: '12345 jobs' } } });
  const router = express.Router();
  router.use(adminOnly(o));
  router.use(serverAdapter.getRouter());
  return { router, close: async () => { await Promise.all(queues.map((q) => q.close())); } };
}

function tokenFrom(req: Request): { token: string | null; fromQuery: boolean } {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), fromQuery: false };
  if (typeof req.query.token === 'string' && req.query.token) return { token: req.query.token, fromQuery: true };
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
  return { token: cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : null, fromQuery: false };
}

function adminOnly(o: BullBoardOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const { token, fromQuery } = tokenFrom(req);
    let actor: Actor | null = null;
    try {
      actor = token ? await resolveActor(o.dataSource.manager, o.config, token, (o.clock ?? systemClock).now()) : null;
    } catch {
      actor = null; // a bad or expired token is simply not an administrator
    }
    if (!actor) {
      res.status(401).type('text').send('Bull Board needs an ADMIN token: open /admin/queues?token=<token from the login mutation>');
      return;
    }
    if (!hasRole(actor, Role.ADMIN)) {
      res.status(403).type('text').send('Bull Board is for administrators only');
      return;
    }
    if (fromQuery) {
      // Keep the token out of the address bar and history: cookie it and come back without it.
      const secure = o.config.nodeEnv === 'production' ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(token!)}; Path=${BULL_BOARD_PATH}; HttpOnly; SameSite=Strict${secure}`);
      res.redirect(303, req.baseUrl || BULL_BOARD_PATH);
      return;
    }
    next();
  };
}
