import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config';
import { createDataSource } from '../../../src/db/data-source';
import { seedReferenceData } from '../../../src/seed/reference-data.seed';
import { RunningServer, startServer } from '../../../src/server';
import { GraphQLClient } from '../support/graphql-client';
import { CREATE, requestInput } from '../support/operations';
import { DEMO_PASSWORD } from '../support/test-server';
import { errorCodes, uncleanAnswers } from './support/clean-errors';
import { Answer, failures, startHotlineLoad } from './support/hotline-load';
import { brokenInvariants } from './support/invariants';
import { privatePostgres, PrivatePostgres } from './support/private-postgres';
import { login, waitFor } from './support/polling';

// PostgreSQL restarted under load (a failover, an upgrade, a crash and restart). While it is away every call
// gets a clean GraphQL error; once it is back the API serves again by itself, without a restart, within 10 s;
// and no transaction is half written: every acknowledged call is in the tables with everything it writes.
// The PostgreSQL is the test's own (the machine's on 5432 serves every other test).

const RECOVERY_DEADLINE_MS = 10_000;

let pg: PrivatePostgres;
let dataSource: DataSource;
let server: RunningServer;

beforeAll(async () => {
  pg = await privatePostgres();
  dataSource = await createDataSource(pg.url, { poolSize: 10 }).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await seedReferenceData(dataSource.manager, { demoPassword: DEMO_PASSWORD });
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: pg.url });
  server = await startServer({ config, dataSource, port: 0 });
}, 90_000);

afterAll(async () => {
  await server?.close();
  if (dataSource?.isInitialized) await dataSource.destroy();
  await pg?.destroy();
});

test('PostgreSQL stopped and started under load: clean errors, recovery within 10 s, nothing half written', async () => {
  const [agent01, agent02, supervisor] = await Promise.all(['agent01', 'agent02', 'supervisor01'].map((u) => login(server.url, u)));
  const load = startHotlineLoad(server.url, { agents: [agent01, agent02, agent01, agent02], supervisor, reader: supervisor });
  try {
    await load.successes(40); // the pool holds busy and idle connections when the server goes

    const stoppedAt = Date.now();
    await pg.stop(); // fast shutdown: sessions in the middle of a transaction are ended
    const outage = await waitFor(() => load.answers.filter((a) => a.at > stoppedAt && a.status !== 0), (a) => failures(a).length >= 20, 10_000);
    expect(failures(outage).length).toBeGreaterThanOrEqual(20);

    await pg.start();
    const backAt = Date.now();
    // Functional deadline: every kind of call succeeds again, by itself, soon after the database is back.
    const recovered = (a: Answer[]) => ['create', 'dispatch', 'list'].every((op) => a.some((x) => x.op === op && x.status === 200 && !x.errors));
    const after = await waitFor(() => load.answers.filter((a) => a.at >= backAt), recovered, RECOVERY_DEADLINE_MS);
    expect({ recoveredWithin10s: recovered(after), codes: errorCodes(after) }).toEqual({ recoveredWithin10s: true, codes: expect.anything() });
    await load.successes(20);
  } finally {
    await load.stop();
  }

  // Every answer given, during the outage too, was a success or a clean GraphQL error.
  expect(uncleanAnswers(load.answers)).toEqual([]);
  expect(Object.keys(errorCodes(failures(load.answers)))).toEqual(['INTERNAL_SERVER_ERROR']);
  expect(await brokenInvariants(dataSource, load)).toEqual({});

  // A create whose answer was lost in the outage is retried by its client with the same key: it happened once
  // (the retry answers it) or not at all (the retry makes it), never twice.
  for (const [key, token] of load.unacknowledged) {
    const retry = await new GraphQLClient(server.url, token).request(CREATE, { input: requestInput({ idempotencyKey: key, title: `负载 ${key}` }) });
    expect(retry.errors).toBeUndefined();
  }
  const [{ duplicates }] = await dataSource.query(
    `SELECT count(*)::int AS duplicates FROM (SELECT registered_by_id, idempotency_key FROM service_request
     WHERE idempotency_key IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d`);
  expect(duplicates).toBe(0);
  expect(await brokenInvariants(dataSource)).toEqual({});
}, 90_000);
