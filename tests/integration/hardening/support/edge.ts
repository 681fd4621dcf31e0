import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino, { Logger } from 'pino';
import { startTestServer, TestServer } from '../../support/test-server';

// Support for the HTTP-edge tests: raw HTTP calls (status and headers matter here), the machine's Redis
// under a prefix of the test's own, and a logger whose lines a test can read.

export const MACHINE_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function raw(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { /* not JSON: the test looks at `text` */ }
  return { status: res.status, headers: res.headers, text, json };
}

/** A JSON POST of one operation, with a token when given. */
export function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return raw(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

/** The API process's shared client, opened as src/runtime/redis.ts opens it (fail fast, no offline queue). */
export async function connectRedis(): Promise<Redis> {
  const redis = new Redis(MACHINE_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  return redis;
}

/** A LIMITS_REDIS_PREFIX of the test's own. */
export const uniqueLimitsPrefix = () => `hardening-test-${randomBytes(4).toString('hex')}:limits`;

/** Deletes the keys under the test's prefix (never anything else). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A logger that keeps its JSON lines for the test to read. */
export function capturingLogger(): { log: Logger; lines: () => Record<string, any>[]; text: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  const log = pino({ level: 'info' }, sink);
  const text = () => chunks.join('');
  return { log, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

export const ME = '{ me { username } }';
export const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

export interface Replicas {
  prefix: string;
  a: TestServer;
  b: TestServer;
  /** Replica a's Redis client, for looking at the shared keys. */
  redis: Redis;
}

/**
 * Two API servers with one LIMITS_REDIS_PREFIX on the machine's Redis, each with its own client: replicas
 * behind a load balancer. Registers its own beforeAll/afterAll; the fields are filled before the tests run.
 */
export function twoReplicasSharingRedis(env: (prefix: string) => Record<string, string>): Replicas {
  const replicas = { prefix: uniqueLimitsPrefix() } as Replicas;
  let redisB: Redis;
  beforeAll(async () => {
    [replicas.redis, redisB] = await Promise.all([connectRedis(), connectRedis()]);
    const options = { env: { ...env(replicas.prefix), LIMITS_REDIS_PREFIX: replicas.prefix }, queuePrefix: `{${replicas.prefix}}` };
    replicas.a = await startTestServer({ ...options, redis: replicas.redis });
    replicas.b = await startTestServer({ ...options, redis: redisB });
  });
  afterAll(async () => {
    await Promise.all([replicas.a?.close(), replicas.b?.close()]);
    await deleteKeys(replicas.redis, replicas.prefix);
    await Promise.all([replicas.redis?.quit(), redisB?.quit()]);
  });
  return replicas;
}
