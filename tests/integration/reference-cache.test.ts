import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { seedReferenceData } from '../../src/seed/reference-data.seed';
import { ReferenceCache } from '../../src/services/reference-cache';
import { GraphQLClient } from './support/graphql-client';
import { createRequest } from './support/operations';
import { startTestServer, TestServer } from './support/test-server';
import { CountingLogger } from './support/counting-logger';
import { createTestDatabase, TestDatabase } from './support/test-db';

// Departments, categories and regions are kept in memory per process; reference_version, raised by triggers in the
// changing statement's transaction, says when the copy is stale (src/services/reference-cache.ts).

describe('the cache', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const logger = new CountingLogger(['query']);
  const version = async (): Promise<string> => (await db.dataSource.query('SELECT version::text FROM reference_version'))[0].version;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReferenceData(db.dataSource.manager, { demoPassword: 'demo12345' });
    ds = await new DataSource({ ...createDataSource(db.url, { poolSize: 4 }).options, logging: ['query'], logger } as never).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  test('every statement that changes a tree raises the version once, in its own transaction; other tables do not', async () => {
    const w = db.dataSource.manager;
    let before = await version();
    await w.query(`INSERT INTO category (code, name, parent_id, path, depth) VALUES ('RC_A', 'A', NULL, '/x/', 0), ('RC_B', 'B', NULL, '/y/', 0)`);
    expect(BigInt(await version())).toBe(BigInt(before) + 1n);
    for (const sql of [
      `UPDATE region SET name = name || '' WHERE level = 'DISTRICT'`,
      `UPDATE department SET name = name WHERE id = (SELECT min(id) FROM department)`,
      `DELETE FROM category WHERE code IN ('RC_A', 'RC_B')`,
    ]) {
      before = await version();
      await w.query(sql);
      expect(BigInt(await version())).toBe(BigInt(before) + 1n);
    }
    before = await version();
    await w.query(`UPDATE staff SET display_name = display_name WHERE id = (SELECT min(id) FROM staff)`);
    await w.transaction(async (em) => {
      await em.query(`UPDATE category SET name = name WHERE id = (SELECT min(id) FROM category)`);
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await version()).toBe(before);
  });

  test('a request that knows the current version reads nothing; a newer one reloads once, however many ask at once', async () => {
    const cache = new ReferenceCache(ds);
    const first = await cache.snapshot();
    logger.queries = [];
    expect(await cache.snapshot(first.version)).toBe(first);
    expect(logger.queries).toHaveLength(0);

    const [street] = await ds.query(`SELECT r.id::text AS id FROM region r WHERE r.level = 'STREET' ORDER BY r.id LIMIT 1`);
    await db.dataSource.query(`UPDATE region SET name = '新名字' WHERE id = $1`, [street.id]);
    const newer = await version();
    logger.queries = [];
    const all = await Promise.all(Array.from({ length: 10 }, () => cache.snapshot(newer)));
    expect(new Set(all).size).toBe(1);
    expect(all[0].version).toBe(newer);
    expect(logger.queries).toHaveLength(4); // the version, then the three trees
    expect(all[0].regions.get(street.id)?.name).toBe('新名字');
  });

  test('without a known version the committed one is read, and the trees only when it moved', async () => {
    const cache = new ReferenceCache(ds);
    const first = await cache.snapshot();
    logger.queries = [];
    expect(await cache.snapshot()).toBe(first);
    expect(logger.queries).toHaveLength(1);
  });

  test('a change still uncommitted in another transaction is never cached', async () => {
    const cache = new ReferenceCache(ds);
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`INSERT INTO category (code, name, parent_id, path, depth) VALUES ('RC_UNCOMMITTED', '?', NULL, '/u/', 0)`);
      const snapshot = await cache.snapshot();
      expect(snapshot.categories.withCode('RC_UNCOMMITTED')).toBeNull();
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  test('the cached rows are shared, so they are frozen; a subtree is the same set as the path prefix match', async () => {
    const snapshot = await new ReferenceCache(ds).snapshot();
    const [district] = await ds.query(`SELECT r.id::text AS id FROM region r WHERE r.level = 'DISTRICT' ORDER BY r.id LIMIT 1`);
    const region = snapshot.regions.get(district.id)!;
    expect(() => { (region as { name: string }).name = 'changed'; }).toThrow(TypeError);
    const [{ ids }] = await ds.query(
      `SELECT array_agg(sub.id::text ORDER BY sub.id) AS ids FROM region top JOIN region sub ON sub.path LIKE top.path || '%' WHERE top.id = $1`, [district.id]);
    expect(snapshot.regions.subtree(region).map((r) => r.id)).toEqual(ids);
    expect(ids.length).toBeGreaterThan(1);
  });
});

describe('through the API', () => {
  let t: TestServer;
  let agent: GraphQLClient;
  beforeAll(async () => {
    t = await startTestServer();
    [agent] = await t.loginAll('agent01');
  });
  afterAll(() => t.close());

  const REQUEST = 'query($code: String!) { serviceRequest(code: $code) { category { code name } region { code name } } }';

  test('a change committed elsewhere (another replica, an import, by hand) shows in the next request', async () => {
    const created = await createRequest(agent, {});
    const before = (await agent.ok(REQUEST, { code: created.code })).serviceRequest;
    await t.db.dataSource.query(`UPDATE category SET name = '改过的名字' WHERE code = $1`, [before.category.code]);
    await t.db.dataSource.query(`INSERT INTO category (code, name, parent_id, path, depth) VALUES ('RC_NEW', '新分类', NULL, '/rc_new/', 0)`);
    expect((await agent.ok(REQUEST, { code: created.code })).serviceRequest.category).toEqual({ code: before.category.code, name: '改过的名字' });
    const search = await agent.request('{ serviceRequests(filter: { categoryCode: "RC_NEW" }, first: 1) { edges { node { code } } } }');
    expect(search.errors).toBeUndefined();
  });

  test('an unknown code is still BAD_USER_INPUT naming the code', async () => {
    const result = await agent.request('{ serviceRequests(filter: { regionCode: "NO_SUCH_REGION" }, first: 1) { edges { node { code } } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('NO_SUCH_REGION');
  });
});
