import { runAnalytics } from '../../../src/jobs/analytics.job';
import { pruneOutbox } from '../../../src/jobs/outbox-retention';
import { QUEUE, SCHEDULER } from '../../../src/jobs/queues';
import { RunningJobWorkers } from '../../../src/jobs/workers';
import { OutboxTopic } from '../../../src/services/outbox';
import { DAY, dbId, Desk, dispatchedRequest } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { eventually, startTestWorkers, throwawayRedis, ThrowawayRedis, uniquePrefix } from './support/jobs-harness';

// Handled outbox rows are deleted after their retention, but never a row whose work is still owed, nor a
// REQUEST_CHANGED row the analytics feed has not read yet (it reads by transaction id, whatever sent_at says).

let t: TestServer;
let desk: Desk;

const RETENTION = { keepMs: 7 * DAY, batchSize: 3 };

async function rowsOf(requestIds: string[]): Promise<{ topic: string; sent: boolean }[]> {
  return t.db.dataSource.query(
    `SELECT topic, sent_at IS NOT NULL AS sent FROM outbox_event WHERE payload->>'requestId' = ANY($1) ORDER BY id`, [requestIds]);
}

/** Marks every row of these requests handled at `at` (what the relay and the jobs do in the running system). */
async function markHandled(requestIds: string[], at: Date): Promise<void> {
  await t.db.dataSource.query(`UPDATE outbox_event SET sent_at = $2 WHERE payload->>'requestId' = ANY($1)`, [requestIds, at]);
}

beforeAll(async () => {
  t = await startTestServer();
  const [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  desk = { agent, supervisor, urban };
});
afterAll(async () => { await t?.close(); });

test('handled rows older than the retention go once analytics has read them; owed and recent rows stay', async () => {
  const old = [dbId((await dispatchedRequest(desk)).id), dbId((await dispatchedRequest(desk)).id)];
  const owed = dbId((await dispatchedRequest(desk)).id);
  const recent = dbId((await dispatchedRequest(desk)).id);
  const now = new Date(t.clock.now().getTime() + 10 * DAY);
  await markHandled(old, new Date(now.getTime() - 8 * DAY));
  await markHandled([recent], new Date(now.getTime() - 6 * DAY));
  const before = { old: await rowsOf(old), owed: await rowsOf([owed]), recent: await rowsOf([recent]) };
  expect(before.old.map((r) => r.topic)).toEqual(expect.arrayContaining([OutboxTopic.ASSIGNMENT_DISPATCHED, OutboxTopic.REQUEST_CHANGED]));

  // Analytics has not read the REQUEST_CHANGED rows yet: they stay, the handled rows of other topics go.
  const firstPass = await pruneOutbox(t.db.dataSource, now, RETENTION);
  expect(firstPass).toBe(before.old.filter((r) => r.topic !== OutboxTopic.REQUEST_CHANGED).length);
  expect((await rowsOf(old)).map((r) => r.topic)).toEqual(before.old.filter((r) => r.topic === OutboxTopic.REQUEST_CHANGED).map((r) => r.topic));

  await runAnalytics({ dataSource: t.db.dataSource, clock: t.clock, timeZone: t.config.hotlineTz });
  const secondPass = await pruneOutbox(t.db.dataSource, now, RETENTION);
  expect(secondPass).toBe(before.old.filter((r) => r.topic === OutboxTopic.REQUEST_CHANGED).length);
  expect(await rowsOf(old)).toEqual([]);
  expect(await rowsOf([owed])).toEqual(before.owed);
  expect(await rowsOf([recent])).toEqual(before.recent);
  expect(await pruneOutbox(t.db.dataSource, now, RETENTION)).toBe(0);
});

describe('with the job workers running', () => {
  let redis: ThrowawayRedis;
  let workers: RunningJobWorkers;
  const prefix = uniquePrefix();
  beforeAll(async () => {
    redis = await throwawayRedis();
    workers = await startTestWorkers(t, redis.url, prefix);
  });
  afterAll(async () => {
    await workers?.close();
    await redis?.stop();
  });

  test('the prune is a repeatable job of the schedule queue, every hour', async () => {
    const queue = workers.queues[QUEUE.schedule];
    const scheduler = await eventually(() => queue.getJobScheduler(SCHEDULER.outboxPrune), (s) => !!s);
    expect(scheduler?.every).toBe(3_600_000);
  });
});
