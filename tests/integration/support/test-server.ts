import 'reflect-metadata';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ManualClock } from '../../../src/clock';
import { Config, loadConfig } from '../../../src/config';
import { startServer, RunningServer } from '../../../src/server';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { GraphQLClient } from './graphql-client';
import { createTestDatabase, TestDatabase } from './test-db';

export const DEMO_PASSWORD = 'demo12345';
/** Where every test server's clock starts: Monday 2 March 2026, 10:00 in Shanghai, an ordinary working day. */
export const TEST_START = new Date('2026-03-02T02:00:00Z');

export interface TestServer {
  url: string;
  clock: ManualClock;
  db: TestDatabase;
  /** The configuration the server runs with (e.g. its token secret, to forge an expired token). */
  config: Config;
  server: RunningServer;
  anonymous: GraphQLClient;
  login(username: string, password?: string): Promise<GraphQLClient>;
  /** One logged-in client per username, in the order given. */
  loginAll(...usernames: string[]): Promise<GraphQLClient[]>;
  /** `SELECT count(*)` of each table, to show that a refused call wrote nothing. */
  countRows(tables: string[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * The real server over HTTP on a random port, against a fresh migrated database holding the demo
 * reference data (departments, categories, regions, staff), with a clock the test moves by hand (tokens
 * live ten years of that clock, so moving it never logs anybody out unless a test means to).
 */
export interface TestServerOptions {
  now?: Date;
  env?: Record<string, string>;
  /** Redis for the parts of the API that need it (health, Bull Board); none by default. */
  redis?: Redis;
  /** BullMQ key prefix of the queues Bull Board shows. */
  queuePrefix?: string;
  /** Where the server logs (a test reading its lines passes one); silent by default. */
  logger?: Logger;
}

/**
 * Rate limits and login lock-out stay on in every test server (so their code runs under the whole suite) but
 * far above what any test sends; tests of the limits themselves set low ones through `env`. Each server
 * counts under its own Redis prefix, so test files sharing the test Redis never spend each other's budget.
 */
let serversStarted = 0;
const generousLimits = () => ({
  RATE_LIMIT_PER_STAFF: '1000000',
  RATE_LIMIT_PER_IP: '1000000',
  LOGIN_LOCKOUT_FAILURES: '1000000',
  LOGIN_LOCKOUT_IP_FAILURES: '1000000',
  LIMITS_REDIS_PREFIX: `hotline-test:${process.pid}-${Date.now()}-${++serversStarted}:limits`,
});

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  await seedReferenceData(db.dataSource.manager, { demoPassword: DEMO_PASSWORD });
  const clock = new ManualClock(opts.now ?? TEST_START);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, TOKEN_TTL: '3650d', ...generousLimits(), ...opts.env });
  const server = await startServer({ config, dataSource: db.dataSource, clock, redis: opts.redis ?? null, queuePrefix: opts.queuePrefix, logger: opts.logger, port: 0 });
  const tokens = new Map<string, string>();
  const anonymous = new GraphQLClient(server.url);
  const t: TestServer = {
    url: server.url,
    clock,
    db,
    config,
    server,
    anonymous,
    async login(username, password = DEMO_PASSWORD) {
      const key = `${username}:${password}`;
      if (!tokens.has(key)) {
        const data = await anonymous.ok<{ login: { token: string } }>(
          'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
          { u: username, p: password },
        );
        tokens.set(key, data.login.token);
      }
      return new GraphQLClient(server.url, tokens.get(key)!);
    },
    loginAll: (...usernames) => Promise.all(usernames.map((u) => t.login(u))),
    async countRows(tables) {
      const out: Record<string, number> = {};
      for (const table of tables) out[table] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
      return out;
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
  return t;
}
