import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { Role } from '../domain/enums';
import { liaisonUsername } from './reference-catalog';

// The demo staff as the services see them (Actor), loaded from the seeded staff rows.

export interface DemoCast {
  agent(username: 'agent01' | 'agent02'): Actor;
  supervisor: Actor;
  liaisonOf(departmentCode: string): Actor;
  departmentCode(departmentId: string): string;
}

interface StaffRow { id: string; username: string; roles: Role[]; department_id: string | null; path: string | null; code: string | null }

export async function loadDemoCast(dataSource: DataSource): Promise<DemoCast> {
  const rows: StaffRow[] = await dataSource.query(
    `SELECT s.id::text AS id, s.username, s.roles::text[] AS roles, s.department_id::text AS department_id, d.path, d.code
       FROM staff s LEFT JOIN department d ON d.id = s.department_id
      WHERE s.demo AND s.active`,
  );
  const actors = new Map(rows.map((r) => [r.username, {
    staffId: r.id, username: r.username, roles: r.roles, departmentId: r.department_id, departmentPath: r.path,
  } satisfies Actor]));
  const codes = new Map(rows.filter((r) => r.department_id).map((r) => [r.department_id!, r.code!]));
  const actor = (username: string): Actor => {
    const found = actors.get(username);
    if (!found) throw new Error(`demo account ${username} is missing: load the reference data first`);
    return found;
  };
  return {
    agent: actor,
    supervisor: actor('supervisor01'),
    liaisonOf: (code) => actor(liaisonUsername(code)),
    departmentCode: (id) => {
      const code = codes.get(id);
      if (!code) throw new Error(`no demo liaison for department ${id}`);
      return code;
    },
  };
}
