import fc from 'fast-check';
import { RequestAction as A } from '../../../../src/domain/request-lifecycle';
import { GraphQLClient, GraphQLResult } from '../../support/graphql-client';
import { dbId, globalId, requestInput } from '../../support/operations';
import { TestServer } from '../../support/test-server';

// The steps of a request's life as data (so a failing sequence prints as something one can read and replay),
// and how each is performed over HTTP against whichever request, assignment or extension it points at now.

export type Who = 'agent' | 'agent2' | 'supervisor' | 'urban' | 'market' | 'd01' | 'd01s01' | 'analyst';
export const USERNAMES: Record<Who, string> = {
  agent: 'agent01', agent2: 'agent02', supervisor: 'supervisor01', urban: 'liaison_urban', market: 'liaison_market',
  d01: 'liaison_d01', d01s01: 'liaison_d01s01', analyst: 'analyst01',
};
const LIAISONS: Who[] = ['urban', 'market', 'd01', 'd01s01'];
const DEPARTMENTS = ['URBAN', 'MARKET', 'D01', 'D01S01'];

/** Which assignment a department step aims at: the request's lead, or the k-th of its assignments (any round, any role). */
export type Target = 'lead' | number;

export type Step =
  | { op: 'create'; who: Who }
  | { op: 'resolveAtIntake' | 'void' | 'close' | 'note' | 'transfer'; r: number; who: Who }
  | { op: 'supervise'; r: number; who: Who; level: string }
  | { op: 'dispatch'; r: number; who: Who; lead: string; assists: string[] }
  | { op: 'accept' | 'requestReturn'; r: number; who: Who; target: Target }
  | { op: 'reply'; r: number; who: Who; target: Target; outcome: string }
  | { op: 'requestExtension'; r: number; who: Who; target: Target; days: number }
  | { op: 'decideReturn' | 'review'; r: number; who: Who; target: Target; approve: boolean }
  | { op: 'decideExtension'; r: number; who: Who; k: number; approve: boolean }
  | { op: 'followUp'; r: number; who: Who; reached: boolean; satisfaction: string; resolved: boolean }
  | { op: 'merge'; r: number; r2: number; who: Who }
  | { op: 'advanceClock'; hours: number }
  /** One step along the happy path by whoever should take it (guides runs deep: replies, follow-ups, re-handling). */
  | { op: 'advance'; r: number; satisfied: boolean };

/** The request transitions a successful step may cause (none listed: it never moves a request's status). */
export const STEP_ACTIONS: Record<Step['op'], A[]> = {
  create: [], resolveAtIntake: [A.RESOLVE_AT_INTAKE], dispatch: [A.DISPATCH], accept: [A.ACCEPT_LEAD], requestReturn: [],
  reply: [A.SUBMIT_LEAD_REPLY], requestExtension: [], decideReturn: [A.RETURN_APPROVED], review: [A.APPROVE_REPLY, A.REJECT_REPLY],
  decideExtension: [], followUp: [A.FOLLOW_UP_CLOSE, A.FOLLOW_UP_REHANDLE, A.FOLLOW_UP_BACK_TO_REGISTERED, A.FOLLOW_UP_UNREACHABLE],
  merge: [A.MERGE], void: [A.VOID], close: [A.CLOSE], note: [], transfer: [], supervise: [], advanceClock: [],
  advance: [A.DISPATCH, A.ACCEPT_LEAD, A.SUBMIT_LEAD_REPLY, A.APPROVE_REPLY, A.FOLLOW_UP_CLOSE, A.FOLLOW_UP_REHANDLE, A.FOLLOW_UP_BACK_TO_REGISTERED],
};

// ---------------------------------------------------------------- generation

/** Mostly someone whose role may take the step, sometimes anyone (the wrong liaison, an agent dispatching, an analyst). */
const by = (...right: Who[]) => fc.oneof({ arbitrary: fc.constantFrom(...right), weight: 5 }, { arbitrary: fc.constantFrom(...(Object.keys(USERNAMES) as Who[])), weight: 1 });
const r = fc.nat(30);
const target: fc.Arbitrary<Target> = fc.oneof({ arbitrary: fc.constant<Target>('lead'), weight: 3 }, { arbitrary: fc.nat(8), weight: 1 });
const liaison = by(...LIAISONS);

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), who: by('agent', 'agent2', 'supervisor') }),
  fc.record({ op: fc.constant('resolveAtIntake' as const), r, who: by('agent', 'supervisor') }),
  fc.record({ op: fc.constantFrom('void' as const, 'close' as const), r, who: by('supervisor') }),
  fc.record({ op: fc.constantFrom('note' as const, 'transfer' as const), r, who: by('agent', 'supervisor', 'urban') }),
  fc.record({ op: fc.constant('supervise' as const), r, who: by('supervisor'), level: fc.constantFrom('REMINDER', 'LISTED', 'SUMMONED') }),
  {
    arbitrary: fc.record({
      op: fc.constant('dispatch' as const), r, who: by('supervisor'), lead: fc.constantFrom(...DEPARTMENTS),
      assists: fc.subarray(DEPARTMENTS, { maxLength: 2 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ op: fc.constantFrom('accept' as const, 'requestReturn' as const), r, who: liaison, target }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('reply' as const), r, who: liaison, target, outcome: fc.constantFrom('RESOLVED', 'EXPLAINED', 'UNRESOLVABLE') }), weight: 2 },
  fc.record({ op: fc.constant('requestExtension' as const), r, who: liaison, target, days: fc.integer({ min: -2, max: 10 }) }),
  { arbitrary: fc.record({ op: fc.constantFrom('decideReturn' as const, 'review' as const), r, who: by('supervisor'), target, approve: fc.boolean() }), weight: 3 },
  fc.record({ op: fc.constant('decideExtension' as const), r, who: by('supervisor'), k: fc.nat(4), approve: fc.boolean() }),
  {
    arbitrary: fc.record({
      op: fc.constant('followUp' as const), r, who: by('agent', 'supervisor'), reached: fc.boolean(),
      satisfaction: fc.constantFrom('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'), resolved: fc.boolean(),
    }),
    weight: 3,
  },
  fc.record({ op: fc.constant('merge' as const), r, r2: r, who: by('supervisor') }),
  fc.record({ op: fc.constant('advanceClock' as const), hours: fc.constantFrom(1, 6, 30, 24 * 8) }),
  { arbitrary: fc.record({ op: fc.constant('advance' as const), r, satisfied: fc.boolean() }), weight: 6 },
);

const LIAISON_OF: Record<string, Who> = { URBAN: 'urban', MARKET: 'market', D01: 'd01', D01S01: 'd01s01' };

// ---------------------------------------------------------------- performing

export interface LifecycleWorld {
  t: TestServer;
  as: Record<Who, GraphQLClient>;
  /** Global ids of the requests this run created, oldest first; steps pick one by index modulo their number. */
  requests: string[];
}

const REQ = 'id status';
const DOCS = {
  create: `mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { ${REQ} } }`,
  resolveAtIntake: `mutation($id: ID!) { resolveAtIntake(requestId: $id, answer: "已电话答复市民") { ${REQ} } }`,
  void: `mutation($id: ID!) { voidServiceRequest(requestId: $id, reason: "重复来电") { ${REQ} } }`,
  close: `mutation($id: ID!) { closeServiceRequest(requestId: $id, reason: "已办结") { ${REQ} } }`,
  note: `mutation($id: ID!) { addNote(requestId: $id, content: "市民再次来电催办") { id } }`,
  transfer: `mutation($id: ID!, $to: ID!) { transferOwnership(requestId: $id, toStaffId: $to, note: "交接班") { ${REQ} } }`,
  supervise: `mutation($id: ID!, $level: SupervisionLevel!) { superviseServiceRequest(requestId: $id, level: $level, note: "督办") { ${REQ} } }`,
  dispatch: `mutation($input: DispatchInput!) { dispatchServiceRequest(input: $input) { ${REQ} } }`,
  accept: 'mutation($id: ID!) { acceptAssignment(assignmentId: $id) { id status } }',
  requestReturn: 'mutation($id: ID!) { requestReturn(assignmentId: $id, reason: "非本部门职责") { id status } }',
  reply: 'mutation($id: ID!, $outcome: ReplyOutcome!) { submitReply(assignmentId: $id, reply: "已现场处理", outcome: $outcome) { id status } }',
  requestExtension: 'mutation($id: ID!, $due: DateTime!) { requestExtension(assignmentId: $id, requestedDueAt: $due, reason: "需要协调") { id status } }',
  decideReturn: 'mutation($id: ID!, $approve: Boolean!) { decideReturn(assignmentId: $id, approve: $approve, comment: "审核") { id status } }',
  review: `mutation($id: ID!, $approve: Boolean!) { reviewReply(assignmentId: $id, approve: $approve, comment: "审核") { ${REQ} } }`,
  decideExtension: 'mutation($id: ID!, $approve: Boolean!) { decideExtension(extensionId: $id, approve: $approve) { id status } }',
  followUp: 'mutation($input: FollowUpInput!) { recordFollowUp(input: $input) { id attempt } }',
  merge: `mutation($primary: ID!, $dup: ID!) { mergeServiceRequests(primaryId: $primary, duplicateIds: [$dup]) { ${REQ} } }`,
};

const NONE: GraphQLResult = { data: {} };

async function assignmentAt(w: LifecycleWorld, requestId: string, target: Target): Promise<string | null> {
  const rows: { id: string }[] = target === 'lead'
    ? await w.t.db.dataSource.query(`SELECT lead_assignment_id AS id FROM service_request WHERE id = $1 AND lead_assignment_id IS NOT NULL
        UNION ALL (SELECT id FROM assignment WHERE request_id = $1 AND role = 'LEAD' ORDER BY id DESC LIMIT 1) LIMIT 1`, [dbId(requestId)])
    : await w.t.db.dataSource.query('SELECT id FROM assignment WHERE request_id = $1 ORDER BY id', [dbId(requestId)]);
  if (rows.length === 0) return null;
  return globalId('Assignment', rows[target === 'lead' ? 0 : target % rows.length].id);
}

/** Performs one step; steps that find nothing to aim at (no request yet, no assignment) do nothing. */
export async function perform(w: LifecycleWorld, s: Step): Promise<GraphQLResult> {
  if (s.op === 'advanceClock') {
    w.t.clock.advance(s.hours * 3_600_000);
    return NONE;
  }
  if (s.op === 'advance') return w.requests.length ? advance(w, w.requests[s.r % w.requests.length], s.satisfied) : NONE;
  const as = w.as[s.who];
  if (s.op === 'create') {
    const result = await as.request(DOCS.create, { input: requestInput({ title: `诉求 ${w.requests.length + 1}` }) });
    if (result.data?.createServiceRequest) w.requests.push(result.data.createServiceRequest.id);
    return result;
  }
  if (w.requests.length === 0) return NONE;
  const id = w.requests[s.r % w.requests.length];
  switch (s.op) {
    case 'resolveAtIntake': case 'void': case 'close': case 'note': return as.request(DOCS[s.op], { id });
    case 'transfer': {
      const to = (await w.t.db.dataSource.query(`SELECT id FROM staff WHERE username IN ('agent01', 'agent02') AND id <> (SELECT owner_id FROM service_request WHERE id = $1) LIMIT 1`, [dbId(id)]))[0];
      return to ? as.request(DOCS.transfer, { id, to: globalId('Staff', to.id) }) : NONE;
    }
    case 'supervise': return as.request(DOCS.supervise, { id, level: s.level });
    case 'dispatch': return as.request(DOCS.dispatch, { input: { requestId: id, leadDepartmentCode: s.lead, assistDepartmentCodes: s.assists.filter((d) => d !== s.lead) } });
    case 'merge': {
      const dup = w.requests[s.r2 % w.requests.length];
      return as.request(DOCS.merge, { primary: id, dup });
    }
    case 'followUp':
      return as.request(DOCS.followUp, { input: s.reached ? { requestId: id, reached: true, satisfaction: s.satisfaction, resolved: s.resolved } : { requestId: id, reached: false } });
    case 'decideExtension': {
      const rows: { id: string }[] = await w.t.db.dataSource.query('SELECT id FROM extension_request WHERE request_id = $1 ORDER BY status = \'PENDING\' DESC, id DESC', [dbId(id)]);
      return rows.length ? as.request(DOCS.decideExtension, { id: globalId('ExtensionRequest', rows[s.k % rows.length].id), approve: s.approve }) : NONE;
    }
    default: {
      const assignment = await assignmentAt(w, id, s.target);
      if (!assignment) return NONE;
      if (s.op === 'reply') return as.request(DOCS.reply, { id: assignment, outcome: s.outcome });
      if (s.op === 'requestExtension') {
        const [{ due }] = await w.t.db.dataSource.query('SELECT due_at AS due FROM assignment WHERE id = $1', [dbId(assignment)]);
        return as.request(DOCS.requestExtension, { id: assignment, due: new Date(due.getTime() + s.days * 86_400_000).toISOString() });
      }
      if (s.op === 'decideReturn' || s.op === 'review') return as.request(DOCS[s.op], { id: assignment, approve: s.approve });
      return as.request(DOCS[s.op], { id: assignment });
    }
  }
}

/** The next happy-path call for the request as it is now, by the person whose job it is. */
async function advance(w: LifecycleWorld, id: string, satisfied: boolean): Promise<GraphQLResult> {
  const [row] = await w.t.db.dataSource.query(
    `SELECT r.status, r.lead_assignment_id AS lead, d.code FROM service_request r LEFT JOIN assignment a ON a.id = r.lead_assignment_id
     LEFT JOIN department d ON d.id = a.department_id WHERE r.id = $1`, [dbId(id)]);
  const lead = row.lead ? globalId('Assignment', row.lead) : null;
  switch (row.status) {
    case 'REGISTERED': return w.as.supervisor.request(DOCS.dispatch, { input: { requestId: id, leadDepartmentCode: 'URBAN', assistDepartmentCodes: ['D01S01'] } });
    case 'DISPATCHED': return w.as[LIAISON_OF[row.code]].request(DOCS.accept, { id: lead });
    case 'IN_PROGRESS': return w.as[LIAISON_OF[row.code]].request(DOCS.reply, { id: lead, outcome: 'RESOLVED' });
    case 'REPLIED': return w.as.supervisor.request(DOCS.review, { id: lead, approve: true });
    case 'AWAITING_FOLLOW_UP':
      return w.as.agent.request(DOCS.followUp, { input: { requestId: id, reached: true, satisfaction: satisfied ? 'SATISFIED' : 'DISSATISFIED', resolved: satisfied } });
    default: return NONE;
  }
}
