import { Role } from '../domain/enums';

/** The authenticated staff member on whose behalf a request runs. */
export interface Actor {
  staffId: string;
  username: string;
  roles: Role[];
  /** Liaisons: their department and its materialised path ("/1/7/"), for subtree scoping. */
  departmentId: string | null;
  departmentPath: string | null;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** Agents, supervisors and admins read every request; liaisons only their department subtree's. */
export const readsAllRequests = (actor: Actor) => hasRole(actor, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
