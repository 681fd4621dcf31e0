import 'reflect-metadata';
import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { seedReferenceData } from '../../src/seed/reference-data.seed';
import {
  Assignment, Citizen, Department, ExtensionRequest, FollowUp, ServiceRequest, Staff, TimelineEvent,
} from '../../src/entities';
import { entityRows } from '../../src/services/entity-rows';
import { RequestStatus, Role, Satisfaction, SupervisionLevel, TimelineEventKind } from '../../src/domain/enums';
import {
  buildAssignment, buildCitizen, buildDepartment, buildExtension, buildFollowUp, buildServiceRequest, buildStaff, buildTimelineEvent,
} from './support/fixtures';
import { createTestDatabase, TestDatabase } from './support/test-db';

// The hot read paths read entities by hand-written SQL (src/services/entity-rows.ts): what they answer must be
// what a find answers, column for column (dates, bigint ids as strings, enums and enum arrays, jsonb, nulls).

let db: TestDatabase;
let em: EntityManager;

beforeAll(async () => {
  db = await createTestDatabase();
  em = db.dataSource.manager;
  await seedReferenceData(em, { demoPassword: 'demo12345' });
});
afterAll(() => db.drop());

async function sameAsFind<T extends ObjectLiteral & { id: string }>(target: EntityTarget<T>, ids: string[]): Promise<void> {
  const byFind = await em.getRepository(target).find({ where: { id: In(ids) } as never, order: { id: 'ASC' } as never });
  const bySql = await entityRows(em, target).where('t', 't.id = ANY($1)', [ids], 't.id');
  expect(byFind).toHaveLength(ids.length);
  expect(bySql).toEqual(byFind);
  for (const entity of bySql) expect(entity).toBeInstanceOf(byFind[0].constructor);
}

test('every kind of row the read paths load converts exactly as a find converts it', async () => {
  const department = await buildDepartment(em);
  const liaison = await buildStaff(em, { roles: [Role.LIAISON, Role.SUPERVISOR], department });
  const citizen = await buildCitizen(em, { name: '李四' });
  const full = await buildServiceRequest(em, {
    citizenId: citizen.id, address: '和平路18号', status: RequestStatus.DISPATCHED, dueAt: new Date('2026-12-01T08:30:00.123Z'),
    supervisionLevel: SupervisionLevel.LISTED, confidential: true,
  });
  const bare = await buildServiceRequest(em);
  const assignment = await buildAssignment(em, { requestId: full.id, departmentId: department.id, dispatchedById: liaison.id });
  const extension = await buildExtension(em, { assignment, requestedById: liaison.id });
  const followUp = await buildFollowUp(em, { requestId: full.id, recordedById: liaison.id, reached: true, satisfaction: Satisfaction.SATISFIED });
  const event = await buildTimelineEvent(em, { requestId: full.id, data: { nested: { a: [1, '二'] }, n: null } });
  const plain = await buildTimelineEvent(em, { requestId: bare.id, assignmentId: assignment.id, actorId: liaison.id });

  await sameAsFind(ServiceRequest, [full.id, bare.id]);
  await sameAsFind(Staff, [liaison.id]);
  await sameAsFind(Citizen, [citizen.id]);
  await sameAsFind(Assignment, [assignment.id]);
  await sameAsFind(ExtensionRequest, [extension.id]);
  await sameAsFind(FollowUp, [followUp.id]);
  await sameAsFind(TimelineEvent, [event.id, plain.id]);
  await sameAsFind(Department, [department.id]);
});

test('the select list leaves out what a find never selects (the search bigrams)', () => {
  const list = entityRows(em, ServiceRequest).selectList('r');
  expect(list).toContain('r."code"');
  expect(list).not.toContain('text_bigrams');
});

test('two entities in one joined row, one of them under a prefix, convert as finds convert them', async () => {
  const department = await buildDepartment(em);
  const request = await buildServiceRequest(em, { address: '和平路18号', dueAt: new Date('2026-12-01T08:30:00.123Z') });
  const assignment = await buildAssignment(em, { requestId: request.id, departmentId: department.id });
  const assignments = entityRows(em, Assignment);
  const requests = entityRows(em, ServiceRequest);
  expect(requests.selectList('r', 'r.')).toContain('r."id" AS "r.id"');
  const [row] = await em.query(
    `SELECT ${assignments.selectList('a')}, ${requests.selectList('r', 'r.')} FROM assignment a JOIN service_request r ON r.id = a.request_id WHERE a.id = $1`,
    [assignment.id],
  );
  expect(assignments.fromRow(row)).toEqual(await em.getRepository(Assignment).findOneByOrFail({ id: assignment.id }));
  expect(requests.fromRow(row, 'r.')).toEqual(await em.getRepository(ServiceRequest).findOneByOrFail({ id: request.id }));
});

test('insert answers the row as written, defaults and generated id included, as a find reads it back', async () => {
  const request = await buildServiceRequest(em);
  const at = new Date('2026-11-30T01:02:03.456Z');
  const inserted = await entityRows(em, TimelineEvent).insert({
    requestId: request.id, kind: TimelineEventKind.NOTE, summary: '备注', data: { list: [1, 2], text: '引号"和\\反斜杠' }, actorId: null, at,
  });
  expect(inserted!.id).toMatch(/^[1-9][0-9]*$/);
  expect(inserted).toEqual(await em.getRepository(TimelineEvent).findOneByOrFail({ id: inserted!.id }));
  expect(inserted!.data).toEqual({ list: [1, 2], text: '引号"和\\反斜杠' });
  expect(inserted!.assignmentId).toBeNull(); // left out of the insert: the column's default
});

test('an insert that ON CONFLICT does nothing answers null and writes nothing', async () => {
  const request = await buildServiceRequest(em, { idempotencyKey: 'key-1' });
  const rows = entityRows(em, ServiceRequest);
  const again = await rows.insert(
    { ...request, id: undefined, code: `${request.code}-2` } as Partial<ServiceRequest>,
    'ON CONFLICT (registered_by_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING',
  );
  expect(again).toBeNull();
  const [{ n }] = await em.query('SELECT count(*)::int AS n FROM service_request WHERE idempotency_key = $1', ['key-1']);
  expect(n).toBe(1);
});
