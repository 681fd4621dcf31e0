import { GraphQLClient } from './graphql-client';

// The GraphQL documents the tests send, and factories with overrides for the usual arrangements.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const REQUEST_FIELDS = `
  id code status title dueAt overdue reopenCount supervisionLevel closedAt intakeAnswer latestSatisfaction confidential
  owner { id username } registeredBy { username } citizen { id name phone isRepeatCaller requestCount }
  leadAssignment { id status round dueAt acceptDueAt overdue department { code } }
  assignments { id role status round department { code } dueAt acceptDueAt overdue }
  mergedInto { id } duplicates { id status }
`;

const TIMELINE = 'timeline(first: 100) { totalCount edges { node { id kind summary at actor { username } data } } }';

// ---------------------------------------------------------------- center
export const CREATE = `mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { ${REQUEST_FIELDS} } }`;
export const RESOLVE_AT_INTAKE = `mutation($id: ID!, $answer: String!) { resolveAtIntake(requestId: $id, answer: $answer) { ${REQUEST_FIELDS} } }`;
export const DISPATCH = `mutation($input: DispatchInput!) { dispatchServiceRequest(input: $input) { ${REQUEST_FIELDS} } }`;
export const DECIDE_RETURN = `mutation($id: ID!, $approve: Boolean!, $comment: String) {
  decideReturn(assignmentId: $id, approve: $approve, comment: $comment) { id status } }`;
export const DECIDE_EXTENSION = `mutation($id: ID!, $approve: Boolean!) {
  decideExtension(extensionId: $id, approve: $approve) { id status decidedAt decidedBy { username } } }`;
export const REVIEW = `mutation($id: ID!, $approve: Boolean!, $comment: String) {
  reviewReply(assignmentId: $id, approve: $approve, comment: $comment) { ${REQUEST_FIELDS} } }`;
export const FOLLOW_UP = `mutation($input: FollowUpInput!) {
  recordFollowUp(input: $input) { id attempt reached satisfaction resolved recordedBy { username } request { ${REQUEST_FIELDS} } } }`;
export const CLOSE = `mutation($id: ID!, $reason: String!) { closeServiceRequest(requestId: $id, reason: $reason) { ${REQUEST_FIELDS} } }`;
export const MERGE = `mutation($primary: ID!, $duplicates: [ID!]!) {
  mergeServiceRequests(primaryId: $primary, duplicateIds: $duplicates) { ${REQUEST_FIELDS} } }`;
export const VOID = `mutation($id: ID!, $reason: String!) { voidServiceRequest(requestId: $id, reason: $reason) { ${REQUEST_FIELDS} } }`;
export const SUPERVISE = `mutation($id: ID!, $level: SupervisionLevel!, $note: String!) {
  superviseServiceRequest(requestId: $id, level: $level, note: $note) { ${REQUEST_FIELDS} } }`;
export const TRANSFER = `mutation($id: ID!, $to: ID!, $note: String!) {
  transferOwnership(requestId: $id, toStaffId: $to, note: $note) { ${REQUEST_FIELDS} } }`;
export const ADD_NOTE = `mutation($id: ID!, $content: String!) {
  addNote(requestId: $id, content: $content) { id kind summary at actor { username } } }`;

// ---------------------------------------------------------------- departments
export const ACCEPT = `mutation($id: ID!) { acceptAssignment(assignmentId: $id) { id status acceptedAt overdue } }`;
export const REQUEST_RETURN = `mutation($id: ID!, $reason: String!) { requestReturn(assignmentId: $id, reason: $reason) { id status returnReason } }`;
export const REQUEST_EXTENSION = `mutation($id: ID!, $due: DateTime!, $reason: String!) {
  requestExtension(assignmentId: $id, requestedDueAt: $due, reason: $reason) { id status requestedDueAt reason assignment { id } } }`;
export const REPLY = `mutation($id: ID!, $reply: String!, $outcome: ReplyOutcome!) {
  submitReply(assignmentId: $id, reply: $reply, outcome: $outcome) { id status reply replyOutcome repliedAt } }`;
export const MY_ASSIGNMENTS = `query($filter: AssignmentFilter, $first: Int, $after: String) {
  myAssignments(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status role round overdue acceptDueAt dueAt department { code } request { id code status } } } } }`;

// ---------------------------------------------------------------- reads
export const GET = `query($id: ID!) { serviceRequest(id: $id) { ${REQUEST_FIELDS} ${TIMELINE} } }`;
export const GET_BY_CODE = `query($code: String!) { serviceRequest(code: $code) { id code } }`;
export const LIST = `query($filter: ServiceRequestFilter, $first: Int, $after: String) {
  serviceRequests(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code title status } } } }`;
export const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
export const ME = `{ me { id username displayName roles department { code } } }`;

// ---------------------------------------------------------------- factories

export function requestInput(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'PHONE',
    type: 'COMPLAINT',
    title: '小区路灯不亮',
    content: '幸福路12号小区门口的路灯连续三晚不亮，夜间出行不便。',
    categoryCode: 'URBAN_LIGHT',
    regionCode: 'D01',
    citizen: { name: '张三', phone: '13812345678' },
    ...overrides,
  };
}

export async function createRequest(agent: GraphQLClient, overrides: Record<string, unknown> = {}) {
  return (await agent.ok(CREATE, { input: requestInput(overrides) })).createServiceRequest;
}

export async function dispatch(supervisor: GraphQLClient, requestId: string, lead = 'URBAN', assists: string[] = []) {
  return (await supervisor.ok(DISPATCH, { input: { requestId, leadDepartmentCode: lead, assistDepartmentCodes: assists } })).dispatchServiceRequest;
}

export async function getRequest(client: GraphQLClient, id: string) {
  return (await client.ok(GET, { id })).serviceRequest;
}

export async function recordFollowUp(client: GraphQLClient, requestId: string, input: Record<string, unknown>) {
  return (await client.ok(FOLLOW_UP, { input: { requestId, ...input } })).recordFollowUp;
}

export const kinds = (request: { timeline: { edges: { node: { kind: string } }[] } }): string[] =>
  request.timeline.edges.map((e) => e.node.kind);

export const edgesOf = (connection: { edges: { node: any }[] }): any[] => connection.edges.map((e) => e.node);

/** The database id behind a global id (tests read rows with it; clients never need to). */
export function dbId(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}

/** A global id as the server makes them, for ids that exist nowhere or are of another type. */
export function globalId(type: string, id: string | number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** ISO time `ms` after (or before, when negative) an ISO time. */
export const shift = (iso: string, ms: number): string => new Date(new Date(iso).getTime() + ms).toISOString();

// ---------------------------------------------------------------- arrangements

/** The people of a usual case: the agent who takes the call, the supervisor, and the URBAN liaison. */
export interface Desk {
  agent: GraphQLClient;
  supervisor: GraphQLClient;
  urban: GraphQLClient;
}

export interface DispatchOptions { assists?: string[]; lead?: string; input?: Record<string, unknown> }

/** A new request dispatched to URBAN (or `lead`), with optional assisting departments. */
export async function dispatchedRequest(desk: Desk, opts: DispatchOptions = {}) {
  const created = await createRequest(desk.agent, opts.input);
  const request = await dispatch(desk.supervisor, created.id, opts.lead ?? 'URBAN', opts.assists ?? []);
  return { id: created.id as string, code: created.code as string, lead: request.leadAssignment.id as string, request };
}

/** The lead department signs for, replies, and the supervisor approves: the request awaits follow-up. */
export async function throughReply(desk: Desk, leadId: string, liaison: GraphQLClient = desk.urban) {
  await liaison.ok(ACCEPT, { id: leadId });
  await liaison.ok(REPLY, { id: leadId, reply: '已派人更换灯泡，路灯恢复照明。', outcome: 'RESOLVED' });
  return (await desk.supervisor.ok(REVIEW, { id: leadId, approve: true })).reviewReply;
}

/** A request dispatched to URBAN and replied to, waiting for the follow-up call. */
export async function awaitingFollowUp(desk: Desk, opts: DispatchOptions = {}) {
  const d = await dispatchedRequest(desk, opts);
  await throughReply(desk, d.lead);
  return d;
}
