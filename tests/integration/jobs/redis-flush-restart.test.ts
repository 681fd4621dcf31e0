import { isDeepStrictEqual } from 'node:util';
import { Queue } from 'bullmq';
import { relayOutbox } from '../../../src/jobs/outbox-relay';
import { QUEUE, QueueName } from '../../../src/jobs/queues';
import { RunningJobWorkers } from '../../../src/jobs/workers';
import { dbId, Desk, dispatchedRequest } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { eventually, settle, startTestWorkers, throwawayRedis, ThrowawayRedis, uniquePrefix } from './support/jobs-harness';
import { addLiaison, notificationCounts, systemTimeline } from './support/job-fixtures';

// DESIGN.md §6: Redis remembers nothing the system needs. Redis is flushed after dispatch (losing the
// repeatable scan and a relayed-but-unhandled job) and the worker is down while every deadline passes:
// after a restart every reminder arrives, and none twice.

const at = (local: string) => new Date(`${local}+08:00`);
const ALL_REMINDERS = { ASSIGNED: 1, ACCEPT_WARNING: 1, ACCEPT_OVERDUE: 1, REPLY_WARNING: 1, REPLY_OVERDUE: 1 };

let redis: ThrowawayRedis;
let t: TestServer;
let workers: RunningJobWorkers | null = null;
let desk: Desk;
const prefix = uniquePrefix();
const requests: string[] = [];

const countsFor = (username: string) => Promise.all(requests.map((id) => notificationCounts(t, username, id)));
const everyoneHasAll = (counts: Record<string, number>[]) => counts.every((c) => isDeepStrictEqual(c, ALL_REMINDERS));

/** The relay alone, as a worker would run it just before dying: the jobs are in Redis, nobody handles them. */
async function relayWithoutWorkers(): Promise<void> {
  const queues = Object.fromEntries(Object.values(QUEUE).map((name) => [name, new Queue(name, { connection: { url: redis.url }, prefix })]));
  await relayOutbox(t.db.dataSource, queues as Record<QueueName, Queue>, t.clock.now());
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

beforeAll(async () => {
  redis = await throwawayRedis();
  t = await startTestServer();
  await addLiaison(t, 'URBAN', 'liaison_urban_2');
  const [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  desk = { agent, supervisor, urban };
});
afterAll(async () => {
  await workers?.close();
  await t?.close();
  await redis?.stop();
});

test('after a flush and a restart every reminder arrives, none twice', async () => {
  workers = await startTestWorkers(t, redis.url, prefix);
  // URGENT, dispatched Monday 10:00: sign for by 12:00 (warning 11:00), reply by Wednesday 24:00 (warning 23:00).
  requests.push(dbId((await dispatchedRequest(desk, { input: { urgency: 'URGENT' } })).id));
  await eventually(() => notificationCounts(t, 'liaison_urban', requests[0]), (c) => c.ASSIGNED === 1);
  await workers.close();
  workers = null;

  requests.push(dbId((await dispatchedRequest(desk, { input: { urgency: 'URGENT' } })).id));
  await relayWithoutWorkers();
  const [{ relayed }] = await t.db.dataSource.query(
    `SELECT count(*)::int AS relayed FROM outbox_event WHERE relayed_at IS NOT NULL AND sent_at IS NULL AND payload->>'requestId' = $1`, [requests[1]]);
  expect(relayed).toBeGreaterThan(0);
  await redis.flushAll();
  t.clock.set(at('2026-03-05T12:00:00')); // every deadline of both requests has passed meanwhile

  workers = await startTestWorkers(t, redis.url, prefix);
  for (const liaison of ['liaison_urban', 'liaison_urban_2']) {
    expect(await eventually(() => countsFor(liaison), everyoneHasAll)).toEqual([ALL_REMINDERS, ALL_REMINDERS]);
  }
  await settle(1_500); // many more scan periods and relay ticks
  expect(await countsFor('liaison_urban')).toEqual([ALL_REMINDERS, ALL_REMINDERS]);
  expect(await countsFor('supervisor01')).toEqual([{ REPLY_OVERDUE: 1 }, { REPLY_OVERDUE: 1 }]);
  for (const id of requests) expect(await systemTimeline(t, id)).toEqual({ DEADLINE_WARNING: 2, OVERDUE: 2 });
  const [{ owed }] = await t.db.dataSource.query(`SELECT count(*)::int AS owed FROM outbox_event WHERE sent_at IS NULL`);
  expect(owed).toBe(0);
}, 60_000);

test('a reply 5 working days overdue is supervised at level LISTED, once', async () => {
  // Due Wednesday 4 March 24:00; 5 working days later is the end of Thursday 12 March.
  t.clock.set(at('2026-03-12T23:00:00'));
  await settle(500);
  expect(await notificationCounts(t, 'liaison_urban', requests[0])).toEqual(ALL_REMINDERS);
  t.clock.set(at('2026-03-13T00:30:00'));
  const supervised = (id: string) => t.db.dataSource.query(`SELECT supervision_level FROM service_request WHERE id = $1`, [id]);
  for (const id of requests) {
    expect(await eventually(() => supervised(id), (r) => r[0].supervision_level === 'LISTED')).toEqual([{ supervision_level: 'LISTED' }]);
  }
  await settle(500);
  for (const id of requests) {
    expect(await notificationCounts(t, 'liaison_urban', id)).toEqual({ ...ALL_REMINDERS, SUPERVISED: 1 });
    expect(await notificationCounts(t, 'agent01', id)).toEqual({ SUPERVISED: 1 }); // the owner
    expect(await systemTimeline(t, id)).toEqual({ DEADLINE_WARNING: 2, OVERDUE: 2, SUPERVISED: 1 });
  }
}, 60_000);

test('a flush is noticed at once: relayed jobs Redis lost are handed over again without waiting out the redelivery period', async () => {
  await workers?.close();
  workers = null;
  const id = dbId((await dispatchedRequest(desk)).id);
  await relayWithoutWorkers();
  await redis.flushAll();
  // The clock stands still: only noticing the flush can bring the lost ASSIGNED job back (redelivery is after 5 min).
  workers = await startTestWorkers(t, redis.url, prefix, { redeliverAfterMs: 5 * 60_000 });
  expect(await eventually(() => notificationCounts(t, 'liaison_urban', id), (c) => c.ASSIGNED === 1)).toEqual({ ASSIGNED: 1 });
  await settle(500);
  expect(await notificationCounts(t, 'liaison_urban', id)).toEqual({ ASSIGNED: 1 });
}, 60_000);
