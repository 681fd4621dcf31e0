import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { runDeadlineScan } from '../jobs/deadline-scan.job';
import { detectHotspots } from '../services/analytics/hotspot.service';
import { consumeRequestChanges } from '../services/analytics/request-change-feed';
import { runIncrementalRollup } from '../services/analytics/incremental-rollup';
import { CalendarCache } from '../services/calendar-cache';
import { summarize, LoopResult } from './load-loop';

// The job scenarios, run by the app's own job code against the bench database:
// - one day's incremental rollup: every request of the last complete day is reported changed through the
//   outbox (as its transitions would have), then the feed marks them stale and the rollup applies their
//   changes;
// - one deadline scan over a 30-second window (the scheduler's period) with ≥ N open assignments;
// - and, without a target of its own, the hotspot detection every analytics run ends with (rolled back, so
//   the history stays as loaded).

const RUNS = 3;

export interface JobResult extends LoopResult { detail: Record<string, unknown> }

export async function incrementalRollupDay(db: Client, ds: DataSource, timeZone: string, now: Date): Promise<JobResult> {
  // The last complete day of the history (it may end before `now`; the intake scenario's requests are today's).
  const { rows: [day] } = await db.query(
    `SELECT to_char(d, 'YYYY-MM-DD') AS day, (d::timestamp AT TIME ZONE $2) AS start, ((d + 1)::timestamp AT TIME ZONE $2) AS end
     FROM (SELECT (max(created_at) AT TIME ZONE $2)::date - 1 AS d FROM service_request WHERE created_at < $1) x`, [now, timeZone]);
  const times: number[] = [];
  // What earlier scenarios left for the job (intake's new requests, deadlines passed since the load) is not this
  // day's work: one untimed run takes it first.
  const backlog = await consumeRequestChanges(ds, timeZone, now);
  const drained = await runIncrementalRollup({ dataSource: ds, timeZone, now });
  const detail: Record<string, unknown> = { day: day.day, backlogBefore: { changedRequests: backlog, requestsApplied: drained.requests, daysRecomputed: drained.days.length } };
  for (let i = 0; i < RUNS; i++) {
    const marked = await db.query(
      `INSERT INTO outbox_event (topic, payload, created_at)
       SELECT 'request.changed', jsonb_build_object('requestId', id::text), $3 FROM service_request WHERE created_at >= $1 AND created_at < $2`,
      [day.start, day.end, now]);
    const started = performance.now();
    const changed = await consumeRequestChanges(ds, timeZone, now);
    const rollup = await runIncrementalRollup({ dataSource: ds, timeZone, now });
    times.push(performance.now() - started);
    Object.assign(detail, { requestsThatDay: marked.rowCount, changedRequests: changed, requestsApplied: rollup.requests, daysRecomputed: rollup.days.length });
  }
  return { ...summarize(times, 0, null, times.reduce((a, b) => a + b, 0) / 1000), detail };
}

/**
 * Tops the open assignments up to `target` by adding ASSIST assignments to open requests (copies of the
 * lead's dispatch and deadlines, one per department not yet on the request: what a dispatch with assisting
 * departments writes). Returns how to remove them again.
 */
async function addOpenAssignments(db: Client, target: number): Promise<{ added: number; undo: () => Promise<void> }> {
  const marks = (await db.query(`SELECT (SELECT max(id) FROM assignment) a, (SELECT max(id) FROM timeline_event) t,
      (SELECT coalesce(max(id), 0) FROM reminder_ledger) l, (SELECT coalesce(max(id), 0) FROM notification) n, (SELECT coalesce(max(id), 0) FROM outbox_event) o`)).rows[0];
  const { rows: [{ open }] } = await db.query(`SELECT count(*)::int AS open FROM assignment WHERE status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`);
  const missing = Math.max(0, target - open);
  if (missing > 0) {
    await db.query(
      `INSERT INTO assignment (request_id, department_id, role, status, round, dispatched_at, dispatched_by_id, accept_due_at, accept_warn_at, due_at, reply_warn_at, reply_escalate_at, designated)
       SELECT l.request_id, d.id, 'ASSIST', 'PENDING', l.round, l.dispatched_at, l.dispatched_by_id, l.accept_due_at, l.accept_warn_at, l.due_at, l.reply_warn_at, l.reply_escalate_at, false
       FROM assignment l
       JOIN service_request r ON r.lead_assignment_id = l.id AND r.status IN ('DISPATCHED', 'IN_PROGRESS')
       CROSS JOIN LATERAL (SELECT id FROM department WHERE depth > 0 AND id <> l.department_id ORDER BY (id * 7919 + l.id) % 1009 LIMIT 30) d
       LIMIT $1`, [missing]);
    await db.query('ANALYZE assignment');
  }
  const { rows: [{ now_open }] } = await db.query(`SELECT count(*)::int AS now_open FROM assignment WHERE status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`);
  return {
    added: now_open - open,
    undo: async () => {
      await db.query(`DELETE FROM notification WHERE id > $1`, [marks.n]);
      await db.query(`DELETE FROM timeline_event WHERE id > $1 AND assignment_id > $2`, [marks.t, marks.a]);
      await db.query(`DELETE FROM reminder_ledger WHERE id > $1`, [marks.l]);
      await db.query(`DELETE FROM outbox_event WHERE id > $1`, [marks.o]);
      // Nothing refers to the added rows any more (their timeline events went first): the foreign-key checks of
      // this DELETE (index probes of every referencing table, per row) can be skipped.
      await db.query(`SET session_replication_role = replica`);
      await db.query(`DELETE FROM assignment WHERE id > $1`, [marks.a]);
      await db.query(`RESET session_replication_role`);
      await db.query('ANALYZE assignment');
    },
  };
}

export async function deadlineScan(db: Client, ds: DataSource, timeZone: string, now: Date, openTarget: number): Promise<JobResult> {
  const backlog = await addOpenAssignments(db, openTarget);
  try {
    const { rows: [{ open }] } = await db.query(`SELECT count(*)::int AS open FROM assignment WHERE status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`);
    const times: number[] = [];
    let fired = 0;
    let candidatesRead = 0;
    const period = 30_000;
    // Scans start where the last one ended (the loaded history's watermark is its now).
    let at = Math.max(Date.now(), now.getTime() + period);
    await db.query(`UPDATE analytics_state SET value = $1 WHERE name = 'reminders.scanned-through'`, [new Date(at - period)]);
    const calendars = new CalendarCache();
    for (let i = 0; i < RUNS + 2; i++, at += period) {
      const clock: Clock = { now: () => new Date(at) } as Clock;
      const started = performance.now();
      const result = await runDeadlineScan({ dataSource: ds, clock, timeZone, calendars });
      if (i >= 1) times.push(performance.now() - started); // the first scan loads the calendar
      fired += result.fired;
      candidatesRead += result.candidates;
    }
    return { ...summarize(times, 0, null, times.reduce((a, b) => a + b, 0) / 1000), detail: { openAssignments: open, addedForTheScenario: backlog.added, remindersFired: fired, candidatesRead, windowSeconds: period / 1000 } };
  } finally {
    await backlog.undo();
  }
}

/** detectHotspots as the analytics job calls it at the history's end, in a transaction rolled back afterwards. */
export async function hotspotScan(ds: DataSource, timeZone: string, now: Date): Promise<JobResult> {
  const times: number[] = [];
  let alerts = 0;
  for (let i = 0; i < RUNS; i++) {
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const started = performance.now();
      alerts = (await detectHotspots(runner.manager, now, timeZone)).length;
      times.push(performance.now() - started);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }
  return { ...summarize(times, 0, null, times.reduce((a, b) => a + b, 0) / 1000), detail: { alerts } };
}
