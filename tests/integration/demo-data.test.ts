// The demo data a newcomer sees on the first `npm start`: the reference data of DESIGN.md §9 (idempotent),
// and demo requests driven through the services that end up in every state without a single refused step.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { RequestStatus, Role } from '../../src/domain/enums';
import { seedDemoRequests } from '../../src/seed/demo-requests.seed';
import { seedReferenceData } from '../../src/seed/reference-data.seed';
import { seededRandom } from '../../src/seed/random';
import { seedDemoRoutingHistory } from '../../src/seed/demo-routing-history.seed';
import { seedRoutingRules } from '../../src/seed/routing-rules.seed';
import { suggestRoutes } from '../../src/services/routing/routing-suggestion.service';
import { createTestDatabase, TestDatabase } from './support/test-db';

const TZ = 'Asia/Shanghai';
// A Wednesday afternoon: the open stories (signed for, replied, …) have had working hours to happen in.
const NOW = new Date('2026-03-18T15:00:00+08:00');

let db: TestDatabase;
let seeding: DataSource;

const count = async (sql: string): Promise<number> => Number((await db.dataSource.query(sql))[0].n);

beforeAll(async () => {
  db = await createTestDatabase();
  // As in seedDemoData: thousands of small commits, none of which needs to wait for its WAL flush here.
  await db.dataSource.query(`ALTER DATABASE ${db.name} SET synchronous_commit = off`);
  seeding = await createDataSource(db.url, { poolSize: 2 }).initialize();
  await seeding.transaction((em) => seedReferenceData(em, { demoPassword: 'demo12345' }));
});

afterAll(async () => {
  await seeding?.destroy();
  await db?.drop();
});

describe('reference data', () => {
  test('has the departments, regions and accounts of DESIGN.md §9', async () => {
    const codes = (await db.dataSource.query(`SELECT code FROM department`)).map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['HOTLINE', 'URBAN', 'MARKET', 'TRANSPORT', 'HOUSING', 'ENV', 'WATER', 'HEALTH', 'EDU', 'HRSS', 'D01', 'D06', 'D01S01']));
    // Districts and streets are both regions and governments, with the same codes.
    expect(await count(`SELECT count(*) AS n FROM region r JOIN department d USING (code)`)).toBe(await count(`SELECT count(*) AS n FROM region WHERE code <> 'CITY'`));
    const staff: { username: string; roles: Role[]; code: string | null }[] = await db.dataSource.query(
      `SELECT s.username, s.roles::text[] AS roles, d.code FROM staff s LEFT JOIN department d ON d.id = s.department_id WHERE s.demo`,
    );
    const byName = new Map(staff.map((s) => [s.username, s]));
    expect(byName.get('admin')?.roles).toEqual([Role.ADMIN]);
    expect(byName.get('agent02')?.roles).toEqual([Role.AGENT]);
    expect(byName.get('supervisor01')?.roles).toEqual([Role.SUPERVISOR]);
    expect(byName.get('analyst01')?.roles).toEqual([Role.ANALYST]);
    expect(byName.get('liaison_d01s01')).toEqual({ username: 'liaison_d01s01', roles: [Role.LIAISON], code: 'D01S01' });
    // One liaison per department except the center itself.
    expect(staff.filter((s) => s.roles.includes(Role.LIAISON))).toHaveLength(await count(`SELECT count(*) AS n FROM department WHERE code <> 'HOTLINE'`));
  });

  test('keeps materialised paths consistent with parents', async () => {
    expect(await count(`SELECT count(*) AS n FROM category c LEFT JOIN category p ON p.id = c.parent_id
      WHERE c.path <> coalesce(p.path, '/') || c.id || '/' OR c.depth <> coalesce(p.depth + 1, 0)`)).toBe(0);
  });

  test('loading it again changes nothing but keeps it complete', async () => {
    const before = await db.dataSource.query(`SELECT (SELECT count(*) FROM department) d, (SELECT count(*) FROM staff) s, (SELECT count(*) FROM calendar_day) c, (SELECT count(*) FROM sla_policy) p`);
    await seeding.transaction((em) => seedReferenceData(em, { demoPassword: 'demo12345' }));
    const after = await db.dataSource.query(`SELECT (SELECT count(*) FROM department) d, (SELECT count(*) FROM staff) s, (SELECT count(*) FROM calendar_day) c, (SELECT count(*) FROM sla_policy) p`);
    expect(after).toEqual(before);
  });
});

describe('demo requests', () => {
  beforeAll(async () => {
    const result = await seedDemoRequests({ dataSource: seeding, timeZone: TZ, now: NOW, count: 150, random: seededRandom(7) });
    expect(result.failedSteps).toEqual([]);
    expect(result.created).toBeGreaterThan(140);
  }, 180_000);

  test('every request state is present, none in the future', async () => {
    const rows: { status: RequestStatus }[] = await db.dataSource.query(`SELECT DISTINCT status FROM service_request`);
    expect(rows.map((r) => r.status).sort()).toEqual(Object.values(RequestStatus).sort());
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE created_at > '${NOW.toISOString()}' OR updated_at > '${NOW.toISOString()}'`)).toBe(0);
  });

  test('the stories of the lifecycle all happened', async () => {
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE round = 3 AND supervision_level = 'LISTED'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM assignment WHERE status = 'RETURNED'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM extension_request WHERE status = 'APPROVED'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM extension_request WHERE status = 'REJECTED'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE status = 'MERGED' AND merged_into_id IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE close_reason LIKE 'unreachable%'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE resolved_at_intake_at IS NOT NULL AND status = 'CLOSED'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE due_at < '${NOW.toISOString()}' AND status IN ('DISPATCHED', 'IN_PROGRESS')`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE confidential`)).toBeGreaterThan(0);
  });

  test('some citizens called more than once within 30 days, some stayed anonymous', async () => {
    expect(await count(`SELECT count(*) AS n FROM (SELECT citizen_id FROM service_request WHERE citizen_id IS NOT NULL
      GROUP BY citizen_id HAVING count(*) > 1 AND max(created_at) - min(created_at) < interval '30 days') x`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE citizen_id IS NULL`)).toBeGreaterThan(0);
  });
});

describe('routing rules and the finished history behind them', () => {
  const subject = (regionCode: string) => db.dataSource.query(
    `SELECT (SELECT id::text FROM category WHERE code = 'URBAN_LIGHT') AS "categoryId", (SELECT id::text FROM region WHERE code = $1) AS "regionId"`,
    [regionCode],
  ).then(([r]) => ({ ...r, id: null, title: '路灯不亮', content: '幸福路附近路灯不亮，好几天了，希望尽快处理。' }));
  const best = async (regionCode: string) => {
    const [top] = await suggestRoutes(db.dataSource.manager, await subject(regionCode), NOW);
    return (await db.dataSource.query(`SELECT code FROM department WHERE id = $1`, [top.departmentId]))[0].code;
  };

  beforeAll(async () => {
    expect(await seedRoutingRules(seeding.manager, NOW)).toBeGreaterThan(100);
    expect(await seedDemoRoutingHistory(seeding, NOW, TZ)).toBe(2000);
  }, 60_000);

  test('every department but the center has a rule, and the history is closed work of months ago', async () => {
    expect(await count(`SELECT count(*) AS n FROM department d WHERE code <> 'HOTLINE' AND NOT EXISTS (SELECT 1 FROM routing_rule r WHERE r.department_id = d.id)`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM service_request WHERE code LIKE '%-9%' AND status = 'CLOSED' AND created_at < '${NOW.toISOString()}'::timestamptz - interval '30 days'`)).toBe(2000);
    expect(await count(`SELECT count(*) AS n FROM rollup_dirty_day`)).toBeGreaterThan(80);
  });

  test('suggestions have learned what the rules do not say: street lights in 滨江区 are the district\'s', async () => {
    expect(await best('D05S01')).toBe('D05');
    expect(await best('D01S01')).toBe('URBAN');
  });
});
