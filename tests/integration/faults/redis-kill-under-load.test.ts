import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { RunningServer, startServer } from '../../../src/server';
import { RunningWorkers, startWorkers } from '../../../src/worker';
import { dbId } from '../support/operations';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { DEMO_PASSWORD } from '../support/test-server';
import { silentLog, throwawayRedis, ThrowawayRedis, uniquePrefix } from '../jobs/support/jobs-harness';
import { uncleanAnswers } from './support/clean-errors';
import { failures, startHotlineLoad } from './support/hotline-load';
import { brokenInvariants } from './support/invariants';
import { login, waitFor } from './support/polling';

// Redis killed (SIGKILL, nothing on disk) under load, with the API and the job workers of `npm start` running.
// DESIGN.md §6: the API never needs Redis to write, so every mutation keeps succeeding; the work the mutations
// owe waits in the outbox; once Redis is back the relay drains it and every department hears of every dispatch.
// The Redis is the test's own (the machine's on 6379 is shared and is never stopped or flushed).

let db: TestDatabase;
let redis: ThrowawayRedis;
let server: RunningServer;
let workers: RunningWorkers;
let apiRedis: Redis;

beforeAll(async () => {
  [db, redis] = await Promise.all([createTestDatabase(), throwawayRedis()]);
  await seedReferenceData(db.dataSource.manager, { demoPassword: DEMO_PASSWORD });
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL: redis.url });
  const prefix = uniquePrefix();
  workers = await startWorkers({ config, dataSource: db.dataSource, redisUrl: redis.url, log: silentLog, prefix, scanEveryMs: 1_000 });
  // The API's own connection, opened as src/runtime/redis.ts opens it for `npm start`: its rate limits, login
  // lock-out, queue metrics and Bull Board meet the outage too.
  apiRedis = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  apiRedis.on('error', () => undefined);
  await apiRedis.connect();
  server = await startServer({ config, dataSource: db.dataSource, redis: apiRedis, queuePrefix: prefix, logger: silentLog, port: 0 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await workers?.close();
  apiRedis?.disconnect();
  await redis?.stop();
  await db?.drop();
});

const unsentOutbox = async (ds: DataSource) =>
  Number((await ds.query(`SELECT count(*) AS n FROM outbox_event WHERE sent_at IS NULL`))[0].n);

/** Dispatched requests whose URBAN liaison has no ASSIGNED notification yet. */
const unnotified = async (ds: DataSource, requestIds: string[]) =>
  (await ds.query(
    `SELECT r.id FROM unnest($1::bigint[]) AS r(id) WHERE NOT EXISTS (
       SELECT 1 FROM notification n JOIN staff s ON s.id = n.recipient_id
       WHERE n.request_id = r.id AND n.kind = 'ASSIGNED' AND s.username = 'liaison_urban')`, [requestIds],
  )).map((r: { id: string }) => String(r.id));

test('Redis killed under load: mutations keep succeeding, and after its return the outbox drains and every department is notified', async () => {
  const [agent01, agent02, supervisor] = await Promise.all(['agent01', 'agent02', 'supervisor01'].map((u) => login(server.url, u)));
  const load = startHotlineLoad(server.url, { agents: [agent01, agent02], supervisor, reader: supervisor });
  let answeredWhileDown = 0;
  try {
    await load.successes(30);
    await redis.stop(); // SIGKILL: queued jobs are lost with it
    const killedAt = Date.now();
    await load.successes(40); // plenty of creates and dispatches with Redis gone
    answeredWhileDown = load.answers.filter((a) => a.at > killedAt).length;
    await redis.start(); // empty: nothing survived
    await load.successes(20);
  } finally {
    await load.stop();
  }
  // With Redis gone nothing failed: no error at all, let alone an unclean one.
  expect(answeredWhileDown).toBeGreaterThanOrEqual(40);
  expect(uncleanAnswers(load.answers)).toEqual([]);
  expect(failures(load.answers).length).toBe(0);
  expect(await brokenInvariants(db.dataSource, load)).toEqual({});

  // The jobs catch up: every outbox row is handled and every dispatch reached the department.
  const dispatched = [...load.dispatched].map(dbId);
  expect(dispatched.length).toBeGreaterThan(10);
  expect(await waitFor(() => unnotified(db.dataSource, dispatched), (ids) => ids.length === 0, 40_000, 250)).toEqual([]);
  expect(await waitFor(() => unsentOutbox(db.dataSource), (n) => n === 0, 20_000, 250)).toBe(0);
}, 90_000);
