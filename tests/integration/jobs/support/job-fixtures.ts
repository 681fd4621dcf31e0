import { Role } from '../../../../src/domain/enums';
import { Department } from '../../../../src/entities';
import { JobDeps } from '../../../../src/jobs/job-deps';
import { CalendarCache } from '../../../../src/services/calendar-cache';
import { buildStaff } from '../../support/fixtures';
import { TestServer } from '../../support/test-server';

// Arrangements and readings shared by the job tests (rows read straight from the database).

export function jobDeps(t: TestServer): JobDeps {
  return { dataSource: t.db.dataSource, clock: t.clock, timeZone: t.config.hotlineTz, calendars: new CalendarCache() };
}

/** A second liaison for a department (the demo data have one each), to show reminders go to every liaison. */
export async function addLiaison(t: TestServer, departmentCode: string, username: string): Promise<string> {
  const em = t.db.dataSource.manager;
  const department = await em.getRepository(Department).findOneByOrFail({ code: departmentCode });
  return (await buildStaff(em, { username, roles: [Role.LIAISON], department })).id;
}

/** How many notifications of each kind a staff member has, optionally about one request only. */
export async function notificationCounts(t: TestServer, username: string, requestId?: string): Promise<Record<string, number>> {
  const rows: { kind: string; n: number }[] = await t.db.dataSource.query(
    `SELECT n.kind, count(*)::int AS n FROM notification n JOIN staff s ON s.id = n.recipient_id
     WHERE s.username = $1 AND ($2::bigint IS NULL OR n.request_id = $2) GROUP BY n.kind`,
    [username, requestId ?? null],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** The system (actor-less) timeline events of a request, by kind. */
export async function systemTimeline(t: TestServer, requestId: string): Promise<Record<string, number>> {
  const rows: { kind: string; n: number }[] = await t.db.dataSource.query(
    `SELECT kind, count(*)::int AS n FROM timeline_event WHERE request_id = $1 AND actor_id IS NULL GROUP BY kind`,
    [requestId],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}
