import { EntityManager } from 'typeorm';
import { CATEGORIES, DISTRICTS, streetCode } from './reference-catalog';

// The demo city's routing rules (派单规则): every bureau for its own categories, the exceptions the
// center has learned (dust from building sites is the housing bureau's), and the matters each district
// government and street office handles itself. Two clear-cut categories are dispatched at intake (直派).

interface RuleSpec { category: string; region?: string; department: string; priority?: number; autoDispatch?: boolean }

const BUREAU_OF_TOP_CATEGORY: Record<string, string> = {
  HOUSING: 'HOUSING', URBAN: 'URBAN', TRANSPORT: 'TRANSPORT', MARKET: 'MARKET', HRSS: 'HRSS', ENV: 'ENV', WATER: 'WATER', EDU_HEALTH: 'EDU',
};

/** Leaf categories another bureau than the top category's handles. */
const LEAF_EXCEPTIONS: RuleSpec[] = [
  { category: 'HEALTH_HOSPITAL', department: 'HEALTH' },
  { category: 'HEALTH_VACCINE', department: 'HEALTH' },
  { category: 'ENV_DUST', department: 'HOUSING' },
  { category: 'HOUSING_ELEVATOR', department: 'MARKET' },
  { category: 'TRANSPORT_PARKING', department: 'TRANSPORT', autoDispatch: true },
  { category: 'WATER_CUT', department: 'WATER', autoDispatch: true },
];

/** Matters the district government handles in its own district. */
const DISTRICT_MATTERS = ['HOUSING_OLD_COMMUNITY', 'URBAN_ILLEGAL_BUILDING', 'WATER_POWER_CUT'];
/** Matters the street office (街道办) handles in its own streets. */
const STREET_MATTERS = ['ENV_NOISE', 'HOUSING_PROPERTY', 'URBAN_STALL'];

export function demoRoutingRules(): RuleSpec[] {
  const rules: RuleSpec[] = CATEGORIES.map((c) => ({ category: c.code, department: BUREAU_OF_TOP_CATEGORY[c.code] }));
  rules.push(...LEAF_EXCEPTIONS);
  for (const district of DISTRICTS) {
    for (const category of DISTRICT_MATTERS) rules.push({ category, region: district.code, department: district.code });
    district.streets.forEach((_name, i) => {
      const street = streetCode(district.code, i);
      for (const category of STREET_MATTERS) rules.push({ category, region: street, department: street });
      // Rubbish: the street office first, the city bureau as the fallback the center may pick.
      rules.push({ category: 'URBAN_GARBAGE', region: street, department: street, priority: 10 });
    });
  }
  return rules;
}

/** Loads the demo rules into a database without any; returns how many it wrote. */
export async function seedRoutingRules(em: EntityManager, now: Date): Promise<number> {
  const [{ present }] = await em.query(`SELECT EXISTS (SELECT 1 FROM routing_rule) AS present`);
  if (present) return 0;
  const specs = demoRoutingRules();
  await em.query(
    `INSERT INTO routing_rule (category_id, region_id, department_id, priority, auto_dispatch, updated_at)
     SELECT c.id, g.id, d.id, s.priority, s.auto_dispatch, $2
     FROM jsonb_to_recordset($1::jsonb) AS s(category text, region text, department text, priority int, auto_dispatch boolean)
     JOIN category c ON c.code = s.category
     JOIN department d ON d.code = s.department
     LEFT JOIN region g ON g.code = s.region`,
    [JSON.stringify(specs.map((r) => ({ ...r, priority: r.priority ?? 0, auto_dispatch: r.autoDispatch ?? false }))), now],
  );
  return specs.length;
}
