import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { RunningWorkers, startWorkers } from '../../../src/worker';
import { createRequest, dispatch } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { obliterateQueues } from '../jobs/support/jobs-harness';

// The rollups follow the outbox on BullMQ (real Redis): a change shows in kpis without anyone rebuilding.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `{test-${randomBytes(4).toString('hex')}}`;
let t: TestServer;
let workers: RunningWorkers;

beforeAll(async () => {
  t = await startTestServer();
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: t.db.url });
  workers = await startWorkers({ config, dataSource: t.db.dataSource, redisUrl: REDIS_URL, log: pino({ level: 'silent' }), clock: t.clock, prefix, analyticsEveryMs: 300 });
});

afterAll(async () => {
  await workers?.close();
  await obliterateQueues(REDIS_URL, prefix);
  await t.close();
});

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a dispatch shows in kpis by department without a rebuild', async () => {
  const [agent, supervisor, analyst] = await Promise.all(['agent01', 'supervisor01', 'analyst01'].map((u) => t.login(u)));
  await dispatch(supervisor, (await createRequest(agent)).id, 'WATER');
  await createRequest(agent);
  const q = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00', groupBy: ['DEPARTMENT'] };
  const rows = await eventually(
    async () => (await analyst.ok('query($q: KpiQuery!) { kpis(query: $q) { key received dispatched } }', { q })).kpis,
    (r: any[]) => r.length === 2,
  );
  expect(rows).toEqual([{ key: ['HOTLINE'], received: 1, dispatched: 0 }, { key: ['WATER'], received: 1, dispatched: 1 }]);
}, 60_000);
