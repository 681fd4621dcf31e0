import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { ANALYTICS_QUEUE } from '../../../src/jobs/analytics.job';
import { QUEUE } from '../../../src/jobs/queues';
import { startJobWorkers } from '../../../src/jobs/workers';
import { startTestServer, TestServer } from '../support/test-server';
import { sample, samples, scrape } from './support/prometheus-text';

// /metrics of an API server with Redis (the machine's, under a BullMQ prefix of this file's own): queue depths
// read at scrape time, job failures counted by workers in the same process, the METRICS_TOKEN guard, and a
// scrape that still answers, with what it can, when Redis is gone.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `{obs-test-${randomBytes(4).toString('hex')}}`;
const METRICS_TOKEN = 'scraper-token-0123456789abcdef';
const ALL_QUEUES = [...Object.values(QUEUE), ANALYTICS_QUEUE];

let t: TestServer;
let redis: Redis;
const producers = new Map<string, Queue>();
const producer = (name: string) => {
  if (!producers.has(name)) producers.set(name, new Queue(name, { connection: { url: REDIS_URL }, prefix }));
  return producers.get(name)!;
};

beforeAll(async () => {
  // The API process's shared client, opened as src/runtime/redis.ts does (fail fast, no offline queue).
  redis = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  t = await startTestServer({ redis, queuePrefix: prefix, env: { METRICS_TOKEN } });
});
afterAll(async () => {
  await t?.close();
  for (const name of ALL_QUEUES) await producer(name).obliterate({ force: true });
  await Promise.all([...producers.values()].map((q) => q.close()));
  if (redis.status !== 'end') redis.disconnect(); // a second disconnect would leave ioredis's 2 s timer behind
});

const metrics = async () => {
  const res = await scrape(t.url, METRICS_TOKEN);
  expect(res.status).toBe(200);
  return res.text;
};

async function metricsUntil(ready: (text: string) => boolean): Promise<string> {
  let text = '';
  for (let i = 0; i < 250; i++) {
    text = await metrics();
    if (ready(text)) return text;
    await new Promise((r) => setTimeout(r, 40));
  }
  return text;
}

test('with METRICS_TOKEN set, a scrape needs it as a bearer token', async () => {
  expect((await scrape(t.url)).status).toBe(401);
  expect((await scrape(t.url, 'not-the-token')).status).toBe(401);
  expect((await scrape(t.url, METRICS_TOKEN)).status).toBe(200);
});

test('a job that fails in a worker of this process shows as a failure of its queue', async () => {
  const workers = await startJobWorkers({
    dataSource: t.db.dataSource, redisUrl: REDIS_URL, prefix, timeZone: t.config.hotlineTz, clock: t.clock,
    log: pino({ level: 'silent' }), scanEveryMs: 3_600_000, relayEveryMs: 50,
  });
  try {
    await producer(QUEUE.schedule).add('no-such-job', {}, { attempts: 1 });
    const failed = (s: string) => sample(s, 'hotline_queue_jobs', { queue: QUEUE.schedule, state: 'failed' });
    const text = await metricsUntil((s) => failed(s) === 1 && sample(s, 'hotline_job_failures_total', { queue: QUEUE.schedule }) === 1);
    expect(failed(text)).toBe(1);
    expect(sample(text, 'hotline_job_failures_total', { queue: QUEUE.schedule })).toBe(1);
  } finally {
    await workers.close();
  }
});

test('queue depths per queue and state are read from Redis at scrape time', async () => {
  await producer(QUEUE.events).add('assignment.dispatched', { outboxId: '0', payload: {} });
  await producer(QUEUE.events).add('assignment.dispatched', { outboxId: '1', payload: {} });
  await producer(QUEUE.webhooks).add('webhook.delivery', { outboxId: '2', payload: {} }, { delay: 3_600_000 });
  const text = await metrics();
  expect(sample(text, 'hotline_queue_jobs', { queue: QUEUE.events, state: 'waiting' })).toBe(2);
  expect(sample(text, 'hotline_queue_jobs', { queue: QUEUE.webhooks, state: 'delayed' })).toBe(1);
  expect(sample(text, 'hotline_queue_jobs', { queue: QUEUE.webhooks, state: 'waiting' })).toBe(0);
  expect(sample(text, 'hotline_queue_jobs', { queue: QUEUE.schedule, state: 'failed' })).toBe(1);
  expect(sample(text, 'hotline_queue_jobs', { queue: ANALYTICS_QUEUE, state: 'active' })).toBe(0);
  expect(samples(text, 'hotline_queue_jobs')).toHaveLength(ALL_QUEUES.length * 4);
  expect(sample(text, 'hotline_metrics_source_up', { source: 'redis' })).toBe(1);
});

test('with Redis gone, a scrape still answers: no queue depths, Redis reported down, the rest as usual', async () => {
  redis.disconnect(); // the server's shared client: its commands now fail at once
  const text = await metrics();
  expect(sample(text, 'hotline_metrics_source_up', { source: 'redis' })).toBe(0);
  expect(sample(text, 'hotline_metrics_source_up', { source: 'database' })).toBe(1);
  expect(samples(text, 'hotline_queue_jobs')).toEqual([]);
  expect(sample(text, 'hotline_outbox_unsent_events')).toBeGreaterThanOrEqual(0);
  expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
});
