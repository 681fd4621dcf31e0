import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { JobWorkersOptions, RunningJobWorkers, startJobWorkers } from '../../../../src/jobs/workers';
import { ANALYTICS_QUEUE } from '../../../../src/jobs/analytics.job';
import { QUEUE } from '../../../../src/jobs/queues';
import { CalendarCache } from '../../../../src/services/calendar-cache';
import { TestServer } from '../../support/test-server';

// Support for the job tests: the workers with fast periods against a test server's database and clock,
// a redis-server of the test's own (to stop and flush without touching anyone else's), an HTTP receiver
// for webhooks, and a bounded poll for effects that happen in the background.

export const MACHINE_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const silentLog = pino({ level: process.env.JOBS_TEST_LOG ?? 'silent' });

/** A BullMQ prefix of this test file's own (a hash tag, like the real one). */
export const uniquePrefix = () => `{jobs-test-${randomBytes(4).toString('hex')}}`;

export function startTestWorkers(t: TestServer, redisUrl: string, prefix: string, overrides: Partial<JobWorkersOptions> = {}): Promise<RunningJobWorkers> {
  return startJobWorkers({
    dataSource: t.db.dataSource, redisUrl, prefix, timeZone: t.config.hotlineTz, clock: t.clock, log: silentLog,
    calendars: new CalendarCache(), scanEveryMs: 100, relayEveryMs: 50, schedulerCheckEveryMs: 200,
    webhookRetry: { attempts: 5, backoffMs: 20 }, webhookTimeoutMs: 2_000, ...overrides,
  });
}

/** Removes the test's queues (and the board's view of analytics) from a Redis that outlives the test. */
export async function obliterateQueues(redisUrl: string, prefix: string): Promise<void> {
  for (const name of [...Object.values(QUEUE), ANALYTICS_QUEUE]) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** Polls `probe` until `ok` holds (or the time is up, returning the last value for the assertion to report). */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Lets background work run for a while (to show that nothing more happens). */
export const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ThrowawayRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  flushAll(): Promise<void>;
}

/** A redis-server child process on a free port, keeping nothing on disk; stopped and started at will. */
export async function throwawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const self: ThrowawayRedis = {
    url,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      if (!(await eventually(ping, Boolean, 10_000))) throw new Error(`redis-server did not start on port ${port}`);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    async flushAll() {
      const client = new Redis(url);
      await client.flushall();
      await client.quit();
    },
  };
  await self.start();
  return self;
}

export interface ReceivedPost { headers: IncomingHttpHeaders; body: string }

/** An HTTP receiver answering each POST with the status `answer(n)` gives for the n-th one (1-based). */
export async function webhookReceiver(answer: (n: number) => number) {
  const posts: ReceivedPost[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answer(posts.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/hotline`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
