import { GraphQLClient } from './support/graphql-client';
import {
  ADD_NOTE, CLOSE, Desk, ME, SUPERVISE, TRANSFER, createRequest, dispatchedRequest, getRequest, globalId, kinds,
} from './support/operations';
import { startTestServer, TestServer } from './support/test-server';

// 首问负责: whoever registers a request owns it until it is closed; only an explicit transfer changes that.
// Notes and supervision are timeline events by their author (DESIGN.md §4).

let t: TestServer;
let desk: Desk;
let agent: GraphQLClient;
let agent02: GraphQLClient;
let supervisor: GraphQLClient;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await startTestServer();
  const [a, a2, s, urban, analyst] = await t.loginAll('agent01', 'agent02', 'supervisor01', 'liaison_urban', 'analyst01');
  [agent, agent02, supervisor] = [a, a2, s];
  desk = { agent, supervisor, urban };
  ids = {};
  for (const [name, client] of [['agent01', a], ['agent02', a2], ['supervisor01', s], ['liaison_urban', urban], ['analyst01', analyst]] as const) {
    ids[name] = (await client.ok(ME)).me.id;
  }
});
afterAll(() => t.close());

const eventsOf = async (id: string, kind: string) =>
  (await getRequest(supervisor, id)).timeline.edges.map((e: any) => e.node).filter((n: any) => n.kind === kind);

describe('ownership (首问负责)', () => {
  test('the agent who registers a request owns it, through dispatch and handling', async () => {
    const { id } = await dispatchedRequest(desk);
    expect((await getRequest(supervisor, id)).owner.username).toBe('agent01');
    const bySupervisor = await createRequest(supervisor);
    expect(bySupervisor.owner.username).toBe('supervisor01');
  });

  test('a transfer changes the owner and shows in the timeline with its actor', async () => {
    const { id } = await dispatchedRequest(desk);
    const moved = (await supervisor.ok(TRANSFER, { id, to: ids.agent02, note: '交接班：早班转中班' })).transferOwnership;
    expect(moved.owner).toEqual({ id: ids.agent02, username: 'agent02' });
    expect(moved.registeredBy.username).toBe('agent01'); // who registered it never changes

    const [event] = await eventsOf(id, 'OWNERSHIP_TRANSFERRED');
    expect(event.actor.username).toBe('supervisor01');
    expect(event.summary).toContain('交接班：早班转中班');
    expect(event.at).toBe(t.clock.now().toISOString());
    expect(kinds(await getRequest(supervisor, id))).toEqual(['CREATED', 'DISPATCHED', 'OWNERSHIP_TRANSFERRED']);

    // The new owner sees it as theirs; a transfer back is another event.
    expect((await getRequest(agent02, id)).owner.username).toBe('agent02');
    await supervisor.ok(TRANSFER, { id, to: ids.agent01, note: '交还' });
    expect(await eventsOf(id, 'OWNERSHIP_TRANSFERRED')).toHaveLength(2);
  });

  test('only to an active agent or supervisor, not to the owner, and only while the request is open', async () => {
    const { id } = await dispatchedRequest(desk);
    expect(await supervisor.errorCode(TRANSFER, { id, to: ids.liaison_urban, note: '转给部门' })).toBe('BAD_USER_INPUT');
    expect(await supervisor.errorCode(TRANSFER, { id, to: ids.analyst01, note: '转给分析' })).toBe('BAD_USER_INPUT');
    expect(await supervisor.errorCode(TRANSFER, { id, to: ids.agent01, note: '转给自己' })).toBe('BAD_USER_INPUT');
    expect(await supervisor.errorCode(TRANSFER, { id, to: globalId('Staff', 999999), note: '查无此人' })).toBe('NOT_FOUND');
    expect(await supervisor.errorCode(TRANSFER, { id, to: ids.agent02, note: '' })).toBe('BAD_USER_INPUT');
    expect(await agent.errorCode(TRANSFER, { id, to: ids.agent02, note: '坐席自行转交' })).toBe('FORBIDDEN');
    await supervisor.ok(CLOSE, { id, reason: '市民撤回' });
    expect(await supervisor.errorCode(TRANSFER, { id, to: ids.agent02, note: '已办结' })).toBe('INVALID_TRANSITION');
    expect((await getRequest(supervisor, id)).owner.username).toBe('agent01');
    expect(await eventsOf(id, 'OWNERSHIP_TRANSFERRED')).toHaveLength(0);
  });
});

describe('notes', () => {
  test('are timeline events by their author, on open and closed requests', async () => {
    const { id } = await dispatchedRequest(desk);
    const note = (await agent.ok(ADD_NOTE, { id, content: '市民再次来电催促' })).addNote;
    expect(note).toMatchObject({ kind: 'NOTE', summary: '市民再次来电催促', actor: { username: 'agent01' }, at: t.clock.now().toISOString() });
    await supervisor.ok(CLOSE, { id, reason: '已解决' });
    const late = (await supervisor.ok(ADD_NOTE, { id, content: '办结后补充说明' })).addNote;
    expect(late.actor.username).toBe('supervisor01');
    const notes = await eventsOf(id, 'NOTE');
    expect(notes.map((n: any) => [n.id, n.summary])).toEqual([[note.id, '市民再次来电催促'], [late.id, '办结后补充说明']]);
  });

  test('an empty note is refused', async () => {
    const { id } = await dispatchedRequest(desk);
    expect(await agent.errorCode(ADD_NOTE, { id, content: ' ' })).toBe('BAD_USER_INPUT');
    expect(await eventsOf(id, 'NOTE')).toHaveLength(0);
  });
});

describe('supervision (催办 / 督办)', () => {
  test('a reminder is URGED, a formal level is SUPERVISED, and the level only rises', async () => {
    const { id } = await dispatchedRequest(desk);
    expect((await supervisor.ok(SUPERVISE, { id, level: 'REMINDER', note: '请尽快签收' })).superviseServiceRequest.supervisionLevel).toBe('REMINDER');
    expect((await supervisor.ok(SUPERVISE, { id, level: 'LISTED', note: '挂牌督办' })).superviseServiceRequest.supervisionLevel).toBe('LISTED');
    expect((await supervisor.ok(SUPERVISE, { id, level: 'REMINDER', note: '再次催办' })).superviseServiceRequest.supervisionLevel).toBe('LISTED');
    expect(kinds(await getRequest(supervisor, id)).slice(2)).toEqual(['URGED', 'SUPERVISED', 'URGED']);
    const [supervised] = await eventsOf(id, 'SUPERVISED');
    expect(supervised.actor.username).toBe('supervisor01');
  });

  test('a closed request cannot be supervised', async () => {
    const created = await createRequest(agent);
    await supervisor.ok(CLOSE, { id: created.id, reason: '已解决' });
    expect(await supervisor.errorCode(SUPERVISE, { id: created.id, level: 'LISTED', note: '督办' })).toBe('INVALID_TRANSITION');
  });
});
