import { Department, ServiceRequest } from '../entities';
import { AssignmentRole, TimelineEventKind } from '../domain/enums';
import { badInput } from '../domain/errors';
import { RequestAction, nextRequestStatus } from '../domain/request-lifecycle';
import { NOTE_MAX, optionalText } from '../domain/text-limits';
import { openAssignment } from './assignment-factory';
import { cancelOpenAssignments } from './assignment-closing';
import { DispatchCommand } from './commands';
import { requireDbId } from './db-id';
import { lockRequest } from './locks';
import { HOTLINE_DEPARTMENT_CODE, requireDepartmentByCode } from './reference-lookup';
import { deadlinesChanged, saveRequestChange } from './request-changes';
import { refreshDueAt } from './request-deadlines';
import { ServiceContext } from './service-context';
import { policyFor } from './sla-lookup';
import { appendSystemTimeline, appendTimeline, TimelineEntry } from './timeline';

/** A matter for more departments than this is a coordination meeting, not a dispatch. */
const MAX_ASSIST_DEPARTMENTS = 20;

/**
 * 派单 (also re-dispatch after an approved return): one LEAD and any number of ASSIST assignments of the
 * request's current round, each with deadlines from the SLA policy in force now. Whatever is still open in
 * the round is cancelled first, so a request never has two running lead assignments.
 */
export interface DispatchOptions {
  /** 直派: the system dispatches at intake by a routing rule; the timeline has no actor and says why. */
  direct?: { reason: string };
}

export async function dispatchServiceRequest(ctx: ServiceContext, cmd: DispatchCommand, options: DispatchOptions = {}): Promise<ServiceRequest> {
  const note = optionalText('note', cmd.note, NOTE_MAX);
  const { lead, assists } = await resolveDepartments(ctx, cmd);
  const request = await lockRequest(ctx, requireDbId(cmd.requestId, 'service request'));
  request.status = nextRequestStatus(request.status, RequestAction.DISPATCH);

  const cancelled = await cancelOpenAssignments(ctx, request.id, { round: request.round });
  const policy = await policyFor(ctx, request.type, request.urgency);
  const dispatchedBy = options.direct ? null : ctx.actor.staffId;
  const leadAssignment = await openAssignment(ctx, request, lead, AssignmentRole.LEAD, policy, dispatchedBy);
  const assistAssignments = [];
  for (const department of assists) {
    assistAssignments.push(await openAssignment(ctx, request, department, AssignmentRole.ASSIST, policy, dispatchedBy));
  }

  request.leadAssignmentId = leadAssignment.id;
  await refreshDueAt(ctx, request, leadAssignment);
  const entry: TimelineEntry = {
    requestId: request.id,
    assignmentId: leadAssignment.id,
    kind: TimelineEventKind.DISPATCHED,
    summary: options.direct ? `Direct dispatch (直派) to ${lead.name} (${lead.code}) as lead: ${options.direct.reason}` : dispatchSummary(lead, assists),
    data: {
      round: request.round,
      leadAssignmentId: leadAssignment.id,
      leadDepartmentCode: lead.code,
      assistAssignmentIds: assistAssignments.map((a) => a.id),
      assistDepartmentCodes: assists.map((d) => d.code),
      cancelledAssignmentIds: cancelled.map((a) => a.id),
      acceptDueAt: leadAssignment.acceptDueAt.toISOString(),
      dueAt: leadAssignment.dueAt.toISOString(),
      note,
      direct: options.direct ? true : undefined,
    },
  };
  if (options.direct) await appendSystemTimeline(ctx.em, ctx.now, entry);
  else await appendTimeline(ctx, entry);
  await deadlinesChanged(ctx, request.id, [leadAssignment.id, ...assistAssignments.map((a) => a.id)]);
  return saveRequestChange(ctx, request);
}

// Input checks come before the lock: an unknown code is the caller's mistake whatever the request's state.
async function resolveDepartments(ctx: ServiceContext, cmd: DispatchCommand): Promise<{ lead: Department; assists: Department[] }> {
  const lead = await requireDispatchable(ctx, cmd.leadDepartmentCode);
  const codes = (cmd.assistDepartmentCodes ?? []).map((c) => (typeof c === 'string' ? c.trim() : c));
  if (codes.length > MAX_ASSIST_DEPARTMENTS) throw badInput(`at most ${MAX_ASSIST_DEPARTMENTS} assisting departments`, { field: 'assistDepartmentCodes' });
  const seen = new Set<string>();
  const assists: Department[] = [];
  for (const code of codes) {
    const department = await requireDispatchable(ctx, code);
    if (department.id === lead.id) throw badInput(`${department.code} cannot both lead and assist`, { field: 'assistDepartmentCodes' });
    if (seen.has(department.id)) throw badInput(`assisting department ${department.code} is listed twice`, { field: 'assistDepartmentCodes' });
    seen.add(department.id);
    assists.push(department);
  }
  return { lead, assists };
}

// The center dispatches to departments; handing a request to itself would be answering it, which is what
// resolveAtIntake is for (and would count the center's own work as a department's in the KPIs).
async function requireDispatchable(ctx: ServiceContext, code: string): Promise<Department> {
  const department = await requireDepartmentByCode(ctx, code);
  if (department.code === HOTLINE_DEPARTMENT_CODE) throw badInput('the hotline center cannot be dispatched to', { code: department.code });
  return department;
}

function dispatchSummary(lead: Department, assists: Department[]): string {
  const base = `Dispatched to ${lead.name} (${lead.code}) as lead`;
  return assists.length === 0 ? base : `${base}; assisting: ${assists.map((d) => `${d.name} (${d.code})`).join(', ')}`;
}
