import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

// Starts server-child.ts as a child process and waits for its READY line.

export interface BenchServer { url: string; pid: number; stop(): Promise<void> }

export interface ServerEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  demoPassword: string;
}

/**
 * The API as production runs it (NODE_ENV=production, which wants a token secret of its own: a fresh one per run,
 * the bench logs in through the API). The limits another part of the app enforces (per-staff and per-IP rate
 * limits, login lock-out) would throttle 32 clients hammering from one address with a handful of tokens: 0
 * switches the rate limits off and the counters get a prefix of their own. Query limits stay as configured (the
 * bench's queries are ordinary).
 */
export function benchServerEnvironment(e: ServerEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: e.databaseUrl,
    REDIS_URL: e.redisUrl,
    BENCH_QUEUE_PREFIX: e.queuePrefix,
    LIMITS_REDIS_PREFIX: `${e.queuePrefix}:limits`,
    RATE_LIMIT_PER_STAFF: '0',
    RATE_LIMIT_PER_IP: '0',
    MIGRATE_ON_START: 'false',
    DEMO_PASSWORD: e.demoPassword,
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
    PORT: '0',
  };
}

export async function startBenchServer(e: ServerEnv): Promise<BenchServer> {
  const entry = path.join(__dirname, 'server-child.ts');
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" profiles the API (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', entry], {
    env: benchServerEnvironment(e), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the bench server exited (${code}) before it was ready:\n${stderr}`)));
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}
