import { SlaPolicy } from '../entities';
import { RequestType, Urgency } from '../domain/enums';
import { badInput } from '../domain/errors';
import { defaultSlaPolicies, SlaPolicyRule, validateSlaDuration } from '../domain/sla';
import { ServiceContext } from './service-context';
import { ruleFromRow } from './sla-lookup';

/** All 18 (type × urgency) policies: the administrator's rows over the defaults of DESIGN.md §5. */
export async function listSlaPolicies(ctx: ServiceContext): Promise<SlaPolicyRule[]> {
  const rows = await ctx.em.getRepository(SlaPolicy).find();
  const byKey = new Map(rows.map((r) => [`${r.requestType}/${r.urgency}`, ruleFromRow(r)]));
  return defaultSlaPolicies().map((d) => byKey.get(`${d.requestType}/${d.urgency}`) ?? d);
}

/** Applies to assignments dispatched afterwards: existing deadlines are stored on their rows and never move. */
export async function updateSlaPolicy(ctx: ServiceContext, rule: SlaPolicyRule): Promise<SlaPolicyRule> {
  if (!Object.values(RequestType).includes(rule.requestType)) throw badInput('unknown requestType', { field: 'requestType' });
  if (!Object.values(Urgency).includes(rule.urgency)) throw badInput('unknown urgency', { field: 'urgency' });
  const accept = validateSlaDuration('accept', rule.accept);
  const reply = validateSlaDuration('reply', rule.reply);
  const followUp = validateSlaDuration('followUp', rule.followUp);
  const warnBefore = validateSlaDuration('warnBefore', rule.warnBefore);
  await ctx.em.getRepository(SlaPolicy).upsert(
    {
      requestType: rule.requestType, urgency: rule.urgency,
      acceptAmount: accept.amount, acceptUnit: accept.unit, replyAmount: reply.amount, replyUnit: reply.unit,
      followUpAmount: followUp.amount, followUpUnit: followUp.unit, warnBeforeAmount: warnBefore.amount, warnBeforeUnit: warnBefore.unit,
      updatedAt: ctx.now, updatedById: ctx.actor.staffId,
    },
    ['requestType', 'urgency'],
  );
  return { requestType: rule.requestType, urgency: rule.urgency, accept, reply, followUp, warnBefore };
}
