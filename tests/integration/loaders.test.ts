import 'reflect-metadata';
import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { seedReferenceData } from '../../src/seed/reference-data.seed';
import { createLoaders } from '../../src/services/loaders';
import { createTestDatabase, TestDatabase } from './support/test-db';

// Lists resolve their relations through DataLoaders: one IN (…) query per relation, whatever the page size.

class CountingLogger extends AbstractLogger {
  queries: string[] = [];
  protected writeLog(_level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const m of Array.isArray(message) ? message : [message]) if (m.type === 'query') this.queries.push(String(m.message));
  }
}

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

test('twenty lookups of staff, departments and children are three queries', async () => {
  const loaders = createLoaders(ds.manager, new Date());
  const staff: { id: string }[] = await ds.query('SELECT id FROM staff ORDER BY id LIMIT 20');
  const departments: { id: string }[] = await ds.query('SELECT id FROM department ORDER BY id LIMIT 20');
  logger.queries = [];
  const [people, depts, children] = await Promise.all([
    Promise.all(staff.map((s) => loaders.staffById.load(String(s.id)))),
    Promise.all(departments.map((d) => loaders.departmentById.load(String(d.id)))),
    Promise.all(departments.map((d) => loaders.childrenByDepartmentId.load(String(d.id)))),
  ]);
  expect(logger.queries).toHaveLength(3);
  expect(people.map((p) => p?.id)).toEqual(staff.map((s) => String(s.id)));
  expect(depts.every(Boolean)).toBe(true);
  expect(children.flat().length).toBeGreaterThan(0);
});

test('missing keys answer null and [] in key order', async () => {
  const loaders = createLoaders(ds.manager, new Date());
  const [a, b] = await Promise.all([loaders.staffById.load('999999'), loaders.assignmentsByRequestId.load('999999')]);
  expect(a).toBeNull();
  expect(b).toEqual([]);
  expect(await loaders.citizenStatsById.load('999999')).toEqual({ requestCount: 0, recentCount30d: 0 });
});
