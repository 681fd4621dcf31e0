import { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { Role } from '../domain/enums';
import { defaultSlaPolicies } from '../domain/sla';
import { chineseDaysCalendarEntries } from '../domain/working-calendar';
import { CalendarDay, SlaPolicy } from '../entities';
import { RegionLevel } from '../entities/region.entity';
import {
  CATEGORIES, CENTER_STAFF, CITY_DEPARTMENTS, CITY_REGION, CatalogNode, DISTRICTS, HOTLINE_CENTER,
  districtGovernmentName, liaisonUsername, streetCode, streetOfficeName,
} from './reference-catalog';

// The demo's reference data, written so that running it again changes nothing it has not to: trees and
// staff are upserted by code/username, SLA policies and calendar days only filled in where missing (an
// administrator's edits win).

type TreeTable = 'department' | 'category' | 'region';
interface SavedNode { id: string; code: string; path: string; depth: number }
interface TreeRow extends CatalogNode { level?: RegionLevel }

/** Upserts one tree node by code under `parent` and keeps its materialised path ("/1/7/42/") right. */
async function upsertNode(em: EntityManager, table: TreeTable, node: TreeRow, parent: SavedNode | null): Promise<SavedNode> {
  const depth = parent ? parent.depth + 1 : 0;
  const withLevel = table === 'region';
  const rows: { id: string }[] = await em.query(
    `INSERT INTO ${table} (code, name, parent_id, path, depth${withLevel ? ', level' : ''})
     VALUES ($1, $2, $3, '', $4${withLevel ? ', $5' : ''})
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, depth = EXCLUDED.depth
       ${withLevel ? ', level = EXCLUDED.level' : ''}
     RETURNING id`,
    [node.code, node.name, parent?.id ?? null, depth, ...(withLevel ? [node.level] : [])],
  );
  const id = String(rows[0].id);
  const path = `${parent?.path ?? '/'}${id}/`;
  await em.query(`UPDATE ${table} SET path = $1 WHERE id = $2 AND path <> $1`, [path, id]);
  return { id, code: node.code, path, depth };
}

async function upsertTree(em: EntityManager, table: TreeTable, nodes: TreeRow[], parent: SavedNode | null, out: SavedNode[]): Promise<void> {
  for (const node of nodes) {
    const saved = await upsertNode(em, table, node, parent);
    out.push(saved);
    await upsertTree(em, table, node.children ?? [], saved, out);
  }
}

/** The organisation: the center at the root, city bureaus and district governments under it, streets under those. */
function departmentTree(): TreeRow[] {
  const districts = DISTRICTS.map((d) => ({
    code: d.code,
    name: districtGovernmentName(d.name),
    children: d.streets.map((s, i) => ({ code: streetCode(d.code, i), name: streetOfficeName(s) })),
  }));
  return [{ ...HOTLINE_CENTER, children: [...CITY_DEPARTMENTS, ...districts] }];
}

/** The map: the city, its districts and their streets, coded like the governments that run them. */
function regionTree(): TreeRow[] {
  const districts = DISTRICTS.map((d) => ({
    code: d.code,
    name: d.name,
    level: RegionLevel.DISTRICT,
    children: d.streets.map((s, i) => ({ code: streetCode(d.code, i), name: s, level: RegionLevel.STREET })),
  }));
  return [{ ...CITY_REGION, level: RegionLevel.CITY, children: districts }];
}

async function upsertStaff(
  em: EntityManager,
  passwordHash: string,
  staff: { username: string; displayName: string; roles: Role[]; departmentId: string | null },
): Promise<void> {
  // `WHERE staff.demo`: a real account that happens to carry a demo name is never overwritten.
  await em.query(
    `INSERT INTO staff (username, display_name, password_hash, roles, department_id, active, demo)
     VALUES ($1, $2, $3, $4::role[], $5, true, true)
     ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash,
       roles = EXCLUDED.roles, department_id = EXCLUDED.department_id, active = true
     WHERE staff.demo`,
    [staff.username, staff.displayName, passwordHash, staff.roles, staff.departmentId],
  );
}

async function seedStaff(em: EntityManager, departments: SavedNode[], demoPassword: string): Promise<void> {
  const passwordHash = await hashPassword(demoPassword); // argon2 is slow on purpose: hash once, reuse
  for (const s of CENTER_STAFF) {
    await upsertStaff(em, passwordHash, { username: s.username, displayName: s.displayName, roles: [...s.roles], departmentId: null });
  }
  const names = new Map<string, string>(
    (await em.query(`SELECT code, name FROM department`) as { code: string; name: string }[]).map((r) => [r.code, r.name]),
  );
  // The center's own staff are agents and supervisors; every other department has a liaison (联络员).
  for (const d of departments.filter((dep) => dep.code !== HOTLINE_CENTER.code)) {
    await upsertStaff(em, passwordHash, {
      username: liaisonUsername(d.code), displayName: `${names.get(d.code)}联络员`, roles: [Role.LIAISON], departmentId: d.id,
    });
  }
}

async function seedSlaPolicies(em: EntityManager): Promise<void> {
  const rows = defaultSlaPolicies().map((p) => ({
    requestType: p.requestType, urgency: p.urgency,
    acceptAmount: p.accept.amount, acceptUnit: p.accept.unit,
    replyAmount: p.reply.amount, replyUnit: p.reply.unit,
    followUpAmount: p.followUp.amount, followUpUnit: p.followUp.unit,
    warnBeforeAmount: p.warnBefore.amount, warnBeforeUnit: p.warnBefore.unit,
  }));
  await em.createQueryBuilder().insert().into(SlaPolicy).values(rows).orIgnore().execute();
}

async function seedCalendar(em: EntityManager): Promise<void> {
  const rows = chineseDaysCalendarEntries(2024, 2026).map((d) => ({ date: d.date, workday: d.workday, note: d.note ?? null }));
  for (let i = 0; i < rows.length; i += 500) {
    await em.createQueryBuilder().insert().into(CalendarDay).values(rows.slice(i, i + 500)).orIgnore().execute();
  }
}

/** Departments, regions, categories, demo staff, SLA policies and the 2024–2026 calendar. Idempotent. */
export async function seedReferenceData(em: EntityManager, opts: { demoPassword: string }): Promise<void> {
  const departments: SavedNode[] = [];
  await upsertTree(em, 'department', departmentTree(), null, departments);
  await upsertTree(em, 'region', regionTree(), null, []);
  await upsertTree(em, 'category', CATEGORIES, null, []);
  await seedStaff(em, departments, opts.demoPassword);
  await seedSlaPolicies(em);
  await seedCalendar(em);
}
