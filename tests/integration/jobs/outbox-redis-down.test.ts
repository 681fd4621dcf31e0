import { RunningJobWorkers } from '../../../src/jobs/workers';
import { OutboxTopic } from '../../../src/services/outbox';
import { dbId, Desk, dispatchedRequest } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { eventually, settle, startTestWorkers, throwawayRedis, ThrowawayRedis, uniquePrefix } from './support/jobs-harness';
import { notificationCounts } from './support/job-fixtures';

// DESIGN.md §6: the API never touches Redis on the write path. With Redis stopped, mutations still succeed
// and their follow-up work waits in the database's outbox; when Redis returns, the relay drains it.

let redis: ThrowawayRedis;
let t: TestServer;
let workers: RunningJobWorkers;
let desk: Desk;

async function unsent(requestIds: string[]): Promise<string[]> {
  const rows: { topic: string }[] = await t.db.dataSource.query(
    `SELECT topic FROM outbox_event WHERE sent_at IS NULL AND payload->>'requestId' = ANY($1) ORDER BY id`, [requestIds]);
  return rows.map((r) => r.topic);
}

beforeAll(async () => {
  redis = await throwawayRedis();
  t = await startTestServer();
  workers = await startTestWorkers(t, redis.url, uniquePrefix());
  const [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  desk = { agent, supervisor, urban };
});
afterAll(async () => {
  await workers?.close();
  await t?.close();
  await redis?.stop();
});

test('with Redis up, a dispatch notifies the department through the outbox', async () => {
  const id = dbId((await dispatchedRequest(desk)).id);
  expect(await eventually(() => notificationCounts(t, 'liaison_urban', id), (c) => c.ASSIGNED === 1)).toEqual({ ASSIGNED: 1 });
  expect(await eventually(() => unsent([id]), (u) => u.length === 0)).toEqual([]);
});

test('with Redis stopped the API still accepts mutations, and the outbox drains after Redis returns', async () => {
  await redis.stop();
  const first = await dispatchedRequest(desk);
  const second = await dispatchedRequest(desk, { lead: 'MARKET' });
  const ids = [dbId(first.id), dbId(second.id)];
  expect(first.request.status).toBe('DISPATCHED');
  await settle(500); // the relay keeps trying, and failing, meanwhile
  expect(await unsent(ids)).toEqual(expect.arrayContaining([OutboxTopic.ASSIGNMENT_DISPATCHED, OutboxTopic.DEADLINES_CHANGED]));
  expect(await notificationCounts(t, 'liaison_urban', ids[0])).toEqual({});

  await redis.start();
  expect(await eventually(() => unsent(ids), (u) => u.length === 0, 30_000)).toEqual([]);
  expect(await notificationCounts(t, 'liaison_urban', ids[0])).toEqual({ ASSIGNED: 1 });
  expect(await notificationCounts(t, 'liaison_market', ids[1])).toEqual({ ASSIGNED: 1 });
}, 60_000);
