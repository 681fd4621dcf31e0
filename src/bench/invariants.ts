import { Client } from 'pg';

// What the app relies on, checked over the loaded history by SQL: each query counts the rows that break one
// rule, so a clean history answers zero everywhere. Run after every load (and by the smoke test).

const OPEN = `('PENDING', 'ACCEPTED', 'RETURN_REQUESTED', 'REPLIED')`;

export const INVARIANTS: Record<string, string> = {
  'at most one open lead assignment per request': `
    SELECT count(*) FROM (SELECT request_id FROM assignment WHERE role = 'LEAD' AND status IN ${OPEN} GROUP BY request_id HAVING count(*) > 1) x`,
  'lead_assignment_id is a lead assignment of the same request': `
    SELECT count(*) FROM service_request r LEFT JOIN assignment a ON a.id = r.lead_assignment_id
    WHERE r.lead_assignment_id IS NOT NULL AND (a.id IS NULL OR a.request_id <> r.id OR a.role <> 'LEAD')`,
  'status agrees with the lead assignment': `
    SELECT count(*) FROM service_request r LEFT JOIN assignment a ON a.id = r.lead_assignment_id
    WHERE NOT CASE r.status
      WHEN 'REGISTERED' THEN r.lead_assignment_id IS NULL
      WHEN 'DISPATCHED' THEN a.status = 'PENDING' OR (a.status = 'RETURN_REQUESTED' AND a.status_before_return = 'PENDING')
      WHEN 'IN_PROGRESS' THEN a.status = 'ACCEPTED' OR (a.status = 'RETURN_REQUESTED' AND a.status_before_return = 'ACCEPTED')
      WHEN 'REPLIED' THEN a.status = 'REPLIED'
      WHEN 'AWAITING_FOLLOW_UP' THEN r.lead_assignment_id IS NULL OR a.status = 'COMPLETED'
      ELSE true END`,
  'closed, merged and void requests have no open assignments': `
    SELECT count(*) FROM service_request r JOIN assignment a ON a.request_id = r.id
    WHERE r.status IN ('CLOSED', 'MERGED', 'VOID') AND a.status IN ${OPEN}`,
  'open lead assignments belong to an open round': `
    SELECT count(*) FROM assignment a JOIN service_request r ON r.id = a.request_id
    WHERE a.role = 'LEAD' AND a.status IN ${OPEN} AND (r.lead_assignment_id IS DISTINCT FROM a.id OR a.round <> r.round)`,
  'dueAt is the deadline that matters for the status': `
    SELECT count(*) FROM service_request r LEFT JOIN assignment a ON a.id = r.lead_assignment_id
    WHERE r.due_at IS DISTINCT FROM CASE r.status
      WHEN 'DISPATCHED' THEN a.accept_due_at WHEN 'IN_PROGRESS' THEN a.due_at WHEN 'AWAITING_FOLLOW_UP' THEN r.follow_up_due_at END`,
  'follow-up clock only while awaiting a follow-up': `
    SELECT count(*) FROM service_request WHERE (status = 'AWAITING_FOLLOW_UP') <> (follow_up_due_at IS NOT NULL)`,
  'closedAt exactly for ended requests': `
    SELECT count(*) FROM service_request WHERE (status IN ('CLOSED', 'MERGED', 'VOID')) <> (closed_at IS NOT NULL)`,
  'mergedInto exactly for merged requests, never itself': `
    SELECT count(*) FROM service_request WHERE (status = 'MERGED') <> (merged_into_id IS NOT NULL) OR merged_into_id = id`,
  'reopenCount counts the rounds after the first': `SELECT count(*) FROM service_request WHERE reopen_count <> round - 1`,
  'the first timeline event is CREATED at createdAt': `
    SELECT count(*) FROM service_request r LEFT JOIN LATERAL (
      SELECT kind, at FROM timeline_event t WHERE t.request_id = r.id ORDER BY t.id LIMIT 1) f ON true
    WHERE f.kind IS DISTINCT FROM 'CREATED' OR f.at <> r.created_at`,
  'timeline is in time order (by id)': `
    SELECT count(*) FROM (SELECT at < lag(at) OVER (PARTITION BY request_id ORDER BY id) AS back FROM timeline_event) x WHERE back`,
  'every lead assignment has its DISPATCHED or REOPENED event': `
    SELECT count(*) FROM assignment a WHERE a.role = 'LEAD' AND NOT EXISTS (
      SELECT 1 FROM timeline_event t WHERE t.request_id = a.request_id AND t.assignment_id = a.id AND t.kind IN ('DISPATCHED', 'REOPENED'))`,
  'every signed-for assignment has its ACCEPTED event': `
    SELECT count(*) FROM assignment a WHERE a.accepted_at IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM timeline_event t WHERE t.request_id = a.request_id AND t.assignment_id = a.id AND t.kind = 'ACCEPTED')`,
  'every reply has its REPLIED event': `
    SELECT count(*) FROM assignment a WHERE a.replied_at IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM timeline_event t WHERE t.request_id = a.request_id AND t.assignment_id = a.id AND t.kind = 'REPLIED')`,
  'every follow-up has its FOLLOWED_UP event': `
    SELECT count(*) FROM follow_up f WHERE NOT EXISTS (
      SELECT 1 FROM timeline_event t WHERE t.request_id = f.request_id AND t.kind = 'FOLLOWED_UP' AND t.data->>'followUpId' = f.id::text)`,
  'every ended request has its ending event': `
    SELECT count(*) FROM service_request r WHERE r.status IN ('CLOSED', 'MERGED', 'VOID') AND NOT EXISTS (
      SELECT 1 FROM timeline_event t WHERE t.request_id = r.id AND t.kind = CASE r.status WHEN 'CLOSED' THEN 'CLOSED'::timeline_event_kind
        WHEN 'MERGED' THEN 'MERGED'::timeline_event_kind ELSE 'VOIDED'::timeline_event_kind END)`,
  'every assignment has its LISTED escalation moment, after its reply deadline': `
    SELECT count(*) FROM assignment WHERE reply_escalate_at IS NULL OR reply_escalate_at <= due_at`,
  'repliedOnTime compares the reply with the deadline in force': `
    SELECT count(*) FROM assignment WHERE replied_at IS NOT NULL AND replied_on_time <> (replied_at <= due_at)`,
  'extensions: pending only on open assignments, decided ones have a decider': `
    SELECT count(*) FROM extension_request x JOIN assignment a ON a.id = x.assignment_id
    WHERE (x.status = 'PENDING' AND a.status NOT IN ${OPEN}) OR (x.status <> 'PENDING' AND x.decided_at IS NULL)`,
  'text_bigrams is what the trigger computes (sample)': `
    SELECT count(*) FROM service_request WHERE id % 97 = 0 AND text_bigrams IS DISTINCT FROM text_bigrams(title || ' ' || content)`,
  'request ids and codes number on from the history': `
    SELECT (SELECT last_value FROM service_request_code_seq) < (SELECT coalesce(max(id), 0) FROM service_request) OR
           (SELECT last_value FROM service_request_id_seq) < (SELECT coalesce(max(id), 0) FROM service_request)`,
  'follow-ups of a department round name its department': `
    SELECT count(*) FROM follow_up f JOIN service_request r ON r.id = f.request_id
    WHERE f.lead_department_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM assignment a WHERE a.request_id = f.request_id AND a.round = f.round AND a.role = 'LEAD' AND a.department_id = f.lead_department_id)`,
};

export async function checkInvariants(db: Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const { rows } = await db.query(`SELECT (${sql.trim()})::int AS n`);
    out[name] = Number(rows[0].n);
  }
  return out;
}

/** The shape of the history, for the report: proportions a reader can compare with a real hotline's. */
export async function historyProfile(db: Client): Promise<Record<string, unknown>> {
  const one = async (sql: string) => (await db.query(sql)).rows[0];
  const status = (await db.query(`SELECT status, count(*)::int AS n FROM service_request GROUP BY 1 ORDER BY 1`)).rows;
  return {
    statuses: Object.fromEntries(status.map((s) => [s.status, s.n])),
    ...(await one(`SELECT count(*)::int AS requests,
        round(avg((resolved_at_intake_at IS NOT NULL)::int), 3)::float AS "answeredAtIntake",
        round(avg((reopen_count > 0)::int), 3)::float AS rehandled,
        round(avg((status = 'MERGED')::int), 3)::float AS merged,
        round(avg((status IN ('DISPATCHED', 'IN_PROGRESS', 'AWAITING_FOLLOW_UP') AND due_at < now())::int), 4)::float AS "overdueNow",
        count(DISTINCT citizen_id)::int AS callers FROM service_request`)),
    ...(await one(`SELECT count(*)::int AS assignments, count(*) FILTER (WHERE status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED'))::int AS "openAssignments" FROM assignment`)),
    ...(await one(`SELECT round(count(DISTINCT assignment_id)::numeric / NULLIF((SELECT count(*) FROM assignment WHERE role = 'LEAD' AND accepted_at IS NOT NULL), 0), 3)::float AS "extendedShare" FROM extension_request`)),
    ...(await one(`SELECT count(*)::int AS "followUps", round(avg((satisfaction IN ('DISSATISFIED', 'VERY_DISSATISFIED'))::int) FILTER (WHERE reached), 3)::float AS dissatisfied FROM follow_up`)),
    ...(await one(`SELECT count(*)::int AS "timelineEvents" FROM timeline_event`)),
  };
}
