import { Actor } from '../auth/actor';
import { AssignmentRole, AssignmentStatus, ReplyOutcome, Satisfaction } from '../domain/enums';
import { invalidTransition } from '../domain/errors';
import { Assignment, ServiceRequest } from '../entities';
import { acceptAssignment, requestExtension, requestReturn, submitReply } from '../services/department-work.service';
import { decideExtension, decideReturn, reviewReply } from '../services/center-decision.service';
import { dispatchServiceRequest } from '../services/dispatch.service';
import { recordFollowUp } from '../services/follow-up.service';
import { createServiceRequest, resolveAtIntake } from '../services/intake.service';
import {
  addNote, closeServiceRequest, mergeServiceRequests, superviseServiceRequest, transferOwnership, voidServiceRequest,
} from '../services/request-oversight.service';
import { ServiceContext } from '../services/service-context';
import { UnitOfWork } from '../services/unit-of-work';
import { DemoCast } from './demo-cast';
import { RequestPlan } from './demo-plan';
import { Action } from './demo-scenarios';
import { CLOSE_REASONS, NOTES, SUPERVISION_NOTES, VOID_REASONS } from './demo-texts';
import { chance, pick, Random } from './random';

// One step of a demo story, performed by the staff member whose job it is, through the same services the
// GraphQL mutations call (one unit of work each), so the demo data obey every rule the product enforces.

/** A demo request on its way through its story. */
export interface RequestRun {
  plan: RequestPlan;
  /** For a duplicate: the run of the request it is merged into. */
  primary: RequestRun | null;
  requestId: string | null;
  owner: Actor;
  /** The department leading the current round. */
  leadCode: string | null;
  extensionId: string | null;
  /** The request's current deadline (service_request.due_at) after the last step. */
  deadline: Date | null;
}

export interface ActionEnv { uow: UnitOfWork; cast: DemoCast; random: Random }

const DAY = 86_400_000;

async function currentRequest(ctx: ServiceContext, run: RequestRun): Promise<ServiceRequest> {
  return ctx.em.getRepository(ServiceRequest).findOneByOrFail({ id: run.requestId! });
}

async function leadAssignmentId(ctx: ServiceContext, run: RequestRun): Promise<string> {
  const request = await currentRequest(ctx, run);
  if (!request.leadAssignmentId) throw new Error(`request ${request.code} has no lead assignment`);
  return request.leadAssignmentId;
}

function satisfaction(random: Random, satisfied: boolean): Satisfaction {
  if (!satisfied) return chance(random, 0.7) ? Satisfaction.DISSATISFIED : Satisfaction.VERY_DISSATISFIED;
  return pick(random, [Satisfaction.VERY_SATISFIED, Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED]);
}

function replyText(run: RequestRun, outcome: ReplyOutcome, vague: boolean): string {
  if (vague) return '已转相关责任单位处理。';
  if (outcome === ReplyOutcome.EXPLAINED) return `已联系诉求人说明情况：${run.plan.replyText.replace(/。$/, '')}，但部分问题仍需协调相关方处理。`;
  return run.plan.replyText;
}

/** Who performs an action (the liaison steps act for the department leading now). */
function actorFor(env: ActionEnv, run: RequestRun, action: Action): Actor {
  switch (action.kind) {
    case 'create': case 'resolveAtIntake': case 'followUp': case 'note':
      return run.owner;
    case 'accept': case 'requestReturn': case 'requestExtension': case 'reply':
      return env.cast.liaisonOf(run.leadCode!);
    default:
      return env.cast.supervisor;
  }
}

/** Assisting departments sign for and answer their part, each in its own unit of work. */
async function assistsWork(env: ActionEnv, run: RequestRun): Promise<void> {
  const request = await env.uow.read(env.cast.supervisor, (ctx) => currentRequest(ctx, run));
  const assists = await env.uow.read(env.cast.supervisor, (ctx) => ctx.em.getRepository(Assignment).findBy({
    requestId: run.requestId!, round: request.round, role: AssignmentRole.ASSIST, status: AssignmentStatus.PENDING,
  }));
  for (const assist of assists) {
    const liaison = env.cast.liaisonOf(env.cast.departmentCode(assist.departmentId));
    await env.uow.run(liaison, (ctx) => acceptAssignment(ctx, assist.id));
    await env.uow.run(liaison, (ctx) => submitReply(ctx, {
      assignmentId: assist.id, outcome: ReplyOutcome.RESOLVED, reply: '我单位已按职责配合主办单位完成现场核查和处置。',
    }));
  }
}

async function perform(ctx: ServiceContext, env: ActionEnv, run: RequestRun, action: Action): Promise<void> {
  const { plan } = run;
  const id = run.requestId!;
  switch (action.kind) {
    case 'create':
      run.requestId = (await createServiceRequest(ctx, plan.command)).id;
      return;
    case 'resolveAtIntake':
      await resolveAtIntake(ctx, id, plan.answerText!);
      return;
    case 'dispatch': {
      const misrouted = action.to === 'misrouted';
      run.leadCode = misrouted ? plan.misroutedCode! : plan.leadCode;
      await dispatchServiceRequest(ctx, {
        requestId: id, leadDepartmentCode: run.leadCode, assistDepartmentCodes: misrouted ? [] : plan.assistCodes,
        note: plan.command.urgency === 'NORMAL' ? null : '紧急诉求，请立即签收处置',
      });
      return;
    }
    case 'accept':
      await acceptAssignment(ctx, await leadAssignmentId(ctx, run));
      return;
    case 'requestReturn':
      await requestReturn(ctx, await leadAssignmentId(ctx, run), '经核实，该事项不属于我单位职责范围，申请退回中心重新派发。');
      return;
    case 'decideReturn':
      await decideReturn(ctx, await leadAssignmentId(ctx, run), action.approve,
        action.approve ? '同意退回，中心将重新派单' : '经研判该事项属于你单位职责，不予退回，请按时办理');
      return;
    case 'requestExtension': {
      const assignment = await ctx.em.getRepository(Assignment).findOneByOrFail({ id: await leadAssignmentId(ctx, run) });
      const requested = new Date(assignment.dueAt.getTime() + 7 * DAY);
      run.extensionId = (await requestExtension(ctx, assignment.id, requested, '涉及多个部门协调，现场整改需要时间，申请延期。')).id;
      return;
    }
    case 'decideExtension':
      await decideExtension(ctx, run.extensionId!, action.approve, action.approve ? '同意延期，请在新期限内办结' : '该诉求事实清楚，请按原期限办结');
      return;
    case 'reply':
      await submitReply(ctx, { assignmentId: await leadAssignmentId(ctx, run), outcome: action.outcome, reply: replyText(run, action.outcome, !!action.vague) });
      return;
    case 'review':
      await reviewReply(ctx, await leadAssignmentId(ctx, run), action.approve, action.approve ? null : '回复内容过于简单，请补充具体处理措施和结果');
      return;
    case 'followUp':
      await recordFollowUp(ctx, action.reached
        ? { requestId: id, reached: true, satisfaction: satisfaction(env.random, !!action.satisfied), resolved: !!action.satisfied,
          comment: action.satisfied ? '市民对处理结果表示认可' : '市民表示问题仍未解决' }
        : { requestId: id, reached: false, comment: '电话无人接听' });
      return;
    case 'supervise':
      await superviseServiceRequest(ctx, { requestId: id, level: action.level, note: pick(env.random, SUPERVISION_NOTES) });
      return;
    case 'note':
      await addNote(ctx, id, pick(env.random, NOTES));
      return;
    case 'transfer': {
      const next = env.cast.agent(run.owner.username === 'agent01' ? 'agent02' : 'agent01');
      await transferOwnership(ctx, id, next.staffId, '交接班，后续回访由接班话务员负责');
      run.owner = next;
      return;
    }
    case 'void':
      await voidServiceRequest(ctx, id, pick(env.random, VOID_REASONS));
      return;
    case 'close':
      await closeServiceRequest(ctx, id, pick(env.random, CLOSE_REASONS));
      return;
    case 'merge':
      if (!run.primary?.requestId) throw invalidTransition('the request to merge into was never created');
      await mergeServiceRequests(ctx, run.primary.requestId, [id]);
      return;
  }
}

/** Performs one step at the clock's current time and refreshes the run's view of the request. */
export async function performStep(env: ActionEnv, run: RequestRun, action: Action): Promise<void> {
  if (action.kind === 'assistsWork') return assistsWork(env, run);
  await env.uow.run(actorFor(env, run, action), async (ctx) => {
    await perform(ctx, env, run, action);
    run.deadline = (await currentRequest(ctx, run)).dueAt;
  });
}
