import { EntityManager } from 'typeorm';
import { Config } from '../config';
import { Department, Staff } from '../entities';
import { Actor } from './actor';
import { verifyToken } from './token';

/** May this staff member use the system now? Demo accounts never work in production (DESIGN.md §9). */
export function staffMayLogIn(staff: Staff, config: Pick<Config, 'nodeEnv'>): boolean {
  return staff.active && !(staff.demo && config.nodeEnv === 'production');
}

export async function actorFromStaff(em: EntityManager, staff: Staff): Promise<Actor> {
  const department = staff.departmentId
    ? await em.getRepository(Department).findOne({ where: { id: staff.departmentId }, select: { id: true, path: true } })
    : null;
  return {
    staffId: staff.id,
    username: staff.username,
    roles: staff.roles,
    departmentId: staff.departmentId,
    departmentPath: department?.path ?? null,
  };
}

/** The actor behind a bearer token; throws UNAUTHENTICATED for a bad token, null for a staff member who may not log in. */
export async function resolveActor(
  em: EntityManager,
  config: Pick<Config, 'tokenSecret' | 'nodeEnv'>,
  token: string,
  now: Date = new Date(),
): Promise<Actor | null> {
  return (await resolveStaffActor(em, config, token, now))?.actor ?? null;
}

/**
 * The same, with the staff member's row: every authenticated request pays this, so it is one round trip (the staff
 * row, the department's path and the reference version together), and the GraphQL context hands the row to its
 * staff loader and the version to the reference cache.
 */
export async function resolveStaffActor(
  em: EntityManager,
  config: Pick<Config, 'tokenSecret' | 'nodeEnv'>,
  token: string,
  now: Date = new Date(),
): Promise<{ actor: Actor; staff: Staff; referenceVersion: string } | null> {
  const { staffId } = await verifyToken(config, token, now);
  const { entities, raw } = await em
    .getRepository(Staff)
    .createQueryBuilder('s')
    .leftJoin(Department, 'd', 'd.id = s.department_id')
    .addSelect('d.path', 'department_path')
    .addSelect('(SELECT v.version FROM reference_version v WHERE v.id = 1)', 'reference_version')
    .where('s.id = :staffId', { staffId })
    .getRawAndEntities();
  const staff = entities[0];
  if (!staff || !staffMayLogIn(staff, config)) return null;
  const departmentPath: string | null = staff.departmentId ? (raw[0]?.department_path ?? null) : null;
  return {
    staff,
    referenceVersion: String(raw[0].reference_version),
    actor: { staffId: staff.id, username: staff.username, roles: staff.roles, departmentId: staff.departmentId, departmentPath },
  };
}
