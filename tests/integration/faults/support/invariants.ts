import { DataSource } from 'typeorm';
import { dbId } from '../../support/operations';
import { HotlineLoad } from './hotline-load';

// What "nothing half written" means for the calls the load makes, checked against the tables: a request is
// registered with its CREATED event and its outbox row, or not at all; a dispatch leaves its lead assignment,
// its DISPATCHED event and the outbox rows that notify the department, or nothing. And everything the API
// acknowledged is there. Each check returns the offending request ids, so a failure names them.

const CHECKS: Record<string, string> = {
  'requests without exactly one CREATED/IMPORTED event': `
    SELECT r.id FROM service_request r
    WHERE (SELECT count(*) FROM timeline_event e WHERE e.request_id = r.id AND e.kind IN ('CREATED', 'IMPORTED')) <> 1`,
  'requests without their request.changed outbox row': `
    SELECT r.id FROM service_request r
    WHERE NOT EXISTS (SELECT 1 FROM outbox_event o WHERE o.topic = 'request.changed' AND o.payload->>'requestId' = r.id::text)`,
  'dispatched requests without exactly one lead assignment': `
    SELECT r.id FROM service_request r WHERE r.status = 'DISPATCHED'
      AND (SELECT count(*) FROM assignment a WHERE a.request_id = r.id AND a.role = 'LEAD') <> 1`,
  'dispatched requests without exactly one DISPATCHED event': `
    SELECT r.id FROM service_request r WHERE r.status = 'DISPATCHED'
      AND (SELECT count(*) FROM timeline_event e WHERE e.request_id = r.id AND e.kind = 'DISPATCHED') <> 1`,
  'assignments without the outbox row that notifies their department': `
    SELECT a.request_id AS id FROM assignment a
    WHERE NOT EXISTS (SELECT 1 FROM outbox_event o WHERE o.topic = 'assignment.dispatched' AND o.payload->>'assignmentId' = a.id::text)`,
  'registered requests with a dispatch trace': `
    SELECT r.id FROM service_request r WHERE r.status = 'REGISTERED'
      AND (EXISTS (SELECT 1 FROM assignment a WHERE a.request_id = r.id)
           OR EXISTS (SELECT 1 FROM timeline_event e WHERE e.request_id = r.id AND e.kind = 'DISPATCHED'))`,
};

/** Every broken rule with the request ids that break it; {} when the tables are consistent. */
export async function brokenInvariants(dataSource: DataSource, load?: HotlineLoad): Promise<Record<string, string[]>> {
  const broken: Record<string, string[]> = {};
  for (const [rule, sql] of Object.entries(CHECKS)) {
    const rows: { id: string }[] = await dataSource.query(sql);
    if (rows.length) broken[rule] = rows.map((r) => String(r.id));
  }
  if (load) {
    const created = [...load.created.values()].map(dbId);
    const rows: { id: string; status: string }[] = await dataSource.query(
      'SELECT id::text AS id, status FROM service_request WHERE id = ANY($1::bigint[])', [created]);
    const status = new Map(rows.map((r) => [r.id, r.status]));
    const missing = created.filter((id) => !status.has(id));
    if (missing.length) broken['acknowledged creates that are not in the table'] = missing;
    const undispatched = [...load.dispatched].map(dbId).filter((id) => status.get(id) !== 'DISPATCHED');
    if (undispatched.length) broken['acknowledged dispatches whose request is not DISPATCHED'] = undispatched;
  }
  return broken;
}
