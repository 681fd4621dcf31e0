import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../../../src/domain/enums';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { buildStaff } from '../support/fixtures';
import { GraphQLClient, GraphQLResult } from '../support/graphql-client';
import { CREATE, requestInput } from '../support/operations';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { DEMO_PASSWORD } from '../support/test-server';
import { throwawayRedis, ThrowawayRedis } from '../jobs/support/jobs-harness';
import { acceptsConnections, EntryPointProcess, spawnEntryPoint } from './support/entry-point-process';
import { brokenInvariants } from './support/invariants';
import { login, waitFor } from './support/polling';

// SIGTERM (a deploy, a scale-down, `docker stop`) while requests are being served. The real entry point runs as
// a child process in production mode. Requests are held in flight deterministically: the test locks the
// request table, so every registration waits inside the server on PostgreSQL; then SIGTERM. The server must stop
// accepting connections at once, still answer every request it had accepted, completely, once the lock goes,
// and exit with code 0 after stopping the workers and connections (not be cut short by a second signal).

const IN_FLIGHT = 8;
const EXIT_BOUND_MS = 25_000; // below the shutdown's own 30 s watchdog, which exits with code 1

let db: TestDatabase;
let redis: ThrowawayRedis;
let api: EntryPointProcess | null = null;
let locker: Client | null = null;

beforeAll(async () => {
  [db, redis] = await Promise.all([createTestDatabase(), throwawayRedis()]);
  const em = db.dataSource.manager;
  await seedReferenceData(em, { demoPassword: DEMO_PASSWORD });
  // Production refuses demo accounts: a real one.
  await buildStaff(em, { username: 'agent_sigterm', password: 'sigterm-password-1', roles: [Role.AGENT] });
  api = await spawnEntryPoint({
    NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL: redis.url, PORT: '0', LOG_LEVEL: 'warn',
    TOKEN_SECRET: randomBytes(32).toString('hex'),
  });
}, 90_000);

afterAll(async () => {
  await locker?.end().catch(() => undefined);
  if (api && api.child.exitCode === null && api.child.signalCode === null) {
    api.child.kill('SIGKILL');
    await api.exited;
  }
  await redis?.stop();
  await db?.drop();
});

test('SIGTERM with requests in flight: no new connections, every accepted request answered, exit code 0', async () => {
  const { url, port } = api!;
  const agent = new GraphQLClient(url, await login(url, 'agent_sigterm', 'sigterm-password-1'));
  await agent.ok(CREATE, { input: requestInput({ idempotencyKey: 'before-sigterm' }) });

  // Hold registrations inside the server: SHARE mode lets reads through and makes every INSERT wait.
  locker = new Client({ connectionString: db.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE service_request IN SHARE MODE');
  const settled: (GraphQLResult | Error)[] = [];
  const inFlight = Array.from({ length: IN_FLIGHT }, (_, i) =>
    agent.request(CREATE, { input: requestInput({ idempotencyKey: `in-flight-${i}`, title: `在途 ${i}`, citizen: { name: '李四', phone: `1390000000${i}` } }) })
      .then((r) => { settled.push(r); return r; }, (e: Error) => { settled.push(e); return e; }));
  // Every registration ends up waiting for the table (each has its own citizen, so none waits for another).
  // pg_locks, not pg_stat_activity: a wait during Parse shows there under the backend's previous query.
  const waiting = await waitFor(async () => Number((await locker!.query(
    `SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = 'service_request'::regclass
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).rows[0].n),
  (n) => n >= IN_FLIGHT, 30_000, 100);
  expect(waiting).toBeGreaterThanOrEqual(IN_FLIGHT);

  const sigtermAt = Date.now();
  api!.child.kill('SIGTERM');
  // The listener closes at once; the requests it accepted are still being served.
  expect(await waitFor(() => acceptsConnections(port), (accepted) => !accepted, 10_000, 100)).toBe(false);
  expect(settled).toEqual([]);
  // Requests that take a while: the shutdown must wait for them however long they take within its grace period
  // (a second SIGTERM a moment later, e.g. Apollo's own handler re-sending it, must not cut the stop short).
  await new Promise((r) => setTimeout(r, 2_000));
  expect(settled).toEqual([]);

  await locker.query('COMMIT');
  const answers = await Promise.all(inFlight);
  const summary = answers.map((a) => (a instanceof Error ? `no answer: ${a.message}` : a.errors ? JSON.stringify(a.errors) : 'ok'));
  expect(summary).toEqual(Array(IN_FLIGHT).fill('ok'));

  const code = await Promise.race([api!.exited, new Promise((r) => setTimeout(() => r('still running'), EXIT_BOUND_MS - (Date.now() - sigtermAt)))]);
  expect({ code, output: code === 0 ? '' : api!.output().slice(-3000) }).toEqual({ code: 0, output: '' });

  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM service_request WHERE idempotency_key LIKE 'in-flight-%'`);
  expect(n).toBe(IN_FLIGHT);
  expect(await brokenInvariants(db.dataSource)).toEqual({});
}, 90_000);
