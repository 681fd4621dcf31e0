import { EntityManager } from 'typeorm';
import { AssignmentStatus, RequestStatus, RequestType, Role, Urgency } from '../../src/domain/enums';
import { Category, Department, Region, ServiceRequest, Staff } from '../../src/entities';
import {
  findAssignment, findExtension, findFollowUp, findTimelineEvent, listMyAssignments,
} from '../../src/services/assignment-query.service';
import { Page } from '../../src/services/page';
import {
  findCitizen, findRequest, listCitizenRequests, listRequests, listTimeline,
} from '../../src/services/request-query.service';
import { ServiceContext } from '../../src/services/service-context';
import {
  buildAssignment, buildCategory, buildCitizen, buildDepartment, buildExtension, buildFollowUp, buildRegion,
  buildServiceRequest, buildStaff, buildTimelineEvent, contextFor,
} from './support/fixtures';
import { createTestDatabase, TestDatabase } from './support/test-db';

// The read side against real PostgreSQL, rows written directly: keyset pagination, every filter of
// ServiceRequestFilter and AssignmentFilter, and what each role may see (DESIGN.md §3).

const NOW = new Date('2026-03-10T04:00:00Z');
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

let db: TestDatabase;
let em: EntityManager;
let tree: {
  center: Department; urban: Department; urbanEast: Department; water: Department;
  env: Category; noise: Category; traffic: Category; d01: Region; d01s01: Region; d02: Region;
};
let people: { agent: Staff; analyst: Staff; liaisonUrban: Staff; liaisonEast: Staff; liaisonWater: Staff };
let as: Record<keyof typeof people, ServiceContext>;

beforeAll(async () => {
  db = await createTestDatabase();
  em = db.dataSource.manager;
  const center = await buildDepartment(em, { code: 'CENTER' });
  const urban = await buildDepartment(em, { code: 'URBAN', parent: center });
  const urbanEast = await buildDepartment(em, { code: 'URBAN_EAST', parent: urban });
  const water = await buildDepartment(em, { code: 'WATER', parent: center });
  const env = await buildCategory(em, { code: 'ENV' });
  const noise = await buildCategory(em, { code: 'ENV_NOISE', parent: env });
  const traffic = await buildCategory(em, { code: 'TRAFFIC' });
  const d01 = await buildRegion(em, { code: 'D01' });
  const d01s01 = await buildRegion(em, { code: 'D01S01', parent: d01 });
  const d02 = await buildRegion(em, { code: 'D02' });
  tree = { center, urban, urbanEast, water, env, noise, traffic, d01, d01s01, d02 };
  people = {
    agent: await buildStaff(em, { roles: [Role.AGENT] }),
    analyst: await buildStaff(em, { roles: [Role.ANALYST] }),
    liaisonUrban: await buildStaff(em, { roles: [Role.LIAISON], department: urban }),
    liaisonEast: await buildStaff(em, { roles: [Role.LIAISON], department: urbanEast }),
    liaisonWater: await buildStaff(em, { roles: [Role.LIAISON], department: water }),
  };
  as = Object.fromEntries(
    await Promise.all(Object.entries(people).map(async ([k, s]) => [k, await contextFor(em, s, NOW)])),
  ) as typeof as;
});
afterAll(() => db.drop());

/** Requests tagged with a marker in the title, so each test filters down to its own rows. */
async function requests(marker: string, rows: Partial<ServiceRequest>[]): Promise<ServiceRequest[]> {
  const out: ServiceRequest[] = [];
  for (const r of rows) out.push(await buildServiceRequest(em, { categoryId: tree.traffic.id, registeredById: people.agent.id, ownerId: people.agent.id, title: `${marker} 诉求`, ...r }));
  return out;
}

const ids = <T extends { id: string }>(page: Page<T>) => page.items.map((i) => i.node.id);
const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code);

/** Follows endCursor to the end, `first` rows at a time. */
async function walk<T extends { id: string }>(list: (after: string | null) => Promise<Page<T>>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list(after);
    seen.push(...ids(page));
    if (!page.hasNextPage) return seen;
    after = page.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('listRequests pagination', () => {
  test('pages through every row exactly once, newest first, ids breaking ties of equal created_at', async () => {
    const same = ago(5);
    const rows = await requests('PAGE1', [
      { createdAt: ago(1) }, { createdAt: same }, { createdAt: same }, { createdAt: same }, { createdAt: ago(9) }, { createdAt: same },
    ]);
    const expected = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(b.id) - Number(a.id)).map((r) => r.id);
    const seen = await walk((after) => listRequests(as.agent, { search: 'PAGE1' }, { first: 2, after }));
    expect(seen).toEqual(expected);
  });

  test('timestamps that differ below a millisecond neither repeat nor vanish between pages', async () => {
    const rows = await requests('MICRO', [{}, {}, {}, {}]);
    // Written by SQL, as imports or now() would: microsecond precision that a JavaScript Date cannot hold.
    const micro = ['2026-03-01 08:00:00.000900+00', '2026-03-01 08:00:00.000100+00', '2026-03-01 08:00:00.000500+00', '2026-03-01 08:00:00.000300+00'];
    for (const [i, r] of rows.entries()) await em.query('UPDATE service_request SET created_at = $1 WHERE id = $2', [micro[i], r.id]);
    const seen = await walk((after) => listRequests(as.agent, { search: 'MICRO' }, { first: 1, after }));
    expect(seen).toEqual([rows[0].id, rows[2].id, rows[3].id, rows[1].id]);
  });

  test('hasNextPage, endCursor and a lazy totalCount of the whole filtered list', async () => {
    await requests('COUNT3', [{ createdAt: ago(3) }, { createdAt: ago(2) }, { createdAt: ago(1) }]);
    const first = await listRequests(as.agent, { search: 'COUNT3' }, { first: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.hasNextPage).toBe(true);
    expect(first.endCursor).toBe(first.items[1].cursor);
    expect(await first.totalCount()).toBe(3);
    const last = await listRequests(as.agent, { search: 'COUNT3' }, { first: 2, after: first.endCursor });
    expect(last.items).toHaveLength(1);
    expect(last.hasNextPage).toBe(false);
    expect(await last.totalCount()).toBe(3);
    const none = await listRequests(as.agent, { search: 'COUNT3' }, { first: 0 });
    expect(none.items).toEqual([]);
    expect(none.endCursor).toBeNull();
    expect(await none.totalCount()).toBe(3);
  });

  test('first defaults to 20 and is capped at 100; a negative first or a forged cursor is bad input', async () => {
    await requests('MANY', Array.from({ length: 105 }, (_, i) => ({ createdAt: ago(200 + i) })));
    expect((await listRequests(as.agent, { search: 'MANY' }, {})).items).toHaveLength(20);
    const capped = await listRequests(as.agent, { search: 'MANY' }, { first: 1000 });
    expect(capped.items).toHaveLength(100);
    expect(capped.hasNextPage).toBe(true);
    expect(await codeOf(listRequests(as.agent, {}, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(await codeOf(listRequests(as.agent, {}, { after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    const idOnly = Buffer.from(JSON.stringify([null, '5'])).toString('base64url');
    expect(await codeOf(listRequests(as.agent, {}, { after: idOnly }))).toBe('BAD_USER_INPUT');
  });
});

describe('listRequests filters', () => {
  test('search finds a Chinese substring in the content, a code fragment, case-insensitively', async () => {
    const [lamp, other] = await requests('SEARCH', [{ content: '幸福小区门口路灯不亮已一周' }, { content: '噪音扰民' }]);
    await em.query(`UPDATE service_request SET code = 'QX-' || id WHERE id = $1`, [other.id]);
    expect(ids(await listRequests(as.agent, { search: '路灯' }, {}))).toEqual([lamp.id]);
    expect(ids(await listRequests(as.agent, { search: `  qx-${other.id} ` }, {}))).toEqual([other.id]);
  });

  test('LIKE metacharacters are literal, blank search is ignored, long search is refused', async () => {
    const [pct, plain] = await requests('META', [{ content: '降价50%促销' }, { content: '降价50元促销' }]);
    expect(ids(await listRequests(as.agent, { search: '50%促' }, {}))).toEqual([pct.id]);
    expect(ids(await listRequests(as.agent, { search: '50_促' }, {}))).toEqual([]);
    expect(ids(await listRequests(as.agent, { search: '50\\' }, {}))).toEqual([]);
    const all = await listRequests(as.agent, { search: '   ' }, { first: 100 });
    expect(ids(all)).toEqual(expect.arrayContaining([pct.id, plain.id]));
    expect(await codeOf(listRequests(as.agent, { search: '路'.repeat(101) }, {}))).toBe('BAD_USER_INPUT');
  });

  test('category and region codes include their sub-trees; unknown codes are bad input', async () => {
    const [noisy, envRoot, traffic] = await requests('TREES', [
      { categoryId: tree.noise.id, regionId: tree.d01s01.id }, { categoryId: tree.env.id, regionId: tree.d01.id }, { regionId: tree.d02.id },
    ]);
    expect(ids(await listRequests(as.agent, { search: 'TREES', categoryCode: 'ENV' }, {})).sort()).toEqual([noisy.id, envRoot.id].sort());
    expect(ids(await listRequests(as.agent, { search: 'TREES', categoryCode: 'ENV_NOISE' }, {}))).toEqual([noisy.id]);
    expect(ids(await listRequests(as.agent, { search: 'TREES', regionCode: 'D01' }, {})).sort()).toEqual([noisy.id, envRoot.id].sort());
    expect(ids(await listRequests(as.agent, { search: 'TREES', regionCode: 'D02' }, {}))).toEqual([traffic.id]);
    expect(await codeOf(listRequests(as.agent, { categoryCode: 'NOPE' }, {}))).toBe('BAD_USER_INPUT');
    expect(await codeOf(listRequests(as.agent, { regionCode: 'NOPE' }, {}))).toBe('BAD_USER_INPUT');
    expect(await codeOf(listRequests(as.agent, { departmentCode: 'NOPE' }, {}))).toBe('BAD_USER_INPUT');
  });

  test('departmentCode means an assignment of that department or one below it, in any status', async () => {
    const [east, water] = await requests('DEPTF', [{}, {}, {} /* no assignment */]);
    await buildAssignment(em, { requestId: east.id, departmentId: tree.urbanEast.id, status: AssignmentStatus.CANCELLED });
    await buildAssignment(em, { requestId: water.id, departmentId: tree.water.id });
    expect(ids(await listRequests(as.agent, { search: 'DEPTF', departmentCode: 'URBAN' }, {}))).toEqual([east.id]);
    expect(ids(await listRequests(as.agent, { search: 'DEPTF', departmentCode: 'WATER' }, {}))).toEqual([water.id]);
    expect(ids(await listRequests(as.agent, { search: 'DEPTF', departmentCode: 'CENTER' }, {})).sort()).toEqual([east.id, water.id].sort());
  });

  test('overdue: a running clock past dueAt; overdue=false is exactly the rest', async () => {
    const rows = await requests('OVERDUE', [
      { status: RequestStatus.DISPATCHED, dueAt: ago(1) },
      { status: RequestStatus.IN_PROGRESS, dueAt: ago(1) },
      { status: RequestStatus.AWAITING_FOLLOW_UP, dueAt: ago(1) },
      { status: RequestStatus.IN_PROGRESS, dueAt: new Date(NOW.getTime() + HOUR) },
      { status: RequestStatus.REPLIED, dueAt: ago(1) }, // the center reviews: no department clock
      { status: RequestStatus.REGISTERED, dueAt: null },
    ]);
    const overdue = ids(await listRequests(as.agent, { search: 'OVERDUE', overdue: true }, {}));
    const onTime = ids(await listRequests(as.agent, { search: 'OVERDUE', overdue: false }, {}));
    expect(overdue.sort()).toEqual(rows.slice(0, 3).map((r) => r.id).sort());
    expect(onTime.sort()).toEqual(rows.slice(3).map((r) => r.id).sort());
  });

  test('status, type and urgency lists, and a half-open creation window', async () => {
    const [a, b, c] = await requests('LISTS', [
      { status: RequestStatus.CLOSED, type: RequestType.HELP, urgency: Urgency.URGENT, createdAt: ago(30) },
      { status: RequestStatus.VOID, type: RequestType.PRAISE, urgency: Urgency.NORMAL, createdAt: ago(20) },
      { status: RequestStatus.REGISTERED, type: RequestType.HELP, urgency: Urgency.EMERGENCY, createdAt: ago(10) },
    ]);
    const q = (f: object) => listRequests(as.agent, { search: 'LISTS', ...f }, {}).then(ids);
    expect(await q({ status: [RequestStatus.CLOSED, RequestStatus.VOID] })).toEqual([b.id, a.id]);
    expect(await q({ type: [RequestType.HELP] })).toEqual([c.id, a.id]);
    expect(await q({ urgency: [Urgency.EMERGENCY, Urgency.NORMAL] })).toEqual([c.id, b.id]);
    expect(await q({ createdFrom: ago(20), createdTo: ago(10) })).toEqual([b.id]);
    expect(await q({ type: [RequestType.HELP], status: [RequestStatus.REGISTERED] })).toEqual([c.id]);
  });

  test('citizenPhone finds a caller\'s history by any spelling of the number, for the center only', async () => {
    const citizen = await buildCitizen(em, { phone: '13800138000' });
    const [mine] = await requests('PHONE', [{ citizenId: citizen.id }, {}]);
    expect(ids(await listRequests(as.agent, { citizenPhone: '+86 138-0013-8000' }, {}))).toEqual([mine.id]);
    expect(await codeOf(listRequests(as.agent, { citizenPhone: '12' }, {}))).toBe('BAD_USER_INPUT');
    expect(await codeOf(listRequests(as.liaisonUrban, { citizenPhone: '13800138000' }, {}))).toBe('FORBIDDEN');
  });
});

describe('what each role reads', () => {
  let urbanReq: ServiceRequest, eastReq: ServiceRequest, waterReq: ServiceRequest;
  beforeAll(async () => {
    [urbanReq, eastReq, waterReq] = await requests('SCOPE', [{ createdAt: ago(3) }, { createdAt: ago(2) }, { createdAt: ago(1) }]);
    await buildAssignment(em, { requestId: urbanReq.id, departmentId: tree.urban.id, status: AssignmentStatus.RETURNED });
    await buildAssignment(em, { requestId: eastReq.id, departmentId: tree.urbanEast.id });
    await buildAssignment(em, { requestId: waterReq.id, departmentId: tree.water.id });
  });

  test('a liaison lists requests assigned to their department subtree, in any assignment status', async () => {
    expect(ids(await listRequests(as.liaisonUrban, { search: 'SCOPE' }, {}))).toEqual([eastReq.id, urbanReq.id]);
    expect(ids(await listRequests(as.liaisonEast, { search: 'SCOPE' }, {}))).toEqual([eastReq.id]);
    expect(ids(await listRequests(as.liaisonWater, { search: 'SCOPE' }, {}))).toEqual([waterReq.id]);
    expect(await (await listRequests(as.liaisonEast, { search: 'SCOPE' }, {})).totalCount()).toBe(1);
  });

  test('findRequest by id or code answers null outside the scope, and wants exactly one of them', async () => {
    expect((await findRequest(as.agent, { id: waterReq.id }))?.id).toBe(waterReq.id);
    expect((await findRequest(as.agent, { code: ` ${waterReq.code} ` }))?.id).toBe(waterReq.id);
    expect(await findRequest(as.liaisonUrban, { id: waterReq.id })).toBeNull();
    expect(await findRequest(as.liaisonUrban, { code: waterReq.code })).toBeNull();
    expect((await findRequest(as.liaisonUrban, { id: eastReq.id }))?.id).toBe(eastReq.id);
    expect(await findRequest(as.agent, { id: '999999999' })).toBeNull();
    expect(await findRequest(as.agent, { id: 'abc' })).toBeNull();
    expect(await findRequest(as.agent, { code: 'x'.repeat(500) })).toBeNull();
    expect(await codeOf(findRequest(as.agent, {}))).toBe('BAD_USER_INPUT');
    expect(await codeOf(findRequest(as.agent, { id: waterReq.id, code: waterReq.code }))).toBe('BAD_USER_INPUT');
  });

  test('analysts read no requests, no citizens and none of their parts', async () => {
    expect(await codeOf(listRequests(as.analyst, {}, {}))).toBe('FORBIDDEN');
    expect(await codeOf(findRequest(as.analyst, { id: urbanReq.id }))).toBe('FORBIDDEN');
    expect(await codeOf(listTimeline(as.analyst, urbanReq.id, {}))).toBe('FORBIDDEN');
    expect(await codeOf(findCitizen(as.analyst, '1'))).toBe('FORBIDDEN');
    const [assignment] = await em.query('SELECT id::text FROM assignment WHERE request_id = $1', [urbanReq.id]);
    expect(await findAssignment(as.analyst, assignment.id)).toBeNull();
  });

  test('the timeline reads oldest first in pages, and is empty to those who may not see the request', async () => {
    const events = [];
    for (const summary of ['一', '二', '三', '四', '五']) events.push(await buildTimelineEvent(em, { requestId: eastReq.id, summary }));
    const seen = await walk((after) => listTimeline(as.liaisonUrban, eastReq.id, { first: 2, after }));
    expect(seen).toEqual(events.map((e) => e.id));
    expect(await (await listTimeline(as.agent, eastReq.id, { first: 1 })).totalCount()).toBe(5);
    const hidden = await listTimeline(as.liaisonWater, eastReq.id, {});
    expect(hidden.items).toEqual([]);
    expect(await hidden.totalCount()).toBe(0);
  });

  test('findAssignment, findExtension, findFollowUp, findTimelineEvent follow the request\'s visibility', async () => {
    const assignment = await buildAssignment(em, { requestId: eastReq.id, departmentId: tree.urbanEast.id });
    const extension = await buildExtension(em, { assignment, requestedById: people.liaisonEast.id });
    const followUp = await buildFollowUp(em, { requestId: eastReq.id, recordedById: people.agent.id });
    const event = await buildTimelineEvent(em, { requestId: eastReq.id });
    for (const ctx of [as.agent, as.liaisonUrban, as.liaisonEast]) {
      expect((await findAssignment(ctx, assignment.id))?.id).toBe(assignment.id);
      expect((await findExtension(ctx, extension.id))?.id).toBe(extension.id);
      expect((await findFollowUp(ctx, followUp.id))?.id).toBe(followUp.id);
      expect((await findTimelineEvent(ctx, event.id))?.id).toBe(event.id);
    }
    expect(await findAssignment(as.liaisonWater, assignment.id)).toBeNull();
    expect(await findExtension(as.liaisonWater, extension.id)).toBeNull();
    expect(await findFollowUp(as.liaisonWater, followUp.id)).toBeNull();
    expect(await findTimelineEvent(as.liaisonWater, event.id)).toBeNull();
    expect(await findAssignment(as.agent, '0')).toBeNull();
    expect(await findExtension(as.agent, '99999999999999999999')).toBeNull();
  });

  test('citizens: the center looks them up; a liaison sees only their own requests in a citizen\'s history', async () => {
    const citizen = await buildCitizen(em);
    const [inScope, outOfScope] = await requests('CITIZEN', [{ citizenId: citizen.id, createdAt: ago(2) }, { citizenId: citizen.id, createdAt: ago(1) }]);
    await buildAssignment(em, { requestId: inScope.id, departmentId: tree.urban.id });
    await buildAssignment(em, { requestId: outOfScope.id, departmentId: tree.water.id });
    expect((await findCitizen(as.agent, citizen.id))?.id).toBe(citizen.id);
    expect(await findCitizen(as.agent, '987654321')).toBeNull();
    expect(await codeOf(findCitizen(as.liaisonUrban, citizen.id))).toBe('FORBIDDEN');
    expect(ids(await listCitizenRequests(as.agent, citizen.id, {}))).toEqual([outOfScope.id, inScope.id]);
    expect(ids(await listCitizenRequests(as.liaisonUrban, citizen.id, {}))).toEqual([inScope.id]);
    expect(await codeOf(listCitizenRequests(as.analyst, citizen.id, {}))).toBe('FORBIDDEN');
  });
});

describe('listMyAssignments (the liaison portal)', () => {
  // A department pair of its own, so that the other tests' assignments stay out of these lists.
  let urbanIds: string[];
  let work: { root: ServiceContext; child: ServiceContext };
  beforeAll(async () => {
    const root = await buildDepartment(em, { parent: tree.center });
    const child = await buildDepartment(em, { parent: root });
    work = {
      root: await contextFor(em, await buildStaff(em, { roles: [Role.LIAISON], department: root }), NOW),
      child: await contextFor(em, await buildStaff(em, { roles: [Role.LIAISON], department: child }), NOW),
    };
    const [urban, urbanEast] = [root, child];
    // Interleaved dispatch times across URBAN and its sub-department, two with the same instant.
    const [r1, r2, r3, r4, r5, r6] = await requests('WORK', [{}, {}, {}, {}, {}, {}]);
    const a = [
      await buildAssignment(em, { requestId: r1.id, departmentId: urban.id, dispatchedAt: ago(50), status: AssignmentStatus.PENDING, acceptDueAt: ago(26), dueAt: NOW }),
      await buildAssignment(em, { requestId: r2.id, departmentId: urbanEast.id, dispatchedAt: ago(40), status: AssignmentStatus.ACCEPTED, acceptDueAt: ago(16), dueAt: ago(1) }),
      await buildAssignment(em, { requestId: r3.id, departmentId: urban.id, dispatchedAt: ago(30), status: AssignmentStatus.ACCEPTED, acceptDueAt: ago(6), dueAt: new Date(NOW.getTime() + 48 * HOUR) }),
      await buildAssignment(em, { requestId: r4.id, departmentId: urbanEast.id, dispatchedAt: ago(30), status: AssignmentStatus.REPLIED, acceptDueAt: ago(6), dueAt: ago(2) }),
      await buildAssignment(em, { requestId: r5.id, departmentId: urban.id, dispatchedAt: ago(10), status: AssignmentStatus.PENDING, acceptDueAt: new Date(NOW.getTime() + 14 * HOUR), dueAt: ago(1) }),
    ];
    await buildAssignment(em, { requestId: r6.id, departmentId: tree.water.id, dispatchedAt: ago(5) });
    urbanIds = [a[4].id, a[3].id, a[2].id, a[1].id, a[0].id]; // newest dispatch first; equal times by id descending
  });

  test('the subtree\'s assignments, newest dispatch first, page by page across departments', async () => {
    const seen = await walk((after) => listMyAssignments(work.root, {}, { first: 2, after }));
    expect(seen).toEqual(urbanIds);
    const page = await listMyAssignments(work.root, {}, { first: 2 });
    expect(page.hasNextPage).toBe(true);
    expect(await page.totalCount()).toBe(5);
    expect(ids(await listMyAssignments(work.child, {}, {}))).toEqual([urbanIds[1], urbanIds[3]]);
  });

  test('overdue uses the deadline that matters: sign-for while PENDING, reply once signed for; done is never overdue', async () => {
    const overdue = await listMyAssignments(work.root, { overdue: true }, {});
    expect(ids(overdue)).toEqual([urbanIds[3], urbanIds[4]]);
    expect(await overdue.totalCount()).toBe(2);
    expect(ids(await listMyAssignments(work.root, { overdue: false }, {}))).toEqual([urbanIds[0], urbanIds[1], urbanIds[2]]);
  });

  test('status list and dueBefore filter the same way', async () => {
    expect(ids(await listMyAssignments(work.root, { status: [AssignmentStatus.PENDING] }, {}))).toEqual([urbanIds[0], urbanIds[4]]);
    expect(ids(await listMyAssignments(work.root, { dueBefore: ago(0.5) }, {}))).toEqual([urbanIds[1], urbanIds[3], urbanIds[4]]);
    const paged = await walk((after) => listMyAssignments(work.root, { status: [AssignmentStatus.ACCEPTED, AssignmentStatus.REPLIED] }, { first: 1, after }));
    expect(paged).toEqual([urbanIds[1], urbanIds[2], urbanIds[3]]);
  });

  test('other roles have no work list; cursors are checked', async () => {
    expect(await codeOf(listMyAssignments(as.agent, {}, {}))).toBe('FORBIDDEN');
    expect(await codeOf(listMyAssignments(as.analyst, {}, {}))).toBe('FORBIDDEN');
    expect(await codeOf(listMyAssignments(work.root, {}, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    expect(await codeOf(listMyAssignments(work.root, {}, { first: -5 }))).toBe('BAD_USER_INPUT');
    const empty = await listMyAssignments(work.root, {}, { first: 0 });
    expect(empty.items).toEqual([]);
    expect(empty.requests).toEqual([]);
    expect(await empty.totalCount()).toBe(5);
  });

  test('a page comes with the request of each of its assignments, as a find reads them', async () => {
    const page = await listMyAssignments(work.root, {}, { first: 2 });
    const requestIds = page.items.map((i) => i.node.requestId);
    expect(page.items).toHaveLength(2);
    expect(page.requests.map((r) => r.id)).toEqual(requestIds); // not the request of the row past the page
    for (const request of page.requests) {
      expect(request).toEqual(await em.getRepository(ServiceRequest).findOneByOrFail({ id: request.id }));
    }
  });
});
