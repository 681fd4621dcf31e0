import { SlaPolicy } from '../entities';
import { RequestType, Urgency } from '../domain/enums';
import { defaultSlaPolicies, SlaPolicyRule } from '../domain/sla';
import { ServiceContext } from './service-context';

/**
 * The deadlines in force now for a (request type, urgency): the administrator's row when there is one, else the
 * default of DESIGN.md §5. Read inside the mutation's transaction, so a dispatch sees either the old or the
 * new policy, never half of an update.
 */
export async function policyFor(ctx: ServiceContext, type: RequestType, urgency: Urgency): Promise<SlaPolicyRule> {
  const row = await ctx.em.getRepository(SlaPolicy).findOneBy({ requestType: type, urgency });
  if (row) return ruleFromRow(row);
  const fallback = defaultSlaPolicies().find((p) => p.requestType === type && p.urgency === urgency);
  if (!fallback) throw new Error(`no default SLA policy for ${type}/${urgency}`); // a gap in the defaults is a bug
  return fallback;
}

export function ruleFromRow(row: SlaPolicy): SlaPolicyRule {
  return {
    requestType: row.requestType,
    urgency: row.urgency,
    accept: { amount: row.acceptAmount, unit: row.acceptUnit },
    reply: { amount: row.replyAmount, unit: row.replyUnit },
    followUp: { amount: row.followUpAmount, unit: row.followUpUnit },
    warnBefore: { amount: row.warnBeforeAmount, unit: row.warnBeforeUnit },
  };
}
