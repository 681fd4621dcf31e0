import { EntityManager } from 'typeorm';
import { Actor } from '../../../src/auth/actor';
import { actorFromStaff } from '../../../src/auth/authenticate';
import { hashPassword } from '../../../src/auth/password';
import {
  AssignmentRole, AssignmentStatus, Channel, DecisionStatus, RequestStatus, RequestType, Role, TimelineEventKind, Urgency,
} from '../../../src/domain/enums';
import { calendarFromOverrides } from '../../../src/domain/working-calendar';
import { readReferenceSnapshot } from '../../../src/services/reference-cache';
import {
  Assignment, Category, Citizen, Department, ExtensionRequest, FollowUp, Region, ServiceRequest, Staff, TimelineEvent,
} from '../../../src/entities';
import { RegionLevel } from '../../../src/entities/region.entity';
import { ServiceContext } from '../../../src/services/service-context';

// Rows written straight through repositories, for tests of services and queries that must not depend on
// the lifecycle services (or on demo data). Every builder takes overrides; required parents it is not given
// are created on the fly, so `buildServiceRequest(em)` alone gives a valid request.

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

const HOUR = 3_600_000;

/** A hash no password matches (builders skip argon2's ~50 ms unless a test gives a password). */
const NO_PASSWORD = '$argon2id$v=19$m=65536,t=3,p=4$bm8tcGFzc3dvcmQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

type TreeOverrides<T> = Partial<Omit<T, 'path' | 'depth' | 'parentId'>> & { parent?: T | null };

/** Inserts a tree node, then gives it its materialised path ("/1/7/42/") now that its id is known. */
async function buildTreeNode<T extends Department | Category | Region>(em: EntityManager, target: new () => T, prefix: string, o: TreeOverrides<T>): Promise<T> {
  const { parent, ...fields } = o;
  const repo = em.getRepository(target);
  const code = (fields.code as string | undefined) ?? unique(prefix);
  const node = repo.create({ name: code, ...fields, code, parentId: parent?.id ?? null, path: '', depth: parent ? parent.depth + 1 : 0 } as never) as unknown as T;
  await repo.save(node as never);
  node.path = `${parent?.path ?? '/'}${node.id}/`;
  await repo.update(node.id, { path: node.path } as never);
  return node;
}

export const buildDepartment = (em: EntityManager, o: TreeOverrides<Department> = {}) => buildTreeNode(em, Department, 'DEPT', o);
export const buildCategory = (em: EntityManager, o: TreeOverrides<Category> = {}) => buildTreeNode(em, Category, 'CAT', o);
export const buildRegion = (em: EntityManager, o: TreeOverrides<Region> = {}) =>
  buildTreeNode(em, Region, 'REG', { level: RegionLevel.DISTRICT, ...o });

export async function buildStaff(em: EntityManager, o: Partial<Staff> & { password?: string; department?: Department | null } = {}): Promise<Staff> {
  const { password, department, ...fields } = o;
  const repo = em.getRepository(Staff);
  const username = fields.username ?? unique('user_').toLowerCase();
  const passwordHash = password ? await hashPassword(password) : NO_PASSWORD;
  return repo.save(repo.create({
    username, displayName: username, passwordHash, roles: [Role.AGENT], active: true, demo: false,
    departmentId: department?.id ?? null, ...fields,
  }));
}

export async function buildCitizen(em: EntityManager, o: Partial<Citizen> = {}): Promise<Citizen> {
  const repo = em.getRepository(Citizen);
  const phone = o.phone === undefined ? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` : o.phone;
  return repo.save(repo.create({ name: '张三', ...o, phone }));
}

// Parents a request needs when the test does not care which: made once per EntityManager's database.
const defaults = new WeakMap<EntityManager, Promise<{ category: Category; staff: Staff }>>();
function defaultParents(em: EntityManager) {
  if (!defaults.has(em)) defaults.set(em, (async () => ({ category: await buildCategory(em), staff: await buildStaff(em) }))());
  return defaults.get(em)!;
}

export async function buildServiceRequest(em: EntityManager, o: Partial<ServiceRequest> = {}): Promise<ServiceRequest> {
  const repo = em.getRepository(ServiceRequest);
  const needsDefaults = !o.categoryId || !o.registeredById;
  const d = needsDefaults ? await defaultParents(em) : null;
  const createdAt = o.createdAt ?? new Date();
  const registeredById = o.registeredById ?? d!.staff.id;
  return repo.save(repo.create({
    code: unique('T'), channel: Channel.PHONE, type: RequestType.COMPLAINT, urgency: Urgency.NORMAL, status: RequestStatus.REGISTERED,
    title: '一个诉求', content: '诉求内容', categoryId: o.categoryId ?? d!.category.id, regionId: null, address: null, citizenId: null,
    confidential: false, createdAt, updatedAt: createdAt, registeredById, ownerId: registeredById, round: 1, reopenCount: 0,
    unreachedAttempts: 0, ...o,
  }));
}

export async function buildAssignment(
  em: EntityManager,
  o: Partial<Assignment> & { requestId: string; departmentId: string },
): Promise<Assignment> {
  const repo = em.getRepository(Assignment);
  const dispatchedAt = o.dispatchedAt ?? new Date();
  return repo.save(repo.create({
    role: AssignmentRole.LEAD, status: AssignmentStatus.PENDING, round: 1, dispatchedAt, dispatchedById: null,
    acceptDueAt: new Date(dispatchedAt.getTime() + 24 * HOUR), dueAt: new Date(dispatchedAt.getTime() + 10 * 24 * HOUR),
    designated: false, ...o,
  }));
}

export async function buildExtension(
  em: EntityManager,
  o: Partial<ExtensionRequest> & { assignment: Assignment; requestedById: string },
): Promise<ExtensionRequest> {
  const { assignment, ...fields } = o;
  const repo = em.getRepository(ExtensionRequest);
  return repo.save(repo.create({
    assignmentId: assignment.id, requestId: assignment.requestId, previousDueAt: assignment.dueAt,
    requestedDueAt: new Date(assignment.dueAt.getTime() + 72 * HOUR), reason: '需要更多时间', status: DecisionStatus.PENDING,
    requestedAt: new Date(), ...fields,
  }));
}

export async function buildFollowUp(em: EntityManager, o: Partial<FollowUp> & { requestId: string; recordedById: string }): Promise<FollowUp> {
  const repo = em.getRepository(FollowUp);
  return repo.save(repo.create({ attempt: 1, round: 1, reached: false, recordedAt: new Date(), ...o }));
}

export async function buildTimelineEvent(em: EntityManager, o: Partial<TimelineEvent> & { requestId: string }): Promise<TimelineEvent> {
  const repo = em.getRepository(TimelineEvent);
  return repo.save(repo.create({ at: new Date(), kind: TimelineEventKind.NOTE, actorId: null, summary: '备注', data: null, ...o }));
}

/**
 * A service context acting as `staff`, reading through `em`, at `now` (a calendar of plain official days; the
 * reference trees as `em` sees them, uncached, so that rows a test writes in its own transaction are found).
 */
export async function contextFor(em: EntityManager, staff: Staff, now: Date = new Date()): Promise<ServiceContext> {
  const actor: Actor = await actorFromStaff(em, staff);
  const calendar = calendarFromOverrides(new Map());
  return { actor, em, now, timeZone: 'Asia/Shanghai', calendar: async () => calendar, reference: () => readReferenceSnapshot(em) };
}
