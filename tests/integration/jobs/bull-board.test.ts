import { Redis } from 'ioredis';
import { BULL_BOARD_PATH } from '../../../src/jobs/bull-board';
import { QUEUE } from '../../../src/jobs/queues';
import { startTestServer, TestServer } from '../support/test-server';
import { MACHINE_REDIS_URL, obliterateQueues, uniquePrefix } from './support/jobs-harness';

// Bull Board at /admin/queues of the API server answers ADMIN tokens only: none → 401, another role → 403.
// (The machine's Redis, under a prefix of this file's own.)

const prefix = uniquePrefix();
let t: TestServer;
let redis: Redis;
let base: string;

beforeAll(async () => {
  // The API process's shared client, as src/runtime/redis.ts opens it (fail fast, no offline queue).
  redis = new Redis(MACHINE_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  t = await startTestServer({ redis, queuePrefix: prefix });
  base = new URL(BULL_BOARD_PATH, t.url).toString();
});
afterAll(async () => {
  await t?.close();
  await obliterateQueues(MACHINE_REDIS_URL, prefix);
  await redis?.quit();
});

test('without a token, or with a bad one, the board answers 401', async () => {
  expect((await fetch(base)).status).toBe(401);
  expect((await fetch(`${base}/api/queues`, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
});

test('a token of another role gets 403', async () => {
  for (const username of ['supervisor01', 'liaison_urban']) {
    const { token } = await t.login(username);
    expect((await fetch(`${base}/api/queues`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
  }
});

test('an admin opens it with ?token= once, then the cookie carries the session', async () => {
  const { token } = await t.login('admin');
  const first = await fetch(`${base}?token=${encodeURIComponent(token!)}`, { redirect: 'manual' });
  expect(first.status).toBe(303);
  expect(first.headers.get('location')).toBe(BULL_BOARD_PATH);
  const cookie = first.headers.get('set-cookie')!.split(';')[0];
  expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
  const page = await fetch(base, { headers: { cookie } }); // where the redirect leads
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<base href=');
  const api = await fetch(`${base}/api/queues`, { headers: { cookie } });
  expect(api.status).toBe(200);
  const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
  expect(names).toEqual(expect.arrayContaining(Object.values(QUEUE)));
});
