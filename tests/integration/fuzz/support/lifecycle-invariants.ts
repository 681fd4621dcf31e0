import { DataSource } from 'typeorm';
import { RequestStatus as S } from '../../../../src/domain/enums';
import { RequestAction, canApplyRequestAction, nextRequestStatus } from '../../../../src/domain/request-lifecycle';

// What must hold in the database after any sequence of lifecycle calls (DESIGN.md §4, src/domain/*-lifecycle.ts),
// checked with SQL on the rows themselves rather than through the API that wrote them. Each check returns the
// violations it finds, as sentences naming the request, so that a failing fuzz run says what broke.

type Violations = string[];
const OPEN_ASSIGNMENT = `('PENDING', 'ACCEPTED', 'RETURN_REQUESTED', 'REPLIED')`;

/** Rows that break a rule: each query selects the offending request's id and what it found. */
const SQL_RULES: { rule: string; sql: string }[] = [
  {
    rule: 'at most one open LEAD assignment per request',
    sql: `SELECT request_id AS id, count(*) AS found FROM assignment WHERE role = 'LEAD' AND status IN ${OPEN_ASSIGNMENT} GROUP BY request_id HAVING count(*) > 1`,
  },
  {
    rule: 'the lead assignment is a LEAD of the request\'s current round',
    sql: `SELECT r.id, concat_ws(' ', a.request_id, a.role, a.round, r.round) AS found FROM service_request r JOIN assignment a ON a.id = r.lead_assignment_id
          WHERE a.request_id <> r.id OR a.role <> 'LEAD' OR a.round <> r.round`,
  },
  {
    rule: 'no open assignment outside the current round, and none in a closed request',
    sql: `SELECT r.id, concat_ws(' ', r.status, a.id, a.status, a.round, r.round) AS found FROM service_request r JOIN assignment a ON a.request_id = r.id
          WHERE a.status IN ${OPEN_ASSIGNMENT} AND (a.round <> r.round OR r.status IN ('CLOSED', 'MERGED', 'VOID'))`,
  },
  {
    rule: 'an open LEAD assignment is the request\'s lead',
    sql: `SELECT r.id, concat_ws(' ', a.id, r.lead_assignment_id) AS found FROM service_request r JOIN assignment a ON a.request_id = r.id
          WHERE a.role = 'LEAD' AND a.status IN ${OPEN_ASSIGNMENT} AND a.id IS DISTINCT FROM r.lead_assignment_id`,
  },
  {
    rule: 'the status agrees with the lead assignment (REGISTERED: none; DISPATCHED: unsigned; IN_PROGRESS: signed; REPLIED: replied; AWAITING_FOLLOW_UP: completed or none)',
    sql: `SELECT r.id, concat_ws(' ', r.status, a.status, a.status_before_return) AS found FROM service_request r LEFT JOIN assignment a ON a.id = r.lead_assignment_id
          WHERE NOT coalesce(CASE r.status
            WHEN 'REGISTERED' THEN a.id IS NULL
            WHEN 'DISPATCHED' THEN a.status = 'PENDING' OR (a.status = 'RETURN_REQUESTED' AND a.status_before_return = 'PENDING')
            WHEN 'IN_PROGRESS' THEN a.status = 'ACCEPTED' OR (a.status = 'RETURN_REQUESTED' AND a.status_before_return = 'ACCEPTED')
            WHEN 'REPLIED' THEN a.status = 'REPLIED'
            WHEN 'AWAITING_FOLLOW_UP' THEN a.id IS NULL OR a.status = 'COMPLETED'
            ELSE a.id IS NULL OR a.status NOT IN ${OPEN_ASSIGNMENT} END, false)`, // no lead where one is needed compares as NULL: a violation too
  },
  {
    rule: 'dueAt is the deadline that matters now (sign-for, reply, follow-up; none otherwise)',
    sql: `SELECT r.id, concat_ws(' ', r.status, r.due_at, a.accept_due_at, a.due_at, r.follow_up_due_at) AS found FROM service_request r LEFT JOIN assignment a ON a.id = r.lead_assignment_id
          WHERE r.due_at IS DISTINCT FROM CASE r.status WHEN 'DISPATCHED' THEN a.accept_due_at WHEN 'IN_PROGRESS' THEN a.due_at
            WHEN 'AWAITING_FOLLOW_UP' THEN r.follow_up_due_at ELSE NULL END
            OR (r.status = 'AWAITING_FOLLOW_UP' AND r.follow_up_due_at IS NULL)`,
  },
  {
    rule: 'closedAt is set exactly on ended requests; mergedInto exactly on MERGED ones',
    sql: `SELECT id, concat_ws(' ', status, closed_at, merged_into_id) AS found FROM service_request
          WHERE (closed_at IS NULL) <> (status IN ('REGISTERED', 'DISPATCHED', 'IN_PROGRESS', 'REPLIED', 'AWAITING_FOLLOW_UP'))
             OR (merged_into_id IS NULL) <> (status <> 'MERGED') OR merged_into_id = id`,
  },
  {
    rule: 'round = 1 + reopenCount = 1 + REOPENED events; LISTED (or higher) from the 2nd re-handling on',
    sql: `SELECT r.id, concat_ws(' ', r.round, r.reopen_count, count(t.id), r.supervision_level) AS found FROM service_request r
          LEFT JOIN timeline_event t ON t.request_id = r.id AND t.kind = 'REOPENED'
          GROUP BY r.id HAVING r.round <> 1 + r.reopen_count OR r.reopen_count <> count(t.id)
            OR (r.reopen_count >= 2 AND r.supervision_level IS DISTINCT FROM 'LISTED' AND r.supervision_level IS DISTINCT FROM 'SUMMONED')`,
  },
  {
    rule: 'extension requests: at most one pending per assignment, only on open assignments, decided ones have a decision time',
    sql: `SELECT e.request_id AS id, concat_ws(' ', e.id, e.status, a.status, e.decided_at) AS found FROM extension_request e JOIN assignment a ON a.id = e.assignment_id
          WHERE e.request_id <> a.request_id OR (e.status = 'PENDING' AND (a.status NOT IN ${OPEN_ASSIGNMENT} OR e.decided_at IS NOT NULL))
             OR (e.status <> 'PENDING' AND e.decided_at IS NULL)
             OR (e.status = 'PENDING' AND EXISTS (SELECT 1 FROM extension_request o WHERE o.assignment_id = e.assignment_id AND o.status = 'PENDING' AND o.id <> e.id))`,
  },
  {
    rule: 'follow-ups: attempts numbered 1..n within their round, in no round the request has not reached',
    sql: `SELECT f.request_id AS id, concat_ws(' ', f.round, r.round, count(*), max(f.attempt), count(DISTINCT f.attempt)) AS found FROM follow_up f JOIN service_request r ON r.id = f.request_id
          GROUP BY f.request_id, f.round, r.round HAVING f.round > r.round OR max(f.attempt) <> count(*) OR count(DISTINCT f.attempt) <> count(*)`,
  },
  {
    rule: 'every assignment has its ASSIGNED outbox row (written in the dispatching transaction)',
    sql: `SELECT a.request_id AS id, concat_ws(' ', a.id, count(o.id)) AS found FROM assignment a
          LEFT JOIN outbox_event o ON o.topic = 'assignment.dispatched' AND o.payload->>'assignmentId' = a.id::text
          GROUP BY a.id HAVING count(o.id) <> 1`,
  },
  {
    rule: 'every changed request has a request.changed outbox row for analytics',
    sql: `SELECT r.id, count(t.id) AS found FROM service_request r JOIN timeline_event t ON t.request_id = r.id
          WHERE NOT EXISTS (SELECT 1 FROM outbox_event o WHERE o.topic = 'request.changed' AND o.payload->>'requestId' = r.id::text)
          GROUP BY r.id HAVING count(t.id) > 1`,
  },
];

export async function checkInvariants(ds: DataSource): Promise<Violations> {
  const out: Violations = [];
  for (const { rule, sql } of SQL_RULES) {
    for (const row of await ds.query(sql)) out.push(`request ${row.id}: ${rule} (found ${row.found})`);
  }
  out.push(...(await timelineReplay(ds)));
  return out;
}

interface EventRow { request_id: string; kind: string; data: Record<string, any> | null; role: string | null }

/**
 * Replays each request's timeline through the domain's state machine: every status-changing event must be a
 * transition the domain allows from the status before it, and the replay must end at the stored status.
 * A status change without its event (or an event without its change) shows up as a mismatch.
 */
async function timelineReplay(ds: DataSource): Promise<Violations> {
  const rows: EventRow[] = await ds.query(
    `SELECT t.request_id, t.kind, t.data, a.role FROM timeline_event t LEFT JOIN assignment a ON a.id = t.assignment_id ORDER BY t.request_id, t.id`,
  );
  const statuses = new Map<string, S>((await ds.query('SELECT id, status FROM service_request')).map((r: { id: string; status: S }) => [r.id, r.status]));
  const replayed = new Map<string, S | null>();
  const out: Violations = [];
  for (const e of rows) {
    const from = replayed.get(e.request_id) ?? null;
    if (e.kind === 'CREATED') {
      if (from !== null) out.push(`request ${e.request_id}: CREATED twice`);
      replayed.set(e.request_id, S.REGISTERED);
      continue;
    }
    if (from === null) {
      out.push(`request ${e.request_id}: ${e.kind} before CREATED`);
      continue;
    }
    const action = actionOf(e);
    if (!action) continue;
    if (!canApplyRequestAction(from, action)) out.push(`request ${e.request_id}: timeline has ${e.kind} (${action}) from ${from}, which the domain forbids`);
    else replayed.set(e.request_id, nextRequestStatus(from, action));
  }
  for (const [id, status] of statuses) {
    if (replayed.get(id) !== status) out.push(`request ${id}: status ${status} but its timeline replays to ${replayed.get(id) ?? 'nothing'}`);
  }
  return out;
}

/** The request action a timeline event records, or null when the event moves no status. */
function actionOf(e: EventRow): RequestAction | null {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'RESOLVED_AT_INTAKE': return RequestAction.RESOLVE_AT_INTAKE;
    case 'DISPATCHED': return RequestAction.DISPATCH;
    case 'ACCEPTED': return d.role === 'LEAD' ? RequestAction.ACCEPT_LEAD : null;
    case 'RETURN_DECIDED': return d.approved ? RequestAction.RETURN_APPROVED : null;
    case 'REPLIED': return d.role === 'LEAD' ? RequestAction.SUBMIT_LEAD_REPLY : null;
    case 'REPLY_REVIEWED': return d.approved ? RequestAction.APPROVE_REPLY : RequestAction.REJECT_REPLY;
    case 'REOPENED': return d.assignmentId ? RequestAction.FOLLOW_UP_REHANDLE : RequestAction.FOLLOW_UP_BACK_TO_REGISTERED;
    // closeServiceRequest records what it cancelled; a follow-up that closes (satisfied, or unreachable) does not.
    case 'CLOSED': return 'cancelledAssignmentIds' in d ? RequestAction.CLOSE : RequestAction.FOLLOW_UP_CLOSE;
    case 'VOIDED': return RequestAction.VOID;
    case 'MERGED': return d.mergedIntoId ? RequestAction.MERGE : null; // the primary's MERGED event lists its duplicates
    default: return null;
  }
}
