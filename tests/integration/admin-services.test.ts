import { EntityManager } from 'typeorm';
import { resolveActor } from '../../src/auth/authenticate';
import { issueToken } from '../../src/auth/token';
import { RequestType, Role, SlaUnit, Urgency } from '../../src/domain/enums';
import { defaultSlaPolicies, SlaPolicyRule } from '../../src/domain/sla';
import { SlaPolicy, Staff } from '../../src/entities';
import { CalendarCache } from '../../src/services/calendar-cache';
import { listCalendar, setCalendarDays } from '../../src/services/calendar.service';
import { ServiceContext } from '../../src/services/service-context';
import { listSlaPolicies, updateSlaPolicy } from '../../src/services/sla-policy.service';
import { createStaff, findStaff, login } from '../../src/services/staff.service';
import { buildDepartment, buildStaff, contextFor } from './support/fixtures';
import { createTestDatabase, TestDatabase } from './support/test-db';

// Authentication and administration services against real PostgreSQL: login and tokens, staff accounts,
// SLA policies and the working-day calendar.

const NOW = new Date('2026-03-10T04:00:00Z');
const dev = { tokenSecret: 'integration-secret-integration-secret', tokenTtl: '12h', nodeEnv: 'development' as const };
const production = { ...dev, nodeEnv: 'production' as const };

let db: TestDatabase;
let em: EntityManager;
let admin: ServiceContext;

beforeAll(async () => {
  db = await createTestDatabase();
  em = db.dataSource.manager;
  admin = await contextFor(em, await buildStaff(em, { roles: [Role.ADMIN] }), NOW);
});
afterAll(() => db.drop());

const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));

describe('login and tokens', () => {
  let liaison: Staff;
  beforeAll(async () => {
    const dept = await buildDepartment(em, { code: 'LOGIN_DEPT' });
    liaison = await buildStaff(em, { username: 'liaison_login', password: 'correct horse', roles: [Role.LIAISON], department: dept });
    await buildStaff(em, { username: 'retired', password: 'correct horse', active: false });
    await buildStaff(em, { username: 'demo_agent', password: 'demo12345', demo: true });
  });

  test('right credentials give a token that resolves to the actor, with the department path', async () => {
    const { token, staff } = await login(em, dev, '  Liaison_Login ', 'correct horse', NOW);
    expect(staff.id).toBe(liaison.id);
    const actor = await resolveActor(em, dev, token, NOW);
    expect(actor).toMatchObject({ staffId: liaison.id, username: 'liaison_login', roles: [Role.LIAISON], departmentId: liaison.departmentId });
    expect(actor!.departmentPath).toMatch(/^\/\d+\/$/);
  });

  test('unknown user, wrong password, inactive account and oversized input get the same answer', async () => {
    const attempts: [string, string][] = [
      ['nobody', 'correct horse'], ['liaison_login', 'wrong horse'], ['retired', 'correct horse'],
      ['liaison_login', 'x'.repeat(10_000)], ['', ''], ['liaison_login\u0000', 'correct horse'],
    ];
    for (const [username, password] of attempts) {
      expect(await failure(login(em, dev, username, password, NOW))).toEqual({ code: 'UNAUTHENTICATED', message: 'invalid username or password' });
    }
  });

  test('demo accounts work in development and are refused in production, token or password', async () => {
    const { token } = await login(em, dev, 'demo_agent', 'demo12345', NOW);
    expect(await resolveActor(em, dev, token, NOW)).not.toBeNull();
    expect((await failure(login(em, production, 'demo_agent', 'demo12345', NOW)))?.code).toBe('UNAUTHENTICATED');
    expect(await resolveActor(em, production, token, NOW)).toBeNull();
  });

  test('a token outlives neither its expiry nor the account', async () => {
    const staff = await buildStaff(em, { roles: [Role.AGENT] });
    const token = await issueToken(dev, staff.id, NOW);
    expect((await failure(resolveActor(em, dev, token, new Date(NOW.getTime() + 13 * 3_600_000))))?.code).toBe('UNAUTHENTICATED');
    await em.getRepository(Staff).update(staff.id, { active: false });
    expect(await resolveActor(em, dev, token, NOW)).toBeNull();
    expect(await resolveActor(em, dev, await issueToken(dev, '987654321', NOW), NOW)).toBeNull();
  });
});

describe('createStaff', () => {
  beforeAll(() => buildDepartment(em, { code: 'STAFF_DEPT' }));
  const valid = { username: 'new.agent-01', displayName: '新话务员', password: 'long enough', roles: [Role.AGENT] };

  test('creates an account with a hashed password that can log in', async () => {
    const staff = await createStaff(admin, valid);
    expect(staff).toMatchObject({ username: 'new.agent-01', displayName: '新话务员', roles: [Role.AGENT], departmentId: null, active: true, demo: false });
    expect(staff.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await login(em, dev, 'new.agent-01', 'long enough', NOW)).staff.id).toBe(staff.id);
    expect((await findStaff(admin, staff.id))?.username).toBe('new.agent-01');
    expect(await findStaff(admin, 'nope')).toBeNull();
  });

  test('a liaison belongs to a department given by code', async () => {
    const staff = await createStaff(admin, { ...valid, username: 'liaison_new', roles: [Role.LIAISON], departmentCode: 'STAFF_DEPT' });
    const [dept] = await em.query(`SELECT id::text FROM department WHERE code = 'STAFF_DEPT'`);
    expect(staff.departmentId).toBe(dept.id);
  });

  test.each([
    ['a short username', { username: 'ab' }],
    ['a username with a space', { username: 'no spaces' }],
    ['a username with Chinese', { username: '张三' }],
    ['a 65-character username', { username: 'a'.repeat(65) }],
    ['a short password', { password: 'short' }],
    ['no roles', { roles: [] }],
    ['an unknown role', { roles: ['ROOT'] }],
    ['a liaison without department', { roles: [Role.LIAISON] }],
    ['an unknown department', { departmentCode: 'NOPE' }],
    ['an empty display name', { displayName: '  ' }],
  ])('%s is BAD_USER_INPUT and writes nothing', async (_why, change) => {
    const before = await em.getRepository(Staff).count();
    expect((await failure(createStaff(admin, { ...valid, username: 'someone', ...change } as never)))?.code).toBe('BAD_USER_INPUT');
    expect(await em.getRepository(Staff).count()).toBe(before);
  });

  test('a taken username is CONFLICT, whatever its case, also when two race', async () => {
    await createStaff(admin, { ...valid, username: 'twin' });
    expect((await failure(createStaff(admin, { ...valid, username: 'TWIN' })))?.code).toBe('CONFLICT');
    const results = await Promise.all([1, 2, 3].map(() => failure(createStaff(admin, { ...valid, username: 'racer' }))));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r?.code === 'CONFLICT')).toHaveLength(2);
  });
});

describe('SLA policies', () => {
  const complaintRule: SlaPolicyRule = {
    requestType: RequestType.COMPLAINT, urgency: Urgency.NORMAL,
    accept: { amount: 4, unit: SlaUnit.HOURS }, reply: { amount: 10, unit: SlaUnit.WORKING_DAYS },
    followUp: { amount: 24, unit: SlaUnit.HOURS }, warnBefore: { amount: 2, unit: SlaUnit.HOURS },
  };

  test('all 18 (type × urgency) rules, the defaults until an administrator changes one', async () => {
    const before = await listSlaPolicies(admin);
    expect(before).toHaveLength(18);
    expect(before).toEqual(defaultSlaPolicies());
    expect(await updateSlaPolicy(admin, complaintRule)).toEqual(complaintRule);
    const after = await listSlaPolicies(admin);
    expect(after).toHaveLength(18);
    expect(after.find((r) => r.requestType === RequestType.COMPLAINT && r.urgency === Urgency.NORMAL)).toEqual(complaintRule);
    expect(after.filter((r) => r !== after.find((x) => x.requestType === RequestType.COMPLAINT && x.urgency === Urgency.NORMAL)))
      .toEqual(defaultSlaPolicies().filter((r) => !(r.requestType === RequestType.COMPLAINT && r.urgency === Urgency.NORMAL)));
    const row = await em.getRepository(SlaPolicy).findOneByOrFail({ requestType: RequestType.COMPLAINT, urgency: Urgency.NORMAL });
    expect(row.updatedById).toBe(admin.actor.staffId);
  });

  test('updating again replaces the rule (one row per pair)', async () => {
    await updateSlaPolicy(admin, { ...complaintRule, reply: { amount: 12, unit: SlaUnit.WORKING_DAYS } });
    expect(await em.getRepository(SlaPolicy).countBy({ requestType: RequestType.COMPLAINT, urgency: Urgency.NORMAL })).toBe(1);
    expect((await listSlaPolicies(admin)).find((r) => r.requestType === RequestType.COMPLAINT && r.urgency === Urgency.NORMAL)?.reply)
      .toEqual({ amount: 12, unit: SlaUnit.WORKING_DAYS });
  });

  test.each([
    ['a zero amount', { accept: { amount: 0, unit: SlaUnit.HOURS } }],
    ['a fractional amount', { reply: { amount: 1.5, unit: SlaUnit.WORKING_DAYS } }],
    ['an absurd amount', { followUp: { amount: 1_000_000, unit: SlaUnit.MINUTES } }],
    ['an unknown unit', { warnBefore: { amount: 1, unit: 'WEEKS' } }],
    ['an unknown type', { requestType: 'GOSSIP' }],
  ])('%s is BAD_USER_INPUT', async (_why, change) => {
    expect((await failure(updateSlaPolicy(admin, { ...complaintRule, ...change } as never)))?.code).toBe('BAD_USER_INPUT');
  });
});

describe('calendar', () => {
  test('lists every day across the 2026 Spring Festival with the official holidays and adjusted working days', async () => {
    const days = await listCalendar(admin, '2026-02-13', '2026-03-01');
    expect(days).toHaveLength(17);
    const byDate = Object.fromEntries(days.map((d) => [d.date, d]));
    expect(byDate['2026-02-13']).toEqual({ date: '2026-02-13', workday: true, note: null });
    expect(byDate['2026-02-14']).toMatchObject({ workday: true, note: expect.stringContaining('调休') }); // a Saturday worked
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23']) expect(byDate[d]).toMatchObject({ workday: false, note: '春节' });
    expect(byDate['2026-02-24']).toEqual({ date: '2026-02-24', workday: true, note: null });
    expect(byDate['2026-02-28']).toMatchObject({ workday: true, note: expect.stringContaining('调休') });
    expect(byDate['2026-03-01']).toEqual({ date: '2026-03-01', workday: false, note: null }); // a plain Sunday
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
  });

  test.each([
    ['an impossible date', '2026-02-30', '2026-03-01'],
    ['another format', '2026/02/01', '2026-03-01'],
    ['from after to', '2026-03-02', '2026-03-01'],
    ['more than 366 days', '2026-01-01', '2027-01-02'],
  ])('%s is BAD_USER_INPUT', async (_why, from, to) => {
    expect((await failure(listCalendar(admin, from, to)))?.code).toBe('BAD_USER_INPUT');
  });

  test('a leap year is one listing of 366 days', async () => {
    expect(await listCalendar(admin, '2028-01-01', '2028-12-31')).toHaveLength(366);
  });

  test('setCalendarDays overrides the official schedule, shows in the listing and reloads the cache', async () => {
    const cache = new CalendarCache();
    expect((await cache.get(em)).isWorkday('2030-02-04')).toBe(true); // a Monday of a year the package does not know
    const saved = await setCalendarDays(admin, cache, [
      { date: '2030-02-04', workday: false, note: ' 春节 ' },
      { date: '2030-02-09', workday: true, note: null },
    ]);
    expect(saved).toEqual([{ date: '2030-02-04', workday: false, note: '春节' }, { date: '2030-02-09', workday: true, note: null }]);
    expect((await cache.get(em)).isWorkday('2030-02-04')).toBe(false);
    expect((await cache.get(em)).isWorkday('2030-02-09')).toBe(true);
    const listed = await listCalendar(admin, '2030-02-04', '2030-02-09');
    expect(listed[0]).toEqual({ date: '2030-02-04', workday: false, note: '春节' });
    expect(listed[5]).toEqual({ date: '2030-02-09', workday: true, note: null });
    await setCalendarDays(admin, cache, [{ date: '2030-02-04', workday: true, note: null }]); // changed again: upsert
    expect((await listCalendar(admin, '2030-02-04', '2030-02-04'))[0].workday).toBe(true);
  });

  test.each([
    ['no days', []],
    ['an impossible date', [{ date: '2030-02-30', workday: true, note: null }]],
    ['the same date twice', [{ date: '2030-03-01', workday: true, note: null }, { date: '2030-03-01', workday: false, note: null }]],
    ['a long note', [{ date: '2030-03-01', workday: true, note: '节'.repeat(101) }]],
    ['more than 1000 days', Array.from({ length: 1001 }, (_, i) => ({ date: new Date(Date.UTC(2031, 0, 1 + i)).toISOString().slice(0, 10), workday: true, note: null }))],
  ])('%s is BAD_USER_INPUT and saves nothing', async (_why, days) => {
    const before = await em.query('SELECT count(*)::int AS n FROM calendar_day');
    expect((await failure(setCalendarDays(admin, new CalendarCache(), days)))?.code).toBe('BAD_USER_INPUT');
    expect(await em.query('SELECT count(*)::int AS n FROM calendar_day')).toEqual(before);
  });
});
