import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { ALL_SCENARIOS, runBench } from './run-bench';

// `npm run bench -- [--requests 10000000] [--duration 20] [--connections 32] [--reuse] [--scenarios a,b] [--out file]`
// See README "Performance". BENCH_DATABASE_URL / BENCH_REDIS_URL choose where it runs.

const USAGE = `usage: npm run bench -- [options]
  --requests N        history size (default 1000000; the full run is 10000000)
  --per-day N         requests a day in the history (default 70000; at least 30 days are generated)
  --duration S        seconds measured per scenario and path (default 20), after --warmup S (default 3)
  --connections C     concurrent clients (default 32)
  --reuse             keep the bench database when it already holds a history of N requests
  --scenarios a,b     some of: ${ALL_SCENARIOS.join(', ')}
  --open-assignments  open assignments for the deadline scan (default 1000000; added for the scan, removed after)
  --out FILE          JSON report (default bench-results/bench-<N>-<time>.json)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string' }, 'per-day': { type: 'string' }, duration: { type: 'string' }, warmup: { type: 'string' },
      connections: { type: 'string' }, reuse: { type: 'boolean' }, scenarios: { type: 'string' }, out: { type: 'string' },
      'open-assignments': { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const int = (v: string | undefined, fallback: number, name: string) => {
    const n = v === undefined ? fallback : Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number\n${USAGE}`);
    return n;
  };
  const scenarios = values.scenarios ? values.scenarios.split(',').map((s) => s.trim()) : ALL_SCENARIOS;
  const unknown = scenarios.filter((s) => !ALL_SCENARIOS.includes(s));
  if (unknown.length) throw new Error(`unknown scenarios ${unknown.join(', ')}\n${USAGE}`);
  const requests = int(values.requests, 1_000_000, 'requests');
  const config = loadConfig();
  await runBench({
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench',
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: '{hotline-bench}',
    requests,
    perDay: int(values['per-day'], 70_000, 'per-day') || 70_000,
    durationSeconds: int(values.duration, 20, 'duration'),
    warmupSeconds: int(values.warmup, 3, 'warmup'),
    connections: int(values.connections, 32, 'connections') || 1,
    reuse: !!values.reuse,
    scenarios,
    out: values.out ?? `bench-results/bench-${requests}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    openAssignments: int(values['open-assignments'], 1_000_000, 'open-assignments'),
    timeZone: config.hotlineTz,
    demoPassword: config.demoPassword,
    seed: int(values.seed, 12345, 'seed'),
    log: (line) => console.log(line),
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
