import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { seedReferenceData } from '../../src/seed/reference-data.seed';
import { createLoaders } from '../../src/services/loaders';
import { ReferenceCache } from '../../src/services/reference-cache';
import { AssignmentRole, Role } from '../../src/domain/enums';
import {
  buildAssignment, buildCitizen, buildDepartment, buildExtension, buildFollowUp, buildServiceRequest, buildStaff,
} from './support/fixtures';
import { CountingLogger } from './support/counting-logger';
import { createTestDatabase, TestDatabase } from './support/test-db';

// Lists resolve their relations through DataLoaders: one IN (…) query per relation, whatever the page size.

let db: TestDatabase;
const logger = new CountingLogger(['query']);
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedReferenceData(db.dataSource.manager, { demoPassword: 'demo12345' });
  ds = await new DataSource({ ...createDataSource(db.url, { poolSize: 2 }).options, logging: ['query'], logger } as never).initialize();
});
afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

let references: ReferenceCache;
let knownVersion: string;
// As in a GraphQL request: the version was read with the actor.
const loadersAt = (now: Date) => createLoaders(ds.manager, now, () => references.snapshot(knownVersion));

beforeEach(async () => {
  references = new ReferenceCache(ds);
  knownVersion = (await references.snapshot()).version;
});

test('twenty lookups of staff, departments and children: one query for staff, none for the cached departments', async () => {
  const loaders = loadersAt(new Date());
  const staff: { id: string }[] = await ds.query('SELECT id FROM staff ORDER BY id LIMIT 20');
  const departments: { id: string }[] = await ds.query('SELECT id FROM department ORDER BY id LIMIT 20');
  logger.queries = [];
  const [people, depts, children] = await Promise.all([
    Promise.all(staff.map((s) => loaders.staffById.load(String(s.id)))),
    Promise.all(departments.map((d) => loaders.departmentById.load(String(d.id)))),
    Promise.all(departments.map((d) => loaders.childrenByDepartmentId.load(String(d.id)))),
  ]);
  expect(logger.queries).toHaveLength(1);
  expect(logger.queries[0]).toContain('"staff"');
  expect(people.map((p) => p?.id)).toEqual(staff.map((s) => String(s.id)));
  expect(depts.map((d) => d?.id)).toEqual(departments.map((d) => String(d.id)));
  expect(children.flat().length).toBeGreaterThan(0);
  const [first] = await ds.query('SELECT array_agg(id::text ORDER BY id) AS ids FROM department WHERE parent_id = $1', [departments[0].id]);
  expect(children[0].map((c) => c.id)).toEqual(first.ids ?? []);
});

test('a department created after the version the request knows is still found, read from the database', async () => {
  const fresh = await buildDepartment(db.dataSource.manager);
  const loaders = loadersAt(new Date());
  logger.queries = [];
  expect((await loaders.departmentById.load(fresh.id))?.code).toBe(fresh.code);
  expect(logger.queries).toHaveLength(1);
  expect(await loadersAt(new Date()).departmentById.load('999999')).toBeNull();
});

test('missing keys answer null and [] in key order', async () => {
  const loaders = loadersAt(new Date());
  const [a, b] = await Promise.all([loaders.staffById.load('999999'), loaders.assignmentsByRequestId.load('999999')]);
  expect(a).toBeNull();
  expect(b).toEqual([]);
  expect(await loaders.citizenStatsById.load('999999')).toEqual({ requestCount: 0, recentCount30d: 0 });
});

describe('relations of a page of requests', () => {
  const NOW = new Date('2026-03-10T04:00:00Z');
  const DAY = 86_400_000;
  let w: import('typeorm').EntityManager;
  beforeAll(() => {
    w = db.dataSource.manager; // writes go through the unlogged connection
  });

  test('assignments, extensions, follow-ups and duplicates: one query per relation, in key order, [] when none', async () => {
    const dept = await buildDepartment(w);
    const agent = await buildStaff(w);
    const [r1, r2, r3] = [await buildServiceRequest(w), await buildServiceRequest(w), await buildServiceRequest(w)];
    const a1 = await buildAssignment(w, { requestId: r1.id, departmentId: dept.id });
    const a3 = await buildAssignment(w, { requestId: r3.id, departmentId: dept.id });
    const a3b = await buildAssignment(w, { requestId: r3.id, departmentId: dept.id, role: AssignmentRole.ASSIST });
    const ext = await buildExtension(w, { assignment: a3, requestedById: agent.id });
    const f2 = await buildFollowUp(w, { requestId: r2.id, recordedById: agent.id });
    const dup = await buildServiceRequest(w, { mergedIntoId: r1.id });

    const loaders = loadersAt(NOW);
    const keys = [r3.id, r2.id, r1.id];
    logger.queries = [];
    const [assignments, followUps, duplicates, extensions] = await Promise.all([
      Promise.all(keys.map((k) => loaders.assignmentsByRequestId.load(k))),
      Promise.all(keys.map((k) => loaders.followUpsByRequestId.load(k))),
      Promise.all(keys.map((k) => loaders.duplicatesByRequestId.load(k))),
      Promise.all([a3.id, a1.id].map((k) => loaders.extensionsByAssignmentId.load(k))),
    ]);
    expect(logger.queries).toHaveLength(4);
    expect(assignments.map((list) => list.map((a) => a.id))).toEqual([[a3.id, a3b.id], [], [a1.id]]);
    expect(followUps.map((list) => list.map((f) => f.id))).toEqual([[], [f2.id], []]);
    expect(duplicates.map((list) => list.map((d) => d.id))).toEqual([[], [], [dup.id]]);
    expect(extensions.map((list) => list.map((e) => e.id))).toEqual([[ext.id], []]);
  });

  test('citizen statistics: all requests and those of the 30 days before now, for many citizens in one query', async () => {
    const [often, once, never] = [await buildCitizen(w), await buildCitizen(w), await buildCitizen(w)];
    for (const daysAgo of [1, 10, 29.9, 31, 400]) await buildServiceRequest(w, { citizenId: often.id, createdAt: new Date(NOW.getTime() - daysAgo * DAY) });
    await buildServiceRequest(w, { citizenId: once.id, createdAt: new Date(NOW.getTime() - 2 * DAY) });

    const loaders = loadersAt(NOW);
    logger.queries = [];
    const stats = await Promise.all([often.id, never.id, once.id].map((id) => loaders.citizenStatsById.load(id)));
    expect(logger.queries).toHaveLength(1);
    expect(stats).toEqual([
      { requestCount: 5, recentCount30d: 3 },
      { requestCount: 0, recentCount30d: 0 },
      { requestCount: 1, recentCount30d: 1 },
    ]);
  });

  test('liaisons of departments: active liaisons only, by username, one query', async () => {
    const [d1, d2] = [await buildDepartment(w), await buildDepartment(w)];
    await buildStaff(w, { username: 'zz_liaison', roles: [Role.LIAISON], department: d1 });
    await buildStaff(w, { username: 'aa_liaison', roles: [Role.LIAISON], department: d1 });
    await buildStaff(w, { username: 'gone_liaison', roles: [Role.LIAISON], department: d1, active: false });
    await buildStaff(w, { username: 'not_a_liaison', roles: [Role.AGENT], department: d1 });

    const loaders = loadersAt(NOW);
    logger.queries = [];
    const [of1, of2] = await Promise.all([loaders.liaisonsByDepartmentId.load(d1.id), loaders.liaisonsByDepartmentId.load(d2.id)]);
    expect(logger.queries).toHaveLength(1);
    expect(of1.map((s) => s.username)).toEqual(['aa_liaison', 'zz_liaison']);
    expect(of2).toEqual([]);
  });

  test('a loader caches within the GraphQL request: the same key twice is one query', async () => {
    const loaders = loadersAt(NOW);
    const [row] = await ds.query('SELECT id::text FROM staff LIMIT 1');
    logger.queries = [];
    await loaders.staffById.load(row.id);
    await loaders.staffById.load(row.id);
    expect(logger.queries).toHaveLength(1);
  });
});
