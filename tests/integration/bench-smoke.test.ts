import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { dropDatabase } from '../../src/bench/bench-database';
import { checkInvariants } from '../../src/bench/invariants';
import { ALL_SCENARIOS, runBench } from '../../src/bench/run-bench';
import { ADMIN_URL } from './support/test-db-urls';

// The whole `npm run bench` harness on a tiny history (2,000 requests, 1-second scenarios, 4 clients) in a
// database of its own: every scenario reports numbers, and the loaded history keeps the app's invariants.
// Numbers are not judged here (DESIGN.md §10: targets are measured by the benchmark, never by timed tests).

jest.setTimeout(180_000);

const name = `hotline_bench_smoke_${randomBytes(4).toString('hex')}`;
const url = (() => { const u = new URL(ADMIN_URL); u.pathname = `/${name}`; return u.toString(); })();
const out = path.join(os.tmpdir(), `${name}.json`);

afterAll(async () => {
  await dropDatabase(url);
  rmSync(out, { force: true });
});

test('the benchmark loads a consistent history and reports every scenario', async () => {
  await runBench({
    databaseUrl: url, redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', queuePrefix: `{${name}}`,
    requests: 2000, perDay: 70_000, durationSeconds: 1, warmupSeconds: 0, connections: 4, reuse: false,
    scenarios: ALL_SCENARIOS, out, openAssignments: 3000, timeZone: 'Asia/Shanghai', demoPassword: 'demo12345', seed: 7,
    log: () => undefined,
  });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  expect(report.machine).toEqual(expect.objectContaining({ cores: expect.any(Number), cpu: expect.any(String), postgres: expect.stringContaining('PostgreSQL') }));
  expect(report.scenarios.map((s: { name: string }) => s.name).sort()).toEqual([...ALL_SCENARIOS].sort());
  for (const s of report.scenarios) {
    const paths = s.job ? [s.job] : [s.graphql, s.sql];
    for (const p of paths) {
      expect(p).toEqual(expect.objectContaining({ p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), errors: 0 }));
      expect(p.requests).toBeGreaterThan(0);
    }
    if (!s.job) expect(s.ratio).toEqual(expect.any(Number));
    // The API child's CPU per GraphQL request, from /proc (this machine is Linux).
    if (!s.job) expect(s.graphql.apiCpuMsPerRequest).toBeGreaterThan(0);
  }
  expect(report.table).toContain('API CPU');
  expect(report.load.requests).toBe(2000);
  // Every invariant holds, checked again after the scenarios wrote into the history (intake, reminders).
  expect(Object.entries(report.invariants).filter(([, n]) => n !== 0)).toEqual([]);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const after = await checkInvariants(db);
    expect(Object.entries(after).filter(([, n]) => n !== 0)).toEqual([]);
    // The loaded history's shape: the intake scenario's own requests (as many as the machine managed in its
    // second, all new) are left out.
    const { rows: [shape] } = await db.query(`SELECT count(*) FILTER (WHERE status = 'CLOSED')::float / count(*) AS closed,
      count(*) FILTER (WHERE status IN ('REGISTERED', 'DISPATCHED', 'IN_PROGRESS', 'REPLIED', 'AWAITING_FOLLOW_UP'))::int AS open
      FROM service_request WHERE idempotency_key IS NULL OR idempotency_key NOT LIKE '%bench-%'`);
    expect(shape.closed).toBeGreaterThan(0.5);
    expect(shape.open).toBeGreaterThan(0);
  } finally {
    await db.end();
  }
});
