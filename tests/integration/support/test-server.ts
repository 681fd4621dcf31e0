import 'reflect-metadata';
import { ManualClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import { startServer, RunningServer } from '../../../src/server';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { GraphQLClient } from './graphql-client';
import { createTestDatabase, TestDatabase } from './test-db';

export const DEMO_PASSWORD = 'demo12345';

export interface TestServer {
  url: string;
  clock: ManualClock;
  db: TestDatabase;
  server: RunningServer;
  anonymous: GraphQLClient;
  login(username: string, password?: string): Promise<GraphQLClient>;
  close(): Promise<void>;
}

/**
 * The real server over HTTP on a random port, against a fresh migrated database holding the demo
 * reference data (departments, categories, regions, staff), with a clock the test moves by hand (tokens
 * live ten years of that clock, so moving it never logs anybody out unless a test means to).
 */
export async function startTestServer(opts: { now?: Date; env?: Record<string, string> } = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  await seedReferenceData(db.dataSource.manager, { demoPassword: DEMO_PASSWORD });
  const clock = new ManualClock(opts.now ?? new Date('2026-03-02T02:00:00Z')); // a Monday, 10:00 in Shanghai
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, TOKEN_TTL: '3650d', ...opts.env });
  const server = await startServer({ config, dataSource: db.dataSource, clock, redis: null, port: 0 });
  const tokens = new Map<string, string>();
  const anonymous = new GraphQLClient(server.url);
  return {
    url: server.url,
    clock,
    db,
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
    async close() {
      await server.close();
      await db.drop();
    },
  };
}
