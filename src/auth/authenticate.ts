import { EntityManager } from 'typeorm';
import { Config } from '../config';
import { Department, Staff } from '../entities';
import { Actor } from './actor';
import { entityFromRow } from '../services/entity-rows';
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
  // Plain SQL, converted like a find: building this statement with the query builder cost more CPU than running it.
  const [row]: Record<string, unknown>[] = await em.query(
    `SELECT s.*, d.path AS department_path, (SELECT v.version FROM reference_version v WHERE v.id = 1) AS reference_version
     FROM staff s LEFT JOIN department d ON d.id = s.department_id WHERE s.id = $1`,
    [staffId],
  );
  const staff = row ? entityFromRow(em, Staff, row) : null;
  if (!staff || !staffMayLogIn(staff, config)) return null;
  const departmentPath = staff.departmentId ? ((row.department_path as string | null) ?? null) : null;
  return {
    staff,
    referenceVersion: String(row.reference_version),
    actor: { staffId: staff.id, username: staff.username, roles: staff.roles, departmentId: staff.departmentId, departmentPath },
  };
}
