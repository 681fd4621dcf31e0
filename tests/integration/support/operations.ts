import { GraphQLClient } from './graphql-client';

// The GraphQL documents the tests send, and factories with overrides for the usual arrangements.

export const REQUEST_FIELDS = `
  id code status dueAt overdue reopenCount supervisionLevel closedAt intakeAnswer latestSatisfaction
  owner { id username } citizen { name phone isRepeatCaller requestCount }
  leadAssignment { id status round dueAt acceptDueAt department { code } }
  assignments { id role status round department { code } dueAt acceptDueAt }
  mergedInto { id } duplicates { id }
`;

export const CREATE = `mutation($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { ${REQUEST_FIELDS} } }`;
export const DISPATCH = `mutation($input: DispatchInput!) { dispatchServiceRequest(input: $input) { ${REQUEST_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!) { acceptAssignment(assignmentId: $id) { id status acceptedAt } }`;
export const REQUEST_RETURN = `mutation($id: ID!, $reason: String!) { requestReturn(assignmentId: $id, reason: $reason) { id status returnReason } }`;
export const DECIDE_RETURN = `mutation($id: ID!, $approve: Boolean!) { decideReturn(assignmentId: $id, approve: $approve) { id status } }`;
export const REQUEST_EXTENSION = `mutation($id: ID!, $due: DateTime!, $reason: String!) {
  requestExtension(assignmentId: $id, requestedDueAt: $due, reason: $reason) { id status requestedDueAt } }`;
export const DECIDE_EXTENSION = `mutation($id: ID!, $approve: Boolean!) { decideExtension(extensionId: $id, approve: $approve) { id status decidedBy { username } } }`;
export const REPLY = `mutation($id: ID!, $reply: String!, $outcome: ReplyOutcome!) { submitReply(assignmentId: $id, reply: $reply, outcome: $outcome) { id status } }`;
export const REVIEW = `mutation($id: ID!, $approve: Boolean!) { reviewReply(assignmentId: $id, approve: $approve) { ${REQUEST_FIELDS} } }`;
export const FOLLOW_UP = `mutation($input: FollowUpInput!) { recordFollowUp(input: $input) { id attempt reached satisfaction resolved request { ${REQUEST_FIELDS} } } }`;
export const GET = `query($id: ID!) { serviceRequest(id: $id) { ${REQUEST_FIELDS} timeline(first: 100) { totalCount edges { node { kind summary actor { username } data } } } } }`;

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

export const kinds = (request: { timeline: { edges: { node: { kind: string } }[] } }) => request.timeline.edges.map((e) => e.node.kind);
