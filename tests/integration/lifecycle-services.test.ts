// The write side of the request lifecycle, called directly through a UnitOfWork (no HTTP): every rule of
// DESIGN.md §4 against a real, migrated PostgreSQL, with a hand-moved clock.
import { DataSource, EntityTarget, In } from 'typeorm';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { Assignment, Category, Citizen, Department, ExtensionRequest, FollowUp, OutboxEvent, Region, ServiceRequest, Staff, TimelineEvent } from '../../src/entities';
import { RegionLevel } from '../../src/entities/region.entity';
import {
  AssignmentRole, AssignmentStatus, Channel, DecisionStatus, ReplyOutcome, RequestStatus, RequestType, Role,
  Satisfaction, SupervisionLevel, TimelineEventKind, Urgency,
} from '../../src/domain/enums';
import { ErrorCode } from '../../src/domain/errors';
import { Actor } from '../../src/auth/actor';
import { ManualClock } from '../../src/clock';
import { UnitOfWork } from '../../src/services/unit-of-work';
import { CalendarCache } from '../../src/services/calendar-cache';
import { ServiceContext } from '../../src/services/service-context';
import { CreateServiceRequestCommand } from '../../src/services/commands';
import { createServiceRequest, resolveAtIntake } from '../../src/services/intake.service';
import { dispatchServiceRequest } from '../../src/services/dispatch.service';
import { acceptAssignment, requestExtension, requestReturn, submitReply } from '../../src/services/department-work.service';
import { decideExtension, decideReturn, reviewReply } from '../../src/services/center-decision.service';
import { recordFollowUp } from '../../src/services/follow-up.service';
import {
  addNote, closeServiceRequest, mergeServiceRequests, superviseServiceRequest, transferOwnership, voidServiceRequest,
} from '../../src/services/request-oversight.service';
import { OutboxTopic } from '../../src/services/outbox';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
// Monday 2 March 2026, 09:00 in Shanghai: a plain working week (no holiday near).
const MONDAY_9AM = new Date('2026-03-02T09:00:00+08:00');

let db: TestDatabase;
let ds: DataSource;
const clock = new ManualClock(MONDAY_9AM);
let uow: UnitOfWork;

const dept: Record<string, Department> = {};
const staff: Record<string, Staff> = {};
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  ds = db.dataSource;
  uow = new UnitOfWork(ds, clock, TZ, new CalendarCache());
  await seedReferenceData();
});

afterAll(async () => {
  await db?.drop();
});

beforeEach(() => clock.set(MONDAY_9AM));

// ------------------------------------------------------------------ fixtures

// Tree rows need their own id in `path` ("/1/7/42/"), so they are inserted first and given their path after.
async function insertTreeNode<T extends Department | Category | Region>(target: EntityTarget<T>, values: Partial<T>, parent?: T): Promise<T> {
  const repo = ds.getRepository<Department | Category | Region>(target as EntityTarget<Department>);
  const saved = await repo.save({ ...values, parentId: parent?.id ?? null, path: '/pending/', depth: parent ? parent.depth + 1 : 0 } as Department);
  saved.path = `${parent ? parent.path : '/'}${saved.id}/`;
  return (await repo.save(saved)) as T;
}

async function seedReferenceData(): Promise<void> {
  const hotline = await insertTreeNode(Department, { code: 'HOTLINE', name: '12345热线' });
  dept.HOTLINE = hotline;
  for (const [code, name] of [['URBAN', '城管'], ['ENV', '生态环境'], ['D01', '一区政府']]) dept[code] = await insertTreeNode(Department, { code, name });
  dept.D01S01 = await insertTreeNode(Department, { code: 'D01S01', name: '一区一街道' }, dept.D01);
  const roads = await insertTreeNode(Category, { code: 'ROAD', name: '道路' });
  await insertTreeNode(Category, { code: 'ROAD_LIGHT', name: '路灯' }, roads);
  const city = await insertTreeNode(Region, { code: 'CITY', name: '市', level: RegionLevel.CITY });
  await insertTreeNode(Region, { code: 'R_D01', name: '一区', level: RegionLevel.DISTRICT }, city);

  await addStaff('agent', [Role.AGENT]);
  await addStaff('agent2', [Role.AGENT]);
  await addStaff('supervisor', [Role.SUPERVISOR]);
  await addStaff('retired', [Role.AGENT], null, false);
  await addStaff('analyst', [Role.ANALYST]);
  await addStaff('liaison_urban', [Role.LIAISON], dept.URBAN);
  await addStaff('liaison_env', [Role.LIAISON], dept.ENV);
  await addStaff('liaison_d01', [Role.LIAISON], dept.D01);
}

async function addStaff(username: string, roles: Role[], department: Department | null = null, active = true): Promise<void> {
  const repo = ds.getRepository(Staff);
  const saved = await repo.save(repo.create({ username, displayName: username, passwordHash: 'not-used', roles, departmentId: department?.id ?? null, active }));
  staff[username] = saved;
  actors[username] = { staffId: saved.id, username, roles, departmentId: department?.id ?? null, departmentPath: department?.path ?? null };
}

const as = <T>(who: string, work: (ctx: ServiceContext) => Promise<T>): Promise<T> => uow.run(actors[who], work);

function intake(overrides: Partial<CreateServiceRequestCommand> = {}): CreateServiceRequestCommand {
  return {
    channel: Channel.PHONE, type: RequestType.COMPLAINT, urgency: Urgency.NORMAL,
    title: '路灯不亮', content: '小区门口的路灯已经坏了一周', categoryCode: 'ROAD_LIGHT', regionCode: 'R_D01',
    address: '一区幸福路1号', citizen: { name: '张三', phone: '13812345678' }, confidential: false, ...overrides,
  };
}

const create = (overrides: Partial<CreateServiceRequestCommand> = {}) => as('agent', (ctx) => createServiceRequest(ctx, intake(overrides)));
const dispatch = (requestId: string, lead = 'URBAN', assists: string[] = []) =>
  as('supervisor', (ctx) => dispatchServiceRequest(ctx, { requestId, leadDepartmentCode: lead, assistDepartmentCodes: assists }));
const reload = (id: string) => ds.getRepository(ServiceRequest).findOneByOrFail({ id });
const reloadAssignment = (id: string) => ds.getRepository(Assignment).findOneByOrFail({ id });
const assignmentsOf = (requestId: string) => ds.getRepository(Assignment).find({ where: { requestId }, order: { id: 'ASC' } });
const timelineKinds = async (requestId: string) =>
  (await ds.getRepository(TimelineEvent).find({ where: { requestId }, order: { id: 'ASC' } })).map((e) => e.kind);
const outboxFor = async (requestId: string) =>
  (await ds.getRepository(OutboxEvent).find({ order: { id: 'ASC' } })).filter((e) => e.payload.requestId === requestId);

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'DomainError', code });
}

/** Dispatches and drives the lead to an approved reply: the request then awaits follow-up. */
async function toAwaitingFollowUp(requestId: string, liaison = 'liaison_urban', lead = 'URBAN'): Promise<void> {
  const request = (await reload(requestId)).status === RequestStatus.REGISTERED ? await dispatch(requestId, lead) : await reload(requestId);
  const leadId = request.leadAssignmentId!;
  await as(liaison, (ctx) => acceptAssignment(ctx, leadId));
  await as(liaison, (ctx) => submitReply(ctx, { assignmentId: leadId, reply: '已修复', outcome: ReplyOutcome.RESOLVED }));
  await as('supervisor', (ctx) => reviewReply(ctx, leadId, true));
}

const followUp = (requestId: string, reached: boolean, satisfaction?: Satisfaction, resolved?: boolean) =>
  as('agent', (ctx) => recordFollowUp(ctx, { requestId, reached, satisfaction: satisfaction ?? null, resolved: resolved ?? null }));

// ------------------------------------------------------------------ intake

describe('intake', () => {
  test('creates a REGISTERED request owned by the registering agent, with a code and a CREATED event', async () => {
    const request = await create();
    expect(request.status).toBe(RequestStatus.REGISTERED);
    expect(request.ownerId).toBe(staff.agent.id);
    expect(request.registeredById).toBe(staff.agent.id);
    expect(request.code).toMatch(/^20260302-/);
    expect(request.dueAt).toBeNull();
    expect(await timelineKinds(request.id)).toEqual([TimelineEventKind.CREATED]);
    expect((await outboxFor(request.id)).map((o) => o.topic)).toContain(OutboxTopic.REQUEST_CHANGED);
  });

  test('finds the citizen by normalised phone and updates the name when one is given', async () => {
    const first = await create({ citizen: { name: '李四', phone: '139 0000 1111' } });
    const second = await create({ citizen: { name: '李四四', phone: '+86 139-0000-1111' } });
    const third = await create({ citizen: { phone: '13900001111' } });
    expect(second.citizenId).toBe(first.citizenId);
    expect(third.citizenId).toBe(first.citizenId);
    const citizen = await ds.getRepository(Citizen).findOneByOrFail({ id: first.citizenId! });
    expect(citizen.name).toBe('李四四');
  });

  test('keeps no citizen for an anonymous caller', async () => {
    const request = await create({ citizen: { name: '王五', phone: '13711112222', anonymous: true } });
    expect(request.citizenId).toBeNull();
    expect(await ds.getRepository(Citizen).countBy({ phone: '13711112222' })).toBe(0);
  });

  test('refuses unknown codes, bad phones and bad titles with BAD_USER_INPUT and writes nothing', async () => {
    const before = await ds.getRepository(ServiceRequest).count();
    await expectCode(create({ categoryCode: 'NOPE' }), ErrorCode.BAD_USER_INPUT);
    await expectCode(create({ regionCode: 'NOPE' }), ErrorCode.BAD_USER_INPUT);
    await expectCode(create({ citizen: { phone: '12' } }), ErrorCode.BAD_USER_INPUT);
    await expectCode(create({ title: '   ' }), ErrorCode.BAD_USER_INPUT);
    await expectCode(create({ title: 'x'.repeat(100_000) }), ErrorCode.BAD_USER_INPUT);
    expect(await ds.getRepository(ServiceRequest).count()).toBe(before);
  });

  test('the same idempotency key sent 10 times in parallel creates one request', async () => {
    const cmd = intake({ idempotencyKey: 'call-4711', citizen: { name: '赵六', phone: '13600006666' } });
    const results = await Promise.all(Array.from({ length: 10 }, () => as('agent', (ctx) => createServiceRequest(ctx, cmd))));
    const ids = new Set(results.map((r) => r.id));
    expect(ids.size).toBe(1);
    expect(await ds.getRepository(ServiceRequest).countBy({ idempotencyKey: 'call-4711' })).toBe(1);
    expect(await timelineKinds(results[0].id)).toEqual([TimelineEventKind.CREATED]);
    expect(await ds.getRepository(Citizen).countBy({ phone: '13600006666' })).toBe(1);
  });

  test('a repeated key with different content answers the original request', async () => {
    const original = await create({ idempotencyKey: 'call-4712' });
    const again = await create({ idempotencyKey: 'call-4712', title: '另一个标题' });
    expect(again.id).toBe(original.id);
    expect(again.title).toBe(original.title);
    // The key belongs to the registering staff member: another agent's identical key is another request.
    const other = await as('agent2', (ctx) => createServiceRequest(ctx, intake({ idempotencyKey: 'call-4712' })));
    expect(other.id).not.toBe(original.id);
  });
});

// ------------------------------------------------------------------ the happy path

describe('the full happy path', () => {
  test('intake → dispatch (lead + assist) → sign-for → replies → review → follow-up closes', async () => {
    const request = await create();
    const dispatched = await dispatch(request.id, 'URBAN', ['ENV']);
    expect(dispatched.status).toBe(RequestStatus.DISPATCHED);
    const [lead, assist] = await assignmentsOf(request.id);
    expect(lead).toMatchObject({ role: AssignmentRole.LEAD, status: AssignmentStatus.PENDING, departmentId: dept.URBAN.id, round: 1, dispatchedById: staff.supervisor.id });
    expect(assist).toMatchObject({ role: AssignmentRole.ASSIST, status: AssignmentStatus.PENDING, departmentId: dept.ENV.id });
    expect(dispatched.leadAssignmentId).toBe(lead.id);
    expect(dispatched.dueAt).toEqual(lead.acceptDueAt);
    // NORMAL COMPLAINT: sign-for by the end of the next working day, reply within 15 working days.
    expect(lead.acceptDueAt.toISOString()).toBe(new Date('2026-03-04T00:00:00+08:00').toISOString());
    expect(lead.dueAt.getTime()).toBeGreaterThan(lead.acceptDueAt.getTime());

    clock.advance(HOUR);
    const accepted = await as('liaison_urban', (ctx) => acceptAssignment(ctx, lead.id));
    expect(accepted).toMatchObject({ status: AssignmentStatus.ACCEPTED, acceptedById: staff.liaison_urban.id });
    let current = await reload(request.id);
    expect(current.status).toBe(RequestStatus.IN_PROGRESS);
    expect(current.dueAt).toEqual(lead.dueAt);

    await as('liaison_env', (ctx) => acceptAssignment(ctx, assist.id));
    await as('liaison_env', (ctx) => submitReply(ctx, { assignmentId: assist.id, reply: '已配合排查', outcome: ReplyOutcome.EXPLAINED }));
    expect((await reload(request.id)).status).toBe(RequestStatus.IN_PROGRESS); // assist replies move nothing

    clock.advance(HOUR);
    const replied = await as('liaison_urban', (ctx) => submitReply(ctx, { assignmentId: lead.id, reply: '路灯已更换', outcome: ReplyOutcome.RESOLVED }));
    expect(replied).toMatchObject({ status: AssignmentStatus.REPLIED, repliedOnTime: true, replyOutcome: ReplyOutcome.RESOLVED });
    current = await reload(request.id);
    expect(current.status).toBe(RequestStatus.REPLIED);
    expect(current.dueAt).toBeNull();

    const reviewed = await as('supervisor', (ctx) => reviewReply(ctx, lead.id, true, '答复完整'));
    expect(reviewed.status).toBe(RequestStatus.AWAITING_FOLLOW_UP);
    expect(reviewed.followUpDueAt!.getTime()).toBe(clock.now().getTime() + 36 * HOUR);
    expect(reviewed.dueAt).toEqual(reviewed.followUpDueAt);
    expect((await assignmentsOf(request.id)).map((a) => a.status)).toEqual([AssignmentStatus.COMPLETED, AssignmentStatus.COMPLETED]);

    const recorded = await followUp(request.id, true, Satisfaction.SATISFIED, true);
    expect(recorded).toMatchObject({ attempt: 1, round: 1, leadDepartmentId: dept.URBAN.id, recordedById: staff.agent.id });
    current = await reload(request.id);
    expect(current).toMatchObject({ status: RequestStatus.CLOSED, dueAt: null, reopenCount: 0 });
    expect(current.closedAt).toEqual(clock.now());

    expect(await timelineKinds(request.id)).toEqual([
      TimelineEventKind.CREATED, TimelineEventKind.DISPATCHED, TimelineEventKind.ACCEPTED, TimelineEventKind.ACCEPTED,
      TimelineEventKind.REPLIED, TimelineEventKind.REPLIED, TimelineEventKind.REPLY_REVIEWED,
      TimelineEventKind.FOLLOWED_UP, TimelineEventKind.CLOSED,
    ]);
    const topics = (await outboxFor(request.id)).map((o) => o.topic);
    expect(topics.filter((t) => t === OutboxTopic.ASSIGNMENT_DISPATCHED)).toHaveLength(2);
    expect(topics).toContain(OutboxTopic.DEADLINES_CHANGED);
    expect(current.updatedAt).toEqual(clock.now());
  });

  test('a reply approved while an assist never replied cancels the assist', async () => {
    const request = await create();
    await dispatch(request.id, 'URBAN', ['ENV']);
    await toAwaitingFollowUp(request.id);
    const [, assist] = await assignmentsOf(request.id);
    expect(assist.status).toBe(AssignmentStatus.CANCELLED);
    expect(assist.cancelledAt).not.toBeNull();
  });

  test('a rejected reply puts the lead back to work against its own deadline', async () => {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id);
    await as('liaison_urban', (ctx) => acceptAssignment(ctx, leadAssignmentId!));
    await as('liaison_urban', (ctx) => submitReply(ctx, { assignmentId: leadAssignmentId!, reply: '已处理', outcome: ReplyOutcome.EXPLAINED }));
    const back = await as('supervisor', (ctx) => reviewReply(ctx, leadAssignmentId!, false, '未说明处理结果'));
    const lead = await reloadAssignment(leadAssignmentId!);
    expect(back.status).toBe(RequestStatus.IN_PROGRESS);
    expect(back.dueAt).toEqual(lead.dueAt);
    expect(lead).toMatchObject({ status: AssignmentStatus.ACCEPTED, reply: null, repliedAt: null });
    expect((await outboxFor(request.id)).map((o) => o.topic)).toContain(OutboxTopic.REPLY_REJECTED);
    await expectCode(as('supervisor', (ctx) => reviewReply(ctx, leadAssignmentId!, true)), ErrorCode.INVALID_TRANSITION);
  });

  test('a liaison outside the assignment\'s subtree gets NOT_FOUND; a parent department may act', async () => {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id, 'D01S01');
    await expectCode(as('liaison_urban', (ctx) => acceptAssignment(ctx, leadAssignmentId!)), ErrorCode.NOT_FOUND);
    await expectCode(as('liaison_urban', (ctx) => acceptAssignment(ctx, '999999999')), ErrorCode.NOT_FOUND);
    await expectCode(as('liaison_urban', (ctx) => acceptAssignment(ctx, 'abc')), ErrorCode.NOT_FOUND);
    const accepted = await as('liaison_d01', (ctx) => acceptAssignment(ctx, leadAssignmentId!));
    expect(accepted.status).toBe(AssignmentStatus.ACCEPTED);
  });
});

// ------------------------------------------------------------------ dispatch rules

describe('dispatch', () => {
  test('refuses unknown, repeated or center departments, and any state but REGISTERED', async () => {
    const request = await create();
    await expectCode(dispatch(request.id, 'NOPE'), ErrorCode.BAD_USER_INPUT);
    await expectCode(dispatch(request.id, 'URBAN', ['NOPE']), ErrorCode.BAD_USER_INPUT);
    await expectCode(dispatch(request.id, 'URBAN', ['URBAN']), ErrorCode.BAD_USER_INPUT);
    await expectCode(dispatch(request.id, 'URBAN', ['ENV', 'ENV']), ErrorCode.BAD_USER_INPUT);
    await expectCode(dispatch(request.id, 'HOTLINE'), ErrorCode.BAD_USER_INPUT);
    await expectCode(dispatch('987654321', 'URBAN'), ErrorCode.NOT_FOUND);
    expect(await assignmentsOf(request.id)).toHaveLength(0);
    await dispatch(request.id, 'URBAN');
    await expectCode(dispatch(request.id, 'ENV'), ErrorCode.INVALID_TRANSITION);
  });
});

// ------------------------------------------------------------------ re-handling

describe('re-handling', () => {
  test('twice: round 3 exists for the same department and the request is supervised LISTED', async () => {
    const request = await create();
    await toAwaitingFollowUp(request.id);
    await followUp(request.id, true, Satisfaction.DISSATISFIED, true);
    let current = await reload(request.id);
    expect(current).toMatchObject({ status: RequestStatus.DISPATCHED, round: 2, reopenCount: 1, supervisionLevel: null });
    const round2 = await reloadAssignment(current.leadAssignmentId!);
    expect(round2).toMatchObject({ round: 2, role: AssignmentRole.LEAD, departmentId: dept.URBAN.id, status: AssignmentStatus.PENDING, dispatchedById: staff.agent.id });
    expect(current.dueAt).toEqual(round2.acceptDueAt);

    await toAwaitingFollowUp(request.id);
    await followUp(request.id, true, Satisfaction.BASICALLY_SATISFIED, false);
    current = await reload(request.id);
    expect(current).toMatchObject({ status: RequestStatus.DISPATCHED, round: 3, reopenCount: 2, supervisionLevel: SupervisionLevel.LISTED });
    const rounds = (await assignmentsOf(request.id)).map((a) => [a.round, a.status]);
    expect(rounds).toEqual([[1, AssignmentStatus.COMPLETED], [2, AssignmentStatus.COMPLETED], [3, AssignmentStatus.PENDING]]);
    const kinds = await timelineKinds(request.id);
    expect(kinds.filter((k) => k === TimelineEventKind.REOPENED)).toHaveLength(2);
    expect(kinds.filter((k) => k === TimelineEventKind.SUPERVISED)).toHaveLength(1);
    const topics = (await outboxFor(request.id)).map((o) => o.topic);
    expect(topics.filter((t) => t === OutboxTopic.REHANDLING)).toHaveLength(2);
    expect(topics).toContain(OutboxTopic.SUPERVISED);

    // Follow-ups of the new round count their attempts afresh and name the round's department.
    await toAwaitingFollowUp(request.id);
    const third = await followUp(request.id, true, Satisfaction.VERY_SATISFIED, true);
    expect(third).toMatchObject({ attempt: 1, round: 3, leadDepartmentId: dept.URBAN.id });
    expect((await reload(request.id)).status).toBe(RequestStatus.CLOSED);
  });

  test('an intake answer that did not satisfy goes back to REGISTERED for a supervisor', async () => {
    const request = await create();
    const resolved = await as('agent', (ctx) => resolveAtIntake(ctx, request.id, '请拨打供电公司电话95598'));
    expect(resolved).toMatchObject({ status: RequestStatus.AWAITING_FOLLOW_UP, intakeAnswer: '请拨打供电公司电话95598' });
    expect(resolved.dueAt).toEqual(resolved.followUpDueAt);
    const recorded = await followUp(request.id, true, Satisfaction.VERY_DISSATISFIED, false);
    expect(recorded.leadDepartmentId).toBeNull();
    const current = await reload(request.id);
    expect(current).toMatchObject({ status: RequestStatus.REGISTERED, round: 2, reopenCount: 1, dueAt: null, followUpDueAt: null });
    const dispatched = await dispatch(request.id);
    expect((await reloadAssignment(dispatched.leadAssignmentId!)).round).toBe(2);
  });
});

// ------------------------------------------------------------------ returns

describe('returns', () => {
  test('approved: assignment RETURNED, assists cancelled, request REGISTERED, then re-dispatched', async () => {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id, 'URBAN', ['ENV']);
    await expectCode(as('liaison_urban', (ctx) => requestReturn(ctx, leadAssignmentId!, '  ')), ErrorCode.BAD_USER_INPUT); // a reason is required
    const [, assist] = await assignmentsOf(request.id);
    await expectCode(as('liaison_env', (ctx) => requestReturn(ctx, assist.id, '不归我们管')), ErrorCode.INVALID_TRANSITION); // assists cannot return
    const asked = await as('liaison_urban', (ctx) => requestReturn(ctx, leadAssignmentId!, '属于供电公司职责'));
    expect(asked).toMatchObject({ status: AssignmentStatus.RETURN_REQUESTED, statusBeforeReturn: AssignmentStatus.PENDING, returnReason: '属于供电公司职责' });

    const decided = await as('supervisor', (ctx) => decideReturn(ctx, leadAssignmentId!, true, '同意'));
    expect(decided.status).toBe(AssignmentStatus.RETURNED);
    expect(decided.returnedAt).toEqual(clock.now());
    const current = await reload(request.id);
    expect(current).toMatchObject({ status: RequestStatus.REGISTERED, leadAssignmentId: null, dueAt: null });
    const cancelledAssist = await reloadAssignment(assist.id);
    expect(cancelledAssist.status).toBe(AssignmentStatus.CANCELLED);
    expect(cancelledAssist.cancelledAt).not.toBeNull();
    expect((await outboxFor(request.id)).map((o) => o.topic)).toContain(OutboxTopic.RETURN_DECIDED);

    const again = await dispatch(request.id, 'D01');
    expect(again.status).toBe(RequestStatus.DISPATCHED);
    const newLead = await reloadAssignment(again.leadAssignmentId!);
    expect(newLead).toMatchObject({ departmentId: dept.D01.id, round: 1, status: AssignmentStatus.PENDING });
  });

  test('rejected: back to where it was and designated; a second return is refused', async () => {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id);
    await as('liaison_urban', (ctx) => acceptAssignment(ctx, leadAssignmentId!));
    await as('liaison_urban', (ctx) => requestReturn(ctx, leadAssignmentId!, '不属于本部门'));
    const decided = await as('supervisor', (ctx) => decideReturn(ctx, leadAssignmentId!, false, '属于你单位职责'));
    expect(decided).toMatchObject({ status: AssignmentStatus.ACCEPTED, designated: true });
    expect((await reload(request.id)).status).toBe(RequestStatus.IN_PROGRESS);
    await expectCode(as('liaison_urban', (ctx) => requestReturn(ctx, leadAssignmentId!, '还是不属于')), ErrorCode.INVALID_TRANSITION);
    await expectCode(as('supervisor', (ctx) => decideReturn(ctx, leadAssignmentId!, true)), ErrorCode.INVALID_TRANSITION);
  });
});

// ------------------------------------------------------------------ extensions

describe('extensions', () => {
  test('approved moves dueAt; later-than-current, one-pending and before-deadline rules hold', async () => {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id);
    await as('liaison_urban', (ctx) => acceptAssignment(ctx, leadAssignmentId!));
    const lead = await reloadAssignment(leadAssignmentId!);
    const later = new Date(lead.dueAt.getTime() + 72 * HOUR);

    await expectCode(as('liaison_urban', (ctx) => requestExtension(ctx, lead.id, lead.dueAt, '需要更多时间')), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('liaison_urban', (ctx) => requestExtension(ctx, lead.id, later, ' ')), ErrorCode.BAD_USER_INPUT);
    const extension = await as('liaison_urban', (ctx) => requestExtension(ctx, lead.id, later, '需要协调供电公司'));
    expect(extension).toMatchObject({ status: DecisionStatus.PENDING, previousDueAt: lead.dueAt, requestedById: staff.liaison_urban.id });
    await expectCode(as('liaison_urban', (ctx) => requestExtension(ctx, lead.id, new Date(later.getTime() + HOUR), '再延')), ErrorCode.CONFLICT);

    const decided = await as('supervisor', (ctx) => decideExtension(ctx, extension.id, true, '同意'));
    expect(decided).toMatchObject({ status: DecisionStatus.APPROVED, decidedById: staff.supervisor.id });
    const moved = await reloadAssignment(lead.id);
    expect(moved.dueAt).toEqual(later);
    expect(moved.replyWarnAt!.getTime()).toBeLessThan(later.getTime());
    expect((await reload(request.id)).dueAt).toEqual(later);
    await expectCode(as('supervisor', (ctx) => decideExtension(ctx, extension.id, false)), ErrorCode.INVALID_TRANSITION);

    // A rejected extension moves nothing.
    const second = await as('liaison_urban', (ctx) => requestExtension(ctx, lead.id, new Date(later.getTime() + 24 * HOUR), '仍需时间'));
    await as('supervisor', (ctx) => decideExtension(ctx, second.id, false, '不同意'));
    expect((await reloadAssignment(lead.id)).dueAt).toEqual(later);

    // At or after the deadline it is too late to ask.
    clock.set(later);
    await expectCode(as('liaison_urban', (ctx) => requestExtension(ctx, lead.id, new Date(later.getTime() + 24 * HOUR), '来不及了')), ErrorCode.INVALID_TRANSITION);
    expect(await ds.getRepository(ExtensionRequest).countBy({ assignmentId: lead.id })).toBe(2);
    const kinds = await timelineKinds(request.id);
    expect(kinds.filter((k) => k === TimelineEventKind.EXTENSION_DECIDED)).toHaveLength(2);
  });
});

// ------------------------------------------------------------------ oversight

describe('merge, void, close', () => {
  test('merge folds duplicates in and cancels their open assignments', async () => {
    const primary = await create();
    const duplicate = await create();
    const third = await create();
    await dispatch(duplicate.id, 'URBAN', ['ENV']);
    await expectCode(as('supervisor', (ctx) => mergeServiceRequests(ctx, primary.id, [])), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('supervisor', (ctx) => mergeServiceRequests(ctx, primary.id, [primary.id])), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('supervisor', (ctx) => mergeServiceRequests(ctx, primary.id, ['987654321'])), ErrorCode.NOT_FOUND);

    const merged = await as('supervisor', (ctx) => mergeServiceRequests(ctx, primary.id, [duplicate.id, third.id]));
    expect(merged.id).toBe(primary.id);
    for (const id of [duplicate.id, third.id]) {
      expect(await reload(id)).toMatchObject({ status: RequestStatus.MERGED, mergedIntoId: primary.id, dueAt: null });
      expect(await timelineKinds(id)).toContain(TimelineEventKind.MERGED);
    }
    expect((await assignmentsOf(duplicate.id)).map((a) => a.status)).toEqual([AssignmentStatus.CANCELLED, AssignmentStatus.CANCELLED]);
    expect((await timelineKinds(primary.id)).filter((k) => k === TimelineEventKind.MERGED)).toHaveLength(1);

    const fourth = await create();
    await expectCode(as('supervisor', (ctx) => mergeServiceRequests(ctx, duplicate.id, [fourth.id])), ErrorCode.INVALID_TRANSITION);
    await expectCode(as('supervisor', (ctx) => mergeServiceRequests(ctx, fourth.id, [duplicate.id])), ErrorCode.INVALID_TRANSITION);
    expect((await reload(fourth.id)).status).toBe(RequestStatus.REGISTERED);
  });

  test('void and close end the request and cancel open assignments', async () => {
    const voided = await create();
    await dispatch(voided.id, 'URBAN', ['ENV']);
    await as('liaison_urban', async (ctx) => acceptAssignment(ctx, (await reload(voided.id)).leadAssignmentId!));
    const v = await as('supervisor', (ctx) => voidServiceRequest(ctx, voided.id, '骚扰电话'));
    expect(v).toMatchObject({ status: RequestStatus.VOID, dueAt: null, closeReason: '骚扰电话' });
    expect((await assignmentsOf(voided.id)).every((a) => a.status === AssignmentStatus.CANCELLED && a.cancelledAt)).toBe(true);
    await expectCode(as('supervisor', (ctx) => voidServiceRequest(ctx, voided.id, '再次')), ErrorCode.INVALID_TRANSITION);
    await expectCode(as('supervisor', (ctx) => closeServiceRequest(ctx, voided.id, '再次')), ErrorCode.INVALID_TRANSITION);

    const closed = await create();
    await dispatch(closed.id);
    await expectCode(as('supervisor', (ctx) => closeServiceRequest(ctx, closed.id, '')), ErrorCode.BAD_USER_INPUT);
    const c = await as('supervisor', (ctx) => closeServiceRequest(ctx, closed.id, '市民撤回'));
    expect(c.status).toBe(RequestStatus.CLOSED);
    expect((await assignmentsOf(closed.id))[0].status).toBe(AssignmentStatus.CANCELLED);
    await expectCode(as('supervisor', (ctx) => closeServiceRequest(ctx, '987654321', 'x')), ErrorCode.NOT_FOUND);
  });

  test('a pending extension of a cancelled assignment is withdrawn', async () => {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id);
    const lead = await reloadAssignment(leadAssignmentId!);
    const extension = await as('liaison_urban', (ctx) => requestExtension(ctx, lead.id, new Date(lead.dueAt.getTime() + HOUR), '需要时间'));
    await as('supervisor', (ctx) => voidServiceRequest(ctx, request.id, '重复来电'));
    expect((await ds.getRepository(ExtensionRequest).findOneByOrFail({ id: extension.id })).status).toBe(DecisionStatus.REJECTED);
  });
});

describe('follow-up', () => {
  test('three unreached attempts close the request as unreachable', async () => {
    const request = await create();
    await as('agent', (ctx) => resolveAtIntake(ctx, request.id, '已告知办理流程'));
    await expectCode(followUp(request.id, false, Satisfaction.SATISFIED), ErrorCode.BAD_USER_INPUT);
    await expectCode(followUp(request.id, true), ErrorCode.BAD_USER_INPUT);
    const first = await followUp(request.id, false);
    expect((await reload(request.id))).toMatchObject({ status: RequestStatus.AWAITING_FOLLOW_UP, unreachedAttempts: 1 });
    await followUp(request.id, false);
    const third = await followUp(request.id, false);
    expect([first.attempt, third.attempt]).toEqual([1, 3]);
    const current = await reload(request.id);
    expect(current).toMatchObject({ status: RequestStatus.CLOSED, unreachedAttempts: 3, dueAt: null });
    expect(current.closeReason).toMatch(/unreachable/);
    await expectCode(followUp(request.id, false), ErrorCode.INVALID_TRANSITION);
    expect(await ds.getRepository(FollowUp).countBy({ requestId: request.id })).toBe(3);
  });
});

describe('supervision, ownership, notes', () => {
  test('supervision rises, never falls; REMINDER is an URGED event', async () => {
    const request = await create();
    await as('supervisor', (ctx) => superviseServiceRequest(ctx, { requestId: request.id, level: SupervisionLevel.REMINDER, note: '请尽快' }));
    expect((await reload(request.id)).supervisionLevel).toBe(SupervisionLevel.REMINDER);
    await as('supervisor', (ctx) => superviseServiceRequest(ctx, { requestId: request.id, level: SupervisionLevel.SUMMONED, note: '约谈' }));
    await as('supervisor', (ctx) => superviseServiceRequest(ctx, { requestId: request.id, level: SupervisionLevel.LISTED, note: '挂牌' }));
    expect((await reload(request.id)).supervisionLevel).toBe(SupervisionLevel.SUMMONED);
    const kinds = await timelineKinds(request.id);
    expect(kinds).toEqual([TimelineEventKind.CREATED, TimelineEventKind.URGED, TimelineEventKind.SUPERVISED, TimelineEventKind.SUPERVISED]);
  });

  test('ownership transfer shows in the timeline with from and to', async () => {
    const request = await create();
    await expectCode(as('supervisor', (ctx) => transferOwnership(ctx, request.id, staff.liaison_urban.id, '交接')), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('supervisor', (ctx) => transferOwnership(ctx, request.id, staff.retired.id, '交接')), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('supervisor', (ctx) => transferOwnership(ctx, request.id, staff.agent.id, '交接')), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('supervisor', (ctx) => transferOwnership(ctx, request.id, '987654321', '交接')), ErrorCode.NOT_FOUND);
    await expectCode(as('supervisor', (ctx) => transferOwnership(ctx, request.id, staff.agent2.id, ' ')), ErrorCode.BAD_USER_INPUT);
    const moved = await as('supervisor', (ctx) => transferOwnership(ctx, request.id, staff.agent2.id, '交接班'));
    expect(moved.ownerId).toBe(staff.agent2.id);
    const event = await ds.getRepository(TimelineEvent).findOneByOrFail({ requestId: request.id, kind: TimelineEventKind.OWNERSHIP_TRANSFERRED });
    expect(event.data).toMatchObject({ fromStaffId: staff.agent.id, toStaffId: staff.agent2.id });
    expect(event.actorId).toBe(staff.supervisor.id);
  });

  test('notes: visible requests only, content required', async () => {
    const request = await create();
    const note = await as('agent', (ctx) => addNote(ctx, request.id, '市民再次来电催促'));
    expect(note).toMatchObject({ kind: TimelineEventKind.NOTE, actorId: staff.agent.id });
    await expectCode(as('agent', (ctx) => addNote(ctx, request.id, '')), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('agent', (ctx) => addNote(ctx, request.id, 'x'.repeat(5001))), ErrorCode.BAD_USER_INPUT);
    await expectCode(as('liaison_urban', (ctx) => addNote(ctx, request.id, '看不到')), ErrorCode.NOT_FOUND);
  });
});

// ------------------------------------------------------------------ races

describe('concurrency', () => {
  async function racedOnce(work: (assignmentId: string) => Promise<unknown>, kind: TimelineEventKind) {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => work(leadAssignmentId!)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const r of lost) expect([ErrorCode.INVALID_TRANSITION, ErrorCode.CONFLICT]).toContain(r.reason.code);
    const events = await ds.getRepository(TimelineEvent).countBy({ requestId: request.id, kind });
    expect(events).toBe(1);
    return request;
  }

  test('20 parallel acceptAssignment calls: exactly one wins, one timeline event', async () => {
    const request = await racedOnce((id) => as('liaison_urban', (ctx) => acceptAssignment(ctx, id)), TimelineEventKind.ACCEPTED);
    expect((await reload(request.id)).status).toBe(RequestStatus.IN_PROGRESS);
  });

  test('20 parallel requestReturn calls: exactly one wins, one timeline event', async () => {
    await racedOnce((id) => as('liaison_urban', (ctx) => requestReturn(ctx, id, '不属于本部门')), TimelineEventKind.RETURN_REQUESTED);
  });

  test('20 parallel decisions on one return: exactly one wins', async () => {
    const request = await create();
    const { leadAssignmentId } = await dispatch(request.id);
    await as('liaison_urban', (ctx) => requestReturn(ctx, leadAssignmentId!, '不属于本部门'));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => as('supervisor', (ctx) => decideReturn(ctx, leadAssignmentId!, i % 2 === 0))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await ds.getRepository(TimelineEvent).countBy({ requestId: request.id, kind: TimelineEventKind.RETURN_DECIDED })).toBe(1);
    expect(await ds.getRepository(Assignment).countBy({ requestId: request.id, status: In([AssignmentStatus.RETURNED, AssignmentStatus.PENDING]) })).toBe(1);
  });
});
