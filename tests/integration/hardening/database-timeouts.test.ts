import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config';
import { openApiDatabase } from '../../../src/runtime/database';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { RunningServer, startServer } from '../../../src/server';
import { GraphQLClient } from '../support/graphql-client';
import { CREATE, DISPATCH, dbId, requestInput } from '../support/operations';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { DEMO_PASSWORD } from '../support/test-server';
import { login } from '../faults/support/polling';
import { capturingLogger } from './support/edge';

// The API's own pool (openApiDatabase, as `npm start` and the benchmark open it) gives up on a statement after
// API_STATEMENT_TIMEOUT and on a lock wait after API_LOCK_TIMEOUT: a transaction left open by hand costs the
// request that needs its rows a CONFLICT, not a connection held until the pool runs dry.

let db: TestDatabase;
let api: DataSource;
let server: RunningServer;
let agent: GraphQLClient;
let supervisor: GraphQLClient;
const logs = capturingLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  await seedReferenceData(db.dataSource.manager, { demoPassword: DEMO_PASSWORD });
  const config = loadConfig({
    ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, API_LOCK_TIMEOUT: '1s', API_STATEMENT_TIMEOUT: '2s',
    RATE_LIMIT_PER_STAFF: '0', RATE_LIMIT_PER_IP: '0',
  });
  api = await openApiDatabase(config, db.url);
  server = await startServer({ config, dataSource: api, logger: logs.log, port: 0 });
  [agent, supervisor] = await Promise.all(['agent01', 'supervisor01'].map(async (u) => new GraphQLClient(server.url, await login(server.url, u))));
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (api?.isInitialized) await api.destroy();
  await db?.drop();
});

test('every connection of the pool carries the two limits', async () => {
  const [row] = await api.query(`SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`);
  expect(row).toEqual({ statement: '2s', lock: '1s' });
  await expect(api.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '57014' }) });
  // The pool of migrations and jobs has neither.
  const [other] = await db.dataSource.query(`SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`);
  expect(other).toEqual({ statement: '0', lock: '0' });
});

test('a request row held by another transaction: the change answers CONFLICT, writes nothing, and succeeds once it is let go', async () => {
  const created = (await agent.ok(CREATE, { input: requestInput() })).createServiceRequest;
  const dispatch = { input: { requestId: created.id, leadDepartmentCode: 'URBAN', assistDepartmentCodes: [] } };
  const holder = db.dataSource.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  try {
    await holder.query('SELECT id FROM service_request WHERE id = $1 FOR UPDATE', [dbId(created.id)]);
    const refused = await supervisor.request(DISPATCH, dispatch);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT' });
    expect(refused.errors?.[0]?.message).toMatch(/try again/);
    expect(JSON.stringify(refused)).not.toMatch(/lock|timeout|SELECT|service_request/i);
  } finally {
    await holder.rollbackTransaction();
    await holder.release();
  }
  const [{ assignments, events }] = await db.dataSource.query(
    `SELECT (SELECT count(*)::int FROM assignment WHERE request_id = $1) AS assignments,
            (SELECT count(*)::int FROM timeline_event WHERE request_id = $1 AND kind = 'DISPATCHED') AS events`, [dbId(created.id)]);
  expect({ assignments, events }).toEqual({ assignments: 0, events: 0 });
  expect((await supervisor.ok(DISPATCH, dispatch)).dispatchServiceRequest.status).toBe('DISPATCHED');
  expect(logs.lines().some((l) => l.msg.startsWith('the database gave up on a statement') && l.level === 40)).toBe(true);
});
