import { ServiceRequest } from '../../entities';
import { Urgency } from '../../domain/enums';
import { dispatchServiceRequest } from '../dispatch.service';
import { treeNodesById } from '../reference-cache';
import { ServiceContext } from '../service-context';
import { directDispatchRule } from './routing-suggestion.service';

/**
 * 直派 at intake: a NORMAL request whose most specific routing rule asks for it goes straight to that rule's
 * department, dispatched by the system in the intake's transaction. Urgent matters still pass a person, and
 * the agent opts out (`directDispatch: false`) when they will answer the call on the spot.
 */
export async function directDispatchAtIntake(ctx: ServiceContext, request: ServiceRequest, wanted: boolean): Promise<ServiceRequest> {
  if (!wanted || request.urgency !== Urgency.NORMAL) return request;
  const rule = await directDispatchRule(ctx.em, request);
  if (!rule) return request;
  const [department] = await treeNodesById(ctx.em, await ctx.reference(), 'departments', [rule.departmentId]);
  if (!department) throw new Error(`routing rule ${rule.id} names department ${rule.departmentId}, which does not exist`);
  return dispatchServiceRequest(
    ctx,
    { requestId: request.id, leadDepartmentCode: department.code, assistDepartmentCodes: [] },
    { direct: { reason: `routing rule ${rule.id} sends this category${rule.regionDepth ? ' in this region' : ''} straight to ${department.code}` } },
  );
}
