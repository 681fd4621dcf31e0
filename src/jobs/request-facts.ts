import { EntityManager } from 'typeorm';
import { RequestStatus, SupervisionLevel } from '../domain/enums';

/** What jobs need to know about a request: enough for a message without personal data, and for routing. */
export interface RequestFacts {
  id: string;
  code: string;
  categoryName: string;
  status: RequestStatus;
  ownerId: string;
  leadAssignmentId: string | null;
  supervisionLevel: SupervisionLevel | null;
}

/**
 * Reads a request; `lock` takes its row lock first (the lock order of src/services/locks.ts: the request,
 * then its assignments), so a reminder and a lifecycle change on the same request serialise.
 */
export async function loadRequestFacts(em: EntityManager, requestId: string, opts: { lock?: boolean } = {}): Promise<RequestFacts | null> {
  if (opts.lock) await em.query(`SELECT 1 FROM service_request WHERE id = $1 FOR UPDATE`, [requestId]);
  const rows = await em.query(
    `SELECT r.id, r.code, c.name AS category_name, r.status, r.owner_id, r.lead_assignment_id, r.supervision_level
     FROM service_request r JOIN category c ON c.id = r.category_id WHERE r.id = $1`,
    [requestId],
  );
  if (!rows.length) return null;
  const r = rows[0];
  return {
    id: String(r.id), code: r.code, categoryName: r.category_name, status: r.status, ownerId: String(r.owner_id),
    leadAssignmentId: r.lead_assignment_id === null ? null : String(r.lead_assignment_id), supervisionLevel: r.supervision_level,
  };
}

export interface AssignmentFacts {
  id: string;
  requestId: string;
  departmentId: string;
  role: string;
  status: string;
  acceptDueAt: Date;
  dueAt: Date;
}

export async function loadAssignmentFacts(em: EntityManager, assignmentId: string): Promise<AssignmentFacts | null> {
  const rows = await em.query(
    `SELECT id, request_id, department_id, role, status, accept_due_at, due_at FROM assignment WHERE id = $1`,
    [assignmentId],
  );
  if (!rows.length) return null;
  const a = rows[0];
  return {
    id: String(a.id), requestId: String(a.request_id), departmentId: String(a.department_id), role: a.role, status: a.status,
    acceptDueAt: a.accept_due_at, dueAt: a.due_at,
  };
}
