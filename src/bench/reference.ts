import { Client } from 'pg';
import { defaultSlaPolicies, SlaPolicyRule } from '../domain/sla';
import { calendarFromOverrides, WorkdayCalendar } from '../domain/working-calendar';
import { liaisonUsername } from '../seed/reference-catalog';

// The seeded reference data as the generator needs it: ids by code, who works where, the SLA policies and
// the working-day calendar, read once from the bench database.

export interface Reference {
  departmentId: Map<string, number>;
  departmentCode: Map<number, string>;
  /** "name (CODE)" as the dispatch summaries print it. */
  departmentLabel: Map<number, string>;
  categoryId: Map<string, number>;
  regionId: Map<string, number>;
  /** Liaison staff id per department id. */
  liaisonOf: Map<number, number>;
  agents: number[];
  supervisors: number[];
  policies: Map<string, SlaPolicyRule>;
  calendar: WorkdayCalendar;
}

export const policyKey = (type: string, urgency: string) => `${type}/${urgency}`;

async function codeMap(db: Client, table: string): Promise<Map<string, number>> {
  const { rows } = await db.query(`SELECT code, id FROM ${table}`);
  return new Map(rows.map((r) => [r.code as string, Number(r.id)]));
}

export async function loadReference(db: Client): Promise<Reference> {
  const departmentId = await codeMap(db, 'department');
  const staff = (await db.query(`SELECT id, username, roles::text[] AS roles FROM staff WHERE active ORDER BY id`)).rows;
  const byName = new Map(staff.map((s) => [s.username as string, Number(s.id)]));
  const liaisonOf = new Map<number, number>();
  for (const [code, id] of departmentId) {
    const liaison = byName.get(liaisonUsername(code));
    if (liaison) liaisonOf.set(id, liaison);
  }
  const withRole = (role: string) => staff.filter((s) => (s.roles as string[]).includes(role)).map((s) => Number(s.id));
  const policies = new Map(defaultSlaPolicies().map((p) => [policyKey(p.requestType, p.urgency), p]));
  // Stored policies win over the defaults, as in sla-lookup.ts.
  for (const r of (await db.query(`SELECT * FROM sla_policy`)).rows) {
    policies.set(policyKey(r.request_type, r.urgency), {
      requestType: r.request_type, urgency: r.urgency,
      accept: { amount: r.accept_amount, unit: r.accept_unit }, reply: { amount: r.reply_amount, unit: r.reply_unit },
      followUp: { amount: r.follow_up_amount, unit: r.follow_up_unit }, warnBefore: { amount: r.warn_before_amount, unit: r.warn_before_unit },
    });
  }
  const departments = (await db.query(`SELECT id, code, name FROM department`)).rows;
  const departmentCode = new Map(departments.map((d) => [Number(d.id), d.code as string]));
  const departmentLabel = new Map(departments.map((d) => [Number(d.id), `${d.name} (${d.code})`]));
  const days = (await db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, workday FROM calendar_day`)).rows;
  return {
    departmentId, departmentCode, departmentLabel, categoryId: await codeMap(db, 'category'), regionId: await codeMap(db, 'region'), liaisonOf,
    agents: withRole('AGENT'), supervisors: withRole('SUPERVISOR'), policies,
    calendar: calendarFromOverrides(new Map(days.map((d) => [d.date as string, d.workday as boolean]))),
  };
}
