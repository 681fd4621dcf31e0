import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { createDataSource } from '../db/data-source';
import { createBenchDatabase, loadedHistory, makeAccountsOrdinary, migrateBenchDatabase } from './bench-database';
import { prepareInputs } from './bench-inputs';
import { loadHistory, LoadResult } from './history-loader';
import { checkInvariants, historyProfile } from './invariants';
import { deadlineScan, hotspotScan, incrementalRollupDay } from './job-scenarios';
import { closedLoop, GraphQLClient, processCpuMs } from './load-loop';
import { describeMachine } from './machine';
import { readScenarios } from './read-scenarios';
import { formatTable, judge, ScenarioReport } from './report';
import { startBenchServer } from './server-process';

// The whole benchmark: load (or reuse) the history, start the API as a child process, run each scenario
// over HTTP and as raw SQL, run the job scenarios, write the JSON report.

export const ALL_SCENARIOS = ['intake', 'liaison-page', 'search', 'request-detail', 'kpis-month-department', 'kpis-30d-day-category', 'kpi-series-30d-day-category', 'rollup-day', 'deadline-scan', 'hotspot-scan'];

export interface BenchOptions {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  requests: number;
  perDay: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  reuse: boolean;
  scenarios: string[];
  out: string;
  openAssignments: number;
  timeZone: string;
  demoPassword: string;
  seed: number;
  log: (line: string) => void;
}

export async function runBench(o: BenchOptions): Promise<Record<string, unknown>> {
  const started = new Date();
  let load: LoadResult | { reused: true; requests: number; now: Date };
  const existing = o.reuse ? await loadedHistory(o.databaseUrl) : null;
  if (existing && existing.requests === o.requests) {
    o.log(`reusing the history of ${existing.requests.toLocaleString()} requests in ${o.databaseUrl} (ends ${existing.now.toISOString()})`);
    load = { reused: true, requests: existing.requests, now: existing.now };
    const applied = await migrateBenchDatabase(o.databaseUrl);
    if (applied.length) o.log(`migrations applied to the reused history: ${applied.join(', ')}`);
  } else {
    if (o.reuse) o.log(`--reuse: ${existing ? `the database holds ${existing.requests} requests, not ${o.requests}` : 'no history loaded yet'}; loading`);
    await createBenchDatabase(o.databaseUrl, o.demoPassword);
    load = await loadHistory({ url: o.databaseUrl, requests: o.requests, perDay: o.perDay, timeZone: o.timeZone, now: new Date(), seed: o.seed, log: o.log });
    o.log(`loaded in ${load.seconds.total.toFixed(1)} s`);
  }
  const historyNow = load.now;

  const db = new Client({ connectionString: o.databaseUrl });
  await db.connect();
  const report: Record<string, unknown> = { startedAt: started.toISOString(), options: { ...o, log: undefined }, machine: await describeMachine(db) };
  try {
    if (!('reused' in load)) {
      const invariants = await checkInvariants(db);
      report.invariants = invariants;
      const broken = Object.entries(invariants).filter(([, n]) => n > 0);
      if (broken.length) o.log(`INVARIANTS BROKEN: ${JSON.stringify(Object.fromEntries(broken))}`);
    }
    report.load = load;
    report.history = await historyProfile(db);

    await makeAccountsOrdinary(db);
    const server = await startBenchServer({ databaseUrl: o.databaseUrl, redisUrl: o.redisUrl, queuePrefix: o.queuePrefix, demoPassword: o.demoPassword });
    report.server = 'child process (src/bench/server-child.ts): API only, no job workers, NODE_ENV=production; rate limits off (RATE_LIMIT_PER_STAFF=0, RATE_LIMIT_PER_IP=0)';
    const api = new GraphQLClient(server.url, o.connections);
    // Configured like the app's pool (src/db/data-source.ts: no JIT), so that × SQL compares like with like.
    const pool = new Pool({ connectionString: o.databaseUrl, max: o.connections, options: '-c jit=off' });
    const results: ScenarioReport[] = [];
    try {
      const inputs = await prepareInputs(db, api, o.demoPassword, historyNow);
      const loop = { connections: o.connections, warmupMs: o.warmupSeconds * 1000, durationMs: o.durationSeconds * 1000 };
      for (const s of readScenarios(inputs, o.timeZone).filter((x) => o.scenarios.includes(x.name))) {
        o.log(`scenario ${s.name}: GraphQL over HTTP`);
        const graphql = await closedLoop({ ...loop, cpuMs: () => processCpuMs(server.pid) }, (_c, n) => s.http(api, n));
        o.log(`scenario ${s.name}: raw SQL`);
        const sql = await closedLoop(loop, (_c, n) => s.sql(pool, n));
        results.push(judge({ name: s.name, what: s.what, graphql, sql }));
      }
    } finally {
      api.close();
      await pool.end();
      await server.stop();
    }
    const ds = await createDataSource(o.databaseUrl, { poolSize: 4, applicationName: 'hotline-bench-jobs' }).initialize();
    try {
      if (o.scenarios.includes('rollup-day')) {
        o.log('scenario rollup-day');
        const job = await incrementalRollupDay(db, ds, o.timeZone, historyNow);
        results.push(judge({ name: 'rollup-day', what: 'incremental rollup of one day of changed requests (outbox feed + recompute)', job }));
      }
      if (o.scenarios.includes('hotspot-scan')) {
        o.log('scenario hotspot-scan');
        const job = await hotspotScan(ds, o.timeZone, historyNow);
        results.push(judge({ name: 'hotspot-scan', what: 'hotspot detection (last 24 h against the 28 days before), as each analytics run ends', job }));
      }
      if (o.scenarios.includes('deadline-scan')) {
        o.log(`scenario deadline-scan (${o.openAssignments.toLocaleString()} open assignments)`);
        const job = await deadlineScan(db, ds, o.timeZone, historyNow, o.openAssignments);
        results.push(judge({ name: 'deadline-scan', what: 'one deadline scan (30-second window) with the open assignments', job }));
      }
    } finally {
      await ds.destroy();
    }
    report.scenarios = results;
    report.finishedAt = new Date().toISOString();
    const table = formatTable(results);
    report.table = table;
    o.log(`\n${table}\n`);
    mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
    writeFileSync(o.out, JSON.stringify(report, null, 2));
    o.log(`report written to ${o.out}`);
    return report;
  } finally {
    await db.end();
  }
}
