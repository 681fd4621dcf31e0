import fc from 'fast-check';
import { RequestStatus } from '../../../../src/domain/enums';
import { canApplyRequestAction, nextRequestStatus } from '../../../../src/domain/request-lifecycle';
import { GraphQLResult } from '../../support/graphql-client';
import { CONTRACT_CLIENT_CODES } from './contract-codes';
import { checkInvariants } from './lifecycle-invariants';
import { LifecycleWorld, STEP_ACTIONS, Step, perform, stepArbitrary } from './lifecycle-steps';

// fast-check commands over the lifecycle: one step alone, or two at once (Promise.all) on the same request.
// After every command: no INTERNAL_SERVER_ERROR, the database invariants hold, and for a step alone, a
// refusal wrote nothing and a success moved statuses only as the domain's table allows for that step.

type Model = Record<string, never>;

export class LifecycleCommand implements fc.AsyncCommand<Model, LifecycleWorld> {
  constructor(readonly steps: Step[]) {}

  check(): boolean {
    return true;
  }

  async run(_model: Model, w: LifecycleWorld): Promise<void> {
    const alone = this.steps.length === 1;
    const before = alone ? await snapshot(w) : null;
    const results = await Promise.all(this.steps.map((s) => perform(w, s)));
    results.forEach((result, i) => assertContractAnswer(this.steps[i], result));
    results.forEach((result, i) => tally(this.steps[i].op, alone ? 'alone' : 'raced', result));
    if (before) {
      const after = await snapshot(w);
      if (results[0].errors) {
        if (after.rows !== before.rows) throw new Error(`${this}: refused with ${results[0].errors[0].extensions?.code} but the database changed`);
      } else {
        assertAllowedTransitions(this.steps[0], before.statuses, after.statuses);
      }
    }
    const violations = await checkInvariants(w.t.db.dataSource);
    if (violations.length) throw new Error(`after ${this}:\n  ${violations.join('\n  ')}`);
  }

  toString(): string {
    return this.steps.map((s) => JSON.stringify(s)).join(' ‖ ');
  }
}

/** op → outcome → count, printed after the run: a fuzzer whose steps are all refused tests little. */
export const outcomes = new Map<string, Map<string, number>>();
function tally(op: string, how: string, result: GraphQLResult): void {
  const key = `${op} (${how})`;
  const counts = outcomes.get(key) ?? new Map<string, number>();
  const outcome = result.errors?.[0]?.extensions?.code ?? 'ok';
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  outcomes.set(key, counts);
}

function assertContractAnswer(step: Step, result: GraphQLResult): void {
  for (const e of result.errors ?? []) {
    if (!CONTRACT_CLIENT_CODES.has(e.extensions?.code ?? '')) throw new Error(`${JSON.stringify(step)} answered ${e.extensions?.code}: ${e.message}`);
  }
}

/** Each request whose status changed: to the status one of the step's actions gives from where it was. */
function assertAllowedTransitions(step: Step, before: Map<string, RequestStatus>, after: Map<string, RequestStatus>): void {
  for (const [id, to] of after) {
    const from = before.get(id);
    if (from === undefined || from === to) continue;
    const explained = STEP_ACTIONS[step.op].some((a) => canApplyRequestAction(from, a) && nextRequestStatus(from, a) === to);
    if (!explained) throw new Error(`${JSON.stringify(step)} moved request ${id} from ${from} to ${to}, which no action of ${step.op} does`);
  }
}

/** Everything a lifecycle step may write, as one string to compare, plus each request's status. */
async function snapshot(w: LifecycleWorld): Promise<{ rows: string; statuses: Map<string, RequestStatus> }> {
  const [row] = await w.t.db.dataSource.query(`SELECT
    (SELECT json_agg(r ORDER BY r.id) FROM (SELECT id, status, round, lead_assignment_id, owner_id, reopen_count, unreached_attempts, supervision_level,
      due_at, follow_up_due_at, merged_into_id, closed_at, updated_at FROM service_request) r) AS requests,
    (SELECT json_agg(a ORDER BY a.id) FROM assignment a) AS assignments,
    (SELECT json_agg(e ORDER BY e.id) FROM extension_request e) AS extensions,
    (SELECT count(*) FROM follow_up) AS follow_ups, (SELECT count(*) FROM timeline_event) AS events, (SELECT count(*) FROM outbox_event) AS outbox`);
  const statuses = new Map<string, RequestStatus>((row.requests ?? []).map((r: { id: string; status: RequestStatus }) => [String(r.id), r.status]));
  return { rows: JSON.stringify(row), statuses };
}

/** One step (mostly), or a pair raced on the same request. */
export function lifecycleCommands(): fc.Arbitrary<LifecycleCommand>[] {
  const alone = stepArbitrary.map((s) => new LifecycleCommand([s]));
  const raced = fc.tuple(stepArbitrary, stepArbitrary, fc.nat(30)).map(([a, b, r]) => new LifecycleCommand([onRequest(a, r), onRequest(b, r)]));
  return [alone, alone, alone, raced];
}

const onRequest = (s: Step, r: number): Step => ('r' in s ? { ...s, r } : s);
