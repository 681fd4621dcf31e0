import { EntityManager } from 'typeorm';
import { Role } from '../domain/enums';

// Who hears of what (DESIGN.md §6). Only active staff: a deactivated account cannot read its notifications.

/** The liaisons (联络员) of exactly this department. */
export async function liaisonsOf(em: EntityManager, departmentId: string): Promise<string[]> {
  return staffIds(em, `active AND department_id = $1 AND $2 = ANY(roles)`, [departmentId, Role.LIAISON]);
}

/** The center's supervisors, who escalate overdue work. */
export async function supervisors(em: EntityManager): Promise<string[]> {
  return staffIds(em, `active AND $1 = ANY(roles)`, [Role.SUPERVISOR]);
}

/** The owner (首问负责人) of a request, when the account is active. */
export async function activeOwner(em: EntityManager, ownerId: string): Promise<string[]> {
  return staffIds(em, `active AND id = $1`, [ownerId]);
}

async function staffIds(em: EntityManager, where: string, params: unknown[]): Promise<string[]> {
  const rows: { id: string }[] = await em.query(`SELECT id FROM staff WHERE ${where} ORDER BY id`, params);
  return rows.map((r) => String(r.id));
}

/** Several lists as one, each staff member once. */
export const union = (...lists: string[][]): string[] => [...new Set(lists.flat())];
