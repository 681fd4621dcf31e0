import { GraphQLClient, GraphQLResult } from './support/graphql-client';
import {
  ACCEPT, CREATE, DAY, DISPATCH, Desk, HOUR, REQUEST_EXTENSION, awaitingFollowUp, createRequest, dispatchedRequest, globalId, requestInput, shift,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// Bad input answers BAD_USER_INPUT or NOT_FOUND with a message a person can act on, never
// INTERNAL_SERVER_ERROR, and nothing is written.

type Who = 'agent' | 'supervisor' | 'urban' | 'admin';

let t: TestServer;
let desk: Desk;
let as: Record<Who, GraphQLClient>;
let fx: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer();
  const [agent, supervisor, urban, admin] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'admin');
  as = { agent, supervisor, urban, admin };
  desk = { agent, supervisor, urban };
  const d = await dispatchedRequest(desk);
  await urban.ok(ACCEPT, { id: d.lead });
  const waiting = await awaitingFollowUp(desk);
  fx = { request: d.id, lead: d.lead, dueAt: d.request.leadAssignment.dueAt, waiting: waiting.id, staff: (await agent.ok('{ me { id } }')).me.id };
});
afterAll(() => t.close());

const TABLES = [
  'service_request', 'citizen', 'assignment', 'extension_request', 'follow_up', 'timeline_event', 'outbox_event',
  'staff', 'sla_policy', 'calendar_day',
];

function expectClientError(result: GraphQLResult, codes: string[]) {
  expect(result.errors?.length).toBeGreaterThan(0);
  const [error] = result.errors!;
  expect(codes).toContain(error.extensions?.code);
  expect(error.message).toEqual(expect.any(String));
  expect(error.message).not.toMatch(/SQL|relation|syntax|QueryFailedError|violates|TypeError|undefined/i);
  expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|node_modules/);
}

async function refusedWithoutWriting(who: Who, query: string, variables: Record<string, unknown>, codes: string[]) {
  const before = await t.countRows(TABLES);
  expectClientError(await as[who].request(query, variables), codes);
  expect(await t.countRows(TABLES)).toEqual(before);
}

const HUNDRED_KB = '路'.repeat(100 * 1024);

describe('intake', () => {
  test.each([
    ['an unknown category code', { categoryCode: 'NO_SUCH_CATEGORY' }],
    ['an unknown region code', { regionCode: 'D99' }],
    ['an invalid phone', { citizen: { name: '张三', phone: '12345' } }],
    ['letters for a phone', { citizen: { name: '张三', phone: 'call me maybe' } }],
    ['a foreign phone', { citizen: { phone: '+1 202 555 0100' } }],
    ['an empty title', { title: '' }],
    ['a blank title', { title: '   ' }],
    ['a 100 KB title', { title: HUNDRED_KB }],
    ['a 100 KB content', { content: HUNDRED_KB }],
    ['a 100 KB address', { address: HUNDRED_KB }],
    ['a 100 KB citizen name', { citizen: { name: HUNDRED_KB, phone: '13812345678' } }],
    ['an empty content', { content: '' }],
    ['a title with NUL', { title: 'a\u0000b' }],
    ['a blank idempotency key', { idempotencyKey: ' ' }],
    ['an unknown channel', { channel: 'PIGEON' }],
    ['an unknown urgency', { urgency: 'YESTERDAY' }],
    ['a missing category', { categoryCode: undefined }],
  ])('%s', async (_name, overrides) => {
    await refusedWithoutWriting('agent', CREATE, { input: requestInput(overrides) }, ['BAD_USER_INPUT']);
  });

  test('a body over the size limit is refused by HTTP, not by a crash', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${as.agent.token}` },
      body: JSON.stringify({ query: CREATE, variables: { input: requestInput({ content: 'x'.repeat(2 * 1024 * 1024) }) } }),
    });
    expect(res.status).toBe(413);
  });
});

// Every mutation that takes an id, with the role allowed to call it.
const BY_ID: { name: string; who: Who; query: string; vars: (id: string) => Record<string, unknown>; type: string }[] = [
  { name: 'resolveAtIntake', who: 'agent', type: 'ServiceRequest', query: 'mutation($id: ID!) { resolveAtIntake(requestId: $id, answer: "答复") { id } }', vars: (id) => ({ id }) },
  { name: 'dispatchServiceRequest', who: 'supervisor', type: 'ServiceRequest', query: DISPATCH, vars: (id) => ({ input: { requestId: id, leadDepartmentCode: 'URBAN' } }) },
  { name: 'decideReturn', who: 'supervisor', type: 'Assignment', query: 'mutation($id: ID!) { decideReturn(assignmentId: $id, approve: true) { id } }', vars: (id) => ({ id }) },
  { name: 'decideExtension', who: 'supervisor', type: 'ExtensionRequest', query: 'mutation($id: ID!) { decideExtension(extensionId: $id, approve: true) { id } }', vars: (id) => ({ id }) },
  { name: 'reviewReply', who: 'supervisor', type: 'Assignment', query: 'mutation($id: ID!) { reviewReply(assignmentId: $id, approve: true) { id } }', vars: (id) => ({ id }) },
  { name: 'recordFollowUp', who: 'agent', type: 'ServiceRequest', query: 'mutation($id: ID!) { recordFollowUp(input: { requestId: $id, reached: false }) { id } }', vars: (id) => ({ id }) },
  { name: 'closeServiceRequest', who: 'supervisor', type: 'ServiceRequest', query: 'mutation($id: ID!) { closeServiceRequest(requestId: $id, reason: "关闭") { id } }', vars: (id) => ({ id }) },
  { name: 'mergeServiceRequests(primary)', who: 'supervisor', type: 'ServiceRequest', query: 'mutation($id: ID!, $d: ID!) { mergeServiceRequests(primaryId: $id, duplicateIds: [$d]) { id } }', vars: (id) => ({ id, d: fx.request }) },
  { name: 'mergeServiceRequests(duplicate)', who: 'supervisor', type: 'ServiceRequest', query: 'mutation($id: ID!, $p: ID!) { mergeServiceRequests(primaryId: $p, duplicateIds: [$id]) { id } }', vars: (id) => ({ id, p: fx.request }) },
  { name: 'voidServiceRequest', who: 'supervisor', type: 'ServiceRequest', query: 'mutation($id: ID!) { voidServiceRequest(requestId: $id, reason: "终止") { id } }', vars: (id) => ({ id }) },
  { name: 'superviseServiceRequest', who: 'supervisor', type: 'ServiceRequest', query: 'mutation($id: ID!) { superviseServiceRequest(requestId: $id, level: LISTED, note: "督办") { id } }', vars: (id) => ({ id }) },
  { name: 'transferOwnership(request)', who: 'supervisor', type: 'ServiceRequest', query: 'mutation($id: ID!, $to: ID!) { transferOwnership(requestId: $id, toStaffId: $to, note: "交接") { id } }', vars: (id) => ({ id, to: fx.staff }) },
  { name: 'transferOwnership(staff)', who: 'supervisor', type: 'Staff', query: 'mutation($id: ID!, $r: ID!) { transferOwnership(requestId: $r, toStaffId: $id, note: "交接") { id } }', vars: (id) => ({ id, r: fx.request }) },
  { name: 'addNote', who: 'agent', type: 'ServiceRequest', query: 'mutation($id: ID!) { addNote(requestId: $id, content: "备注") { id } }', vars: (id) => ({ id }) },
  { name: 'acceptAssignment', who: 'urban', type: 'Assignment', query: ACCEPT, vars: (id) => ({ id }) },
  { name: 'requestReturn', who: 'urban', type: 'Assignment', query: 'mutation($id: ID!) { requestReturn(assignmentId: $id, reason: "退回") { id } }', vars: (id) => ({ id }) },
  { name: 'requestExtension', who: 'urban', type: 'Assignment', query: 'mutation($id: ID!) { requestExtension(assignmentId: $id, requestedDueAt: "2030-01-01T00:00:00Z", reason: "延期") { id } }', vars: (id) => ({ id }) },
  { name: 'submitReply', who: 'urban', type: 'Assignment', query: 'mutation($id: ID!) { submitReply(assignmentId: $id, reply: "答复", outcome: RESOLVED) { id } }', vars: (id) => ({ id }) },
];

const otherType = (type: string) => (type === 'Staff' ? 'ServiceRequest' : type === 'Assignment' ? 'ServiceRequest' : 'Assignment');

describe('ids that are malformed, of another type, or of nothing', () => {
  type IdCase = [string, string, (typeof BY_ID)[number], string, string[]];
  const cases: IdCase[] = BY_ID.flatMap((m): IdCase[] => [
    [m.name, 'malformed "abc"', m, 'abc', ['BAD_USER_INPUT']],
    [m.name, 'empty', m, '', ['BAD_USER_INPUT']],
    [m.name, 'a valid-looking global id of another type', m, globalId(otherType(m.type), 1), ['BAD_USER_INPUT']],
    [m.name, 'a raw database id', m, '1', ['BAD_USER_INPUT']],
    [m.name, 'an id past bigint', m, globalId(m.type, '99999999999999999999999'), ['BAD_USER_INPUT', 'NOT_FOUND']],
    [m.name, 'an id that does not exist', m, globalId(m.type, 987654), ['NOT_FOUND']],
  ]);

  test.each(cases)('%s with %s', async (_name, _kind, m, id, codes) => {
    await refusedWithoutWriting(m.who, m.query, m.vars(id), codes);
  });

  test('queries answer a missing object with null, and a malformed id with BAD_USER_INPUT or null', async () => {
    const missing = globalId('ServiceRequest', 987654);
    expect((await as.supervisor.ok('query($id: ID!) { serviceRequest(id: $id) { id } }', { id: missing })).serviceRequest).toBeNull();
    expect((await as.supervisor.ok('query($c: String!) { serviceRequest(code: $c) { id } }', { c: '19990101-000001' })).serviceRequest).toBeNull();
    expect((await as.supervisor.ok('query($id: ID!) { citizen(id: $id) { id } }', { id: globalId('Citizen', 987654) })).citizen).toBeNull();
    expect((await as.supervisor.ok('query($id: ID!) { node(id: $id) { id } }', { id: 'abc' })).node).toBeNull();
    expect((await as.supervisor.ok('query($id: ID!) { node(id: $id) { id } }', { id: globalId('Nothing', 1) })).node).toBeNull();
    for (const id of ['abc', globalId('Staff', 1)]) {
      const r = await as.supervisor.request('query($id: ID!) { serviceRequest(id: $id) { id } }', { id });
      if (r.errors) expectClientError(r, ['BAD_USER_INPUT']);
      else expect(r.data.serviceRequest).toBeNull();
    }
  });
});

describe('dispatch', () => {
  test.each([
    ['an unknown lead department', { leadDepartmentCode: 'NOPE' }],
    ['an unknown assisting department', { leadDepartmentCode: 'URBAN', assistDepartmentCodes: ['NOPE'] }],
    ['the lead also assisting', { leadDepartmentCode: 'URBAN', assistDepartmentCodes: ['URBAN'] }],
    ['the hotline center itself', { leadDepartmentCode: 'HOTLINE' }],
    ['an empty department code', { leadDepartmentCode: '' }],
  ])('%s', async (_name, input) => {
    const created = await createRequest(as.agent);
    await refusedWithoutWriting('supervisor', DISPATCH, { input: { requestId: created.id, ...input } }, ['BAD_USER_INPUT']);
  });
});

describe('deadlines', () => {
  test.each([
    ['before now', () => shift(t.clock.now().toISOString(), -DAY)],
    ['before the current deadline', () => shift(fx.dueAt, -HOUR)],
    ['equal to the current deadline', () => fx.dueAt],
    ['not a date', () => 'next tuesday'],
    ['a date without a time zone', () => '2030-01-01'],
  ])('an extension to a moment %s is refused', async (_name, due) => {
    await refusedWithoutWriting('urban', REQUEST_EXTENSION, { id: fx.lead, due: due(), reason: '需要更多时间' }, ['BAD_USER_INPUT']);
  });
});

describe('other inputs', () => {
  test.each([
    ['a reached follow-up without satisfaction', 'agent', 'mutation($id: ID!) { recordFollowUp(input: { requestId: $id, reached: true, resolved: true }) { id } }', () => ({ id: fx.waiting })],
    ['an empty intake answer', 'agent', 'mutation($id: ID!) { resolveAtIntake(requestId: $id, answer: "") { id } }', () => ({ id: fx.request })],
    ['a 100 KB note', 'agent', 'mutation($id: ID!, $c: String!) { addNote(requestId: $id, content: $c) { id } }', () => ({ id: fx.request, c: HUNDRED_KB })],
    ['a 100 KB reply', 'urban', 'mutation($id: ID!, $r: String!) { submitReply(assignmentId: $id, reply: $r, outcome: RESOLVED) { id } }', () => ({ id: fx.lead, r: HUNDRED_KB })],
    ['an empty reply', 'urban', 'mutation($id: ID!) { submitReply(assignmentId: $id, reply: " ", outcome: RESOLVED) { id } }', () => ({ id: fx.lead })],
    ['an unknown reply outcome', 'urban', 'mutation($id: ID!, $o: ReplyOutcome!) { submitReply(assignmentId: $id, reply: "答复", outcome: $o) { id } }', () => ({ id: fx.lead, o: 'DONE' })],
    ['an unknown supervision level', 'supervisor', 'mutation($id: ID!, $l: SupervisionLevel!) { superviseServiceRequest(requestId: $id, level: $l, note: "督办") { id } }', () => ({ id: fx.request, l: 'SHOUTED' })],
  ] as const)('%s', async (_name, who, query, vars) => {
    await refusedWithoutWriting(who, query, vars(), ['BAD_USER_INPUT']);
  });
});

describe('administration', () => {
  const STAFF = 'mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }';
  const staff = (overrides: Record<string, unknown>) => ({ input: { username: 'new_agent', displayName: '新坐席', password: 'long enough password', roles: ['AGENT'], ...overrides } });
  const SLA = 'mutation($input: SlaPolicyInput!) { updateSlaPolicy(input: $input) { urgency } }';
  const sla = (accept: Record<string, unknown>) => ({
    input: { requestType: 'HELP', urgency: 'NORMAL', accept, reply: { amount: 10, unit: 'WORKING_DAYS' }, followUp: { amount: 36, unit: 'HOURS' }, warnBefore: { amount: 1, unit: 'HOURS' } },
  });
  const CAL = 'mutation($days: [CalendarDayInput!]!) { setCalendarDays(days: $days) { date } }';

  test.each([
    ['a staff member without a username', STAFF, staff({ username: '' })],
    ['a liaison without a department', STAFF, staff({ roles: ['LIAISON'] })],
    ['a liaison of an unknown department', STAFF, staff({ roles: ['LIAISON'], departmentCode: 'NOPE' })],
    ['a staff member without roles', STAFF, staff({ roles: [] })],
    ['a short password', STAFF, staff({ password: '123' })],
    ['a zero deadline', SLA, sla({ amount: 0, unit: 'HOURS' })],
    ['a negative deadline', SLA, sla({ amount: -5, unit: 'HOURS' })],
    ['an absurd deadline', SLA, sla({ amount: 2_000_000_000, unit: 'WORKING_DAYS' })],
    ['an impossible calendar date', CAL, { days: [{ date: '2026-02-30', workday: false }] }],
    ['a calendar date in another format', CAL, { days: [{ date: '03/03/2026', workday: false }] }],
  ])('%s', async (_name, query, variables) => {
    await refusedWithoutWriting('admin', query, variables, ['BAD_USER_INPUT']);
  });

  test('a username that exists is a CONFLICT', async () => {
    await refusedWithoutWriting('admin', STAFF, staff({ username: 'agent01' }), ['CONFLICT']);
  });
});

describe('reads', () => {
  test.each([
    ['a negative first', '{ serviceRequests(first: -1) { totalCount } }', 'supervisor'],
    ['a malformed cursor', '{ serviceRequests(after: "nonsense") { totalCount } }', 'supervisor'],
    ['a cursor of another list', '{ myAssignments(after: "eyJpZCI6MX0") { totalCount } }', 'urban'],
    ['an unknown region filter', '{ serviceRequests(filter: { regionCode: "ZZ" }) { totalCount } }', 'supervisor'],
    ['an unknown category filter', '{ serviceRequests(filter: { categoryCode: "ZZ" }) { totalCount } }', 'supervisor'],
    ['an unknown department filter', '{ serviceRequests(filter: { departmentCode: "ZZ" }) { totalCount } }', 'supervisor'],
    ['a malformed phone filter', '{ serviceRequests(filter: { citizenPhone: "abc" }) { totalCount } }', 'supervisor'],
    ['a reversed calendar range', '{ calendar(from: "2026-03-01", to: "2026-02-01") { date } }', 'supervisor'],
    ['an impossible date', '{ calendar(from: "2026-02-30", to: "2026-03-01") { date } }', 'supervisor'],
    ['a calendar range over a year', '{ calendar(from: "2020-01-01", to: "2026-01-01") { date } }', 'supervisor'],
  ] as const)('%s', async (_name, query, who) => {
    expectClientError(await as[who as Who].request(query), ['BAD_USER_INPUT']);
  });

  test('a malformed date in a filter variable', async () => {
    const query = 'query($from: DateTime) { serviceRequests(filter: { createdFrom: $from }) { totalCount } }';
    expectClientError(await as.supervisor.request(query, { from: 'yesterday' }), ['BAD_USER_INPUT']);
  });
});

// Found by the fuzz tests (tests/integration/fuzz): both answered INTERNAL_SERVER_ERROR.
describe('input the fuzzer found', () => {
  test('more than 50 bad values in one variable: BAD_USER_INPUT for all, including graphql-js giving up', async () => {
    const query = 'query($f: ServiceRequestFilter) { serviceRequests(filter: $f) { totalCount } }';
    const result = await as.supervisor.request(query, { f: { urgency: Array(100).fill('SOMEDAY') } });
    expect(result.errors!.length).toBeGreaterThan(50);
    expect(new Set(result.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  test.each([
    ['closeServiceRequest', 'mutation($id: ID!, $t: String!) { closeServiceRequest(requestId: $id, reason: $t) { id } }'],
    ['superviseServiceRequest', 'mutation($id: ID!, $t: String!) { superviseServiceRequest(requestId: $id, level: LISTED, note: $t) { id } }'],
    ['addNote', 'mutation($id: ID!, $t: String!) { addNote(requestId: $id, content: $t) { id } }'],
  ])('half a surrogate pair in the text of %s', async (_name, query) => {
    await refusedWithoutWriting('supervisor', query, { id: fx.request, t: '路灯\ud800' }, ['BAD_USER_INPUT']);
  });
});
