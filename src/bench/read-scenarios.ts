import { Pool } from 'pg';
import { bigramLexeme } from '../domain/text-search';
import { BenchInputs, SEARCH_TERMS } from './bench-inputs';
import { CATEGORIES } from '../seed/reference-catalog';
import { COMMUNITIES, COMPANIES, HOSPITALS, REQUEST_TEMPLATES, ROADS, SCHOOLS, SHOPS } from '../seed/demo-texts';
import { GraphQLClient } from './load-loop';

// The read and intake paths, each twice: as the client sends it to the API over HTTP, and as the raw SQL a
// hand-written server would need for the same answer (through `pg`, same concurrency), so that the ratio
// of the two is what the GraphQL stack (HTTP, parsing, validation, auth, resolvers, DataLoader, TypeORM)
// costs on top of the database.

export interface Scenario {
  name: string;
  what: string;
  http: (api: GraphQLClient, n: number) => Promise<void>;
  sql: (pool: Pool, n: number) => Promise<void>;
  /** Writes: the ratio to raw SQL is reported but the 3× target is for reads. */
  write?: boolean;
}

const at = <T>(items: T[], n: number): T => items[n % items.length];
const DAY = 86_400_000;

const INTAKE = `mutation ($input: CreateServiceRequestInput!) { createServiceRequest(input: $input) { id code status } }`;
const LIAISON_PAGE = `{ myAssignments(first: 20) { edges { node { id role status dispatchedAt acceptDueAt dueAt overdue request { code title status } } } pageInfo { hasNextPage endCursor } } }`;
const SEARCH = `query ($search: String!, $region: String!) { serviceRequests(filter: { search: $search, regionCode: $region }, first: 20) {
  edges { node { id code title status createdAt dueAt overdue category { name } } } pageInfo { hasNextPage endCursor } } }`;
const DETAIL = `query ($code: String!) { serviceRequest(code: $code) { id code title content status createdAt dueAt overdue reopenCount
  category { name } region { name } owner { displayName } citizen { name phone }
  assignments { id role status round department { code name } dispatchedAt acceptDueAt acceptedAt dueAt repliedAt reply replyOutcome }
  followUps { attempt reached satisfaction resolved recordedAt }
  timeline(first: 50) { edges { node { id at kind summary actor { displayName } } } pageInfo { hasNextPage endCursor } } } }`;
const KPIS = `query ($q: KpiQuery!) { kpis(query: $q) { key received dispatched closed followedUp responseRate resolutionRate satisfactionRate onTimeReplyRate } }`;
const KPI_SERIES = `query ($q: KpiQuery!) { kpiSeries(query: $q) { keys received dispatched closed followedUp responseRate resolutionRate satisfactionRate onTimeReplyRate } }`;

// Intake writes what the history holds: every template of the demo texts whose category the reference has, with
// its placeholders filled. (Four fixed texts made the newest requests unlike the rest: a search for any other
// term then walked past every request the intake scenario had just written.)
const TEMPLATES = REQUEST_TEMPLATES.filter((t) => CATEGORIES.some((c) => c.children?.some((l) => l.code === t.category)));
const FILLINGS: Record<string, string[]> = {
  road: ROADS, community: COMMUNITIES, shop: SHOPS, company: COMPANIES, school: SCHOOLS, hospital: HOSPITALS,
  bus: ['12路', '35路', '106路', 'K8路'], months: ['两', '三', '五'], amount: ['8600', '12000', '36500'],
  district: ['滨江区', '江北区'], street: ['长安街道', '和平街道'], place: ['和平路18号', '建设路7号院', '中山路幸福里小区'],
};
const filled = (text: string, n: number) => text.replace(/\{(\w+)\}/g, (_, key: string) => at(FILLINGS[key] ?? [''], n));

/**
 * The KPI SQL of kpi-query.service.ts for a center role (no department scope), by the given key expressions, over
 * the rollup table it chooses (src/domain/kpi-grain.ts) joined to the reference tables the keys read.
 */
function kpiSql(keys: string[], table: string, joins: string[]): string {
  const counters = ['received', 'dispatched', 'accepted_on_time', 'replied', 'replied_on_time', 'overdue_open', 'closed', 'followed_up', 'satisfied', 'resolved'];
  const groups = keys.map((_, i) => `k${i}`).join(', ');
  return `SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(', ')}, ${counters.map((c) => `COALESCE(sum(k.${c}), 0)::int AS ${c}`).join(', ')}
    FROM ${table} k ${joins.join(' ')}
    WHERE k.day BETWEEN $1::date AND $2::date GROUP BY ${groups} ORDER BY ${groups}`;
}

export function readScenarios(inp: BenchInputs, tz: string): Scenario[] {
  const now = inp.now.getTime();
  const localDate = (ms: number) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: tz });
  const monthFrom = new Date(now - 31 * DAY);
  const run = Date.now().toString(36);
  const intakeInput = (n: number) => {
    const t = at(TEMPLATES, n);
    const region = at(inp.regions, n * 7 + 3);
    return {
      idempotencyKey: `bench-${run}-${n}`, channel: 'PHONE', type: at(t.types, n), title: filled(t.title, n), content: filled(t.content, n), categoryCode: t.category,
      regionCode: region.code, address: '和平路18号', citizen: { name: '张伟', phone: `139${String(10_000_000 + (n % 90_000_000)).padStart(8, '0')}` },
    };
  };
  const dayCategory = { from: new Date(now - 30 * DAY).toISOString(), to: inp.now.toISOString(), groupBy: ['DAY', 'CATEGORY'] };
  const dayCategorySql = async (pool: Pool) => {
    await pool.query(kpiSql([`to_char(k.day, 'YYYY-MM-DD')`, 'c.code'], 'kpi_rollup_category', ['JOIN category c ON c.id = k.category_id']), [localDate(now - 30 * DAY), localDate(now)]);
  };
  return [
    {
      name: 'intake', what: 'createServiceRequest by agents (new and repeat callers)', write: true,
      http: async (api, n) => { await api.request(INTAKE, { input: intakeInput(n) }, at(inp.agentTokens, n)); },
      sql: async (pool, n) => {
        const i = intakeInput(n);
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const citizen = await c.query(
            `INSERT INTO citizen (name, phone) VALUES ($1, $2) ON CONFLICT (phone) WHERE phone IS NOT NULL DO UPDATE SET name = EXCLUDED.name RETURNING id`,
            [i.citizen.name, `${i.citizen.phone}`]);
          const r = await c.query(
            `INSERT INTO service_request (code, idempotency_key, channel, type, urgency, status, title, content, category_id, region_id, address,
               citizen_id, created_at, updated_at, registered_by_id, owner_id)
             SELECT (SELECT to_char(now() AT TIME ZONE $9, 'YYYYMMDD') || '-' || CASE WHEN length(s) < 6 THEN lpad(s, 6, '0') ELSE s END
                FROM (SELECT nextval('service_request_code_seq')::text AS s) seq), $1, 'PHONE', $10::request_type, 'NORMAL',
               'REGISTERED', $2, $3, (SELECT id FROM category WHERE code = $4), (SELECT id FROM region WHERE code = $5), $6, $7, now(), now(), $8, $8
             ON CONFLICT (registered_by_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id, code`,
            [`sql-${i.idempotencyKey}`, i.title, i.content, i.categoryCode, i.regionCode, i.address, citizen.rows[0].id, 1 + (n % 8), tz, i.type]);
          await c.query(`INSERT INTO timeline_event (request_id, at, kind, actor_id, summary, data) VALUES ($1, now(), 'CREATED', $2, $3, $4)`,
            [r.rows[0].id, 1 + (n % 8), `Registered ${r.rows[0].code}`, JSON.stringify({ code: r.rows[0].code })]);
          await c.query(`INSERT INTO outbox_event (topic, payload, created_at) VALUES ('request.changed', $1, now())`, [JSON.stringify({ requestId: String(r.rows[0].id) })]);
          await c.query('COMMIT');
        } catch (err) {
          await c.query('ROLLBACK');
          throw err;
        } finally {
          c.release();
        }
      },
    },
    {
      name: 'liaison-page', what: 'myAssignments first page (20) for a random liaison, with each request',
      http: async (api, n) => { await api.request(LIAISON_PAGE, {}, at(inp.liaisons, n).token); },
      sql: async (pool, n) => {
        await pool.query(
          `SELECT x.id, x.role, x.status, x.dispatched_at, x.accept_due_at, x.due_at, r.code, r.title, r.status AS request_status
           FROM department d CROSS JOIN LATERAL (
             SELECT a.* FROM assignment a WHERE a.department_id = d.id ORDER BY a.dispatched_at DESC, a.id DESC LIMIT 21) x
           JOIN service_request r ON r.id = x.request_id
           WHERE d.path LIKE $1 ORDER BY x.dispatched_at DESC, x.id DESC LIMIT 21`,
          [`${at(inp.liaisons, n).path}%`]);
      },
    },
    {
      name: 'search', what: 'serviceRequests with search text and a region (district or street), first 20',
      http: async (api, n) => { await api.request(SEARCH, { search: at(SEARCH_TERMS, n), region: at(inp.regions, n * 5 + 1).code }, at(inp.agentTokens, n)); },
      sql: async (pool, n) => {
        const term = at(SEARCH_TERMS, n);
        const lexeme = bigramLexeme(term);
        // Hand-written for a UTF-8 database: two-character terms through the bigram index with the same recheck as
        // the API, the region as the ids of its subtree.
        const match = lexeme === null
          ? '(r.title ILIKE $1 OR r.content ILIKE $1 OR r.code ILIKE $1)'
          : `((r.text_bigrams @@ $2::tsquery AND (strpos(lower(r.title), $3) > 0 OR strpos(lower(r.content), $3) > 0))
              OR (octet_length(r.code) <> char_length(r.code) AND r.code ILIKE $1))`;
        const params: unknown[] = [`%${term}%`, ...(lexeme === null ? [] : [`'${lexeme}'`, lexeme])];
        // The ids as a list, as the API sends them: one id is an equality, which lets a street's own index order serve.
        const ids = at(inp.regions, n * 5 + 1).ids;
        const regionIds = ids.map((_, i) => `$${params.length + i + 1}`).join(', ');
        await pool.query(
          `SELECT r.id, r.code, r.title, r.status, r.created_at, r.due_at, c.name FROM service_request r JOIN category c ON c.id = r.category_id
           WHERE r.region_id IN (${regionIds}) AND ${match}
           ORDER BY r.created_at DESC, r.id DESC LIMIT 21`,
          [...params, ...ids]);
      },
    },
    {
      name: 'request-detail', what: 'serviceRequest by code with assignments, follow-ups, citizen and the first 50 timeline events',
      http: async (api, n) => { await api.request(DETAIL, { code: at(inp.requests, n).code }, at(inp.agentTokens, n)); },
      sql: async (pool, n) => {
        const id = at(inp.requests, n).id;
        await Promise.all([
          pool.query(`SELECT r.*, c.name, g.name, s.display_name, z.name, z.phone FROM service_request r JOIN category c ON c.id = r.category_id
                      LEFT JOIN region g ON g.id = r.region_id JOIN staff s ON s.id = r.owner_id LEFT JOIN citizen z ON z.id = r.citizen_id WHERE r.id = $1`, [id]),
          pool.query(`SELECT a.*, d.code, d.name FROM assignment a JOIN department d ON d.id = a.department_id WHERE a.request_id = $1 ORDER BY a.id`, [id]),
          pool.query(`SELECT * FROM follow_up WHERE request_id = $1 ORDER BY id`, [id]),
          pool.query(`SELECT t.*, s.display_name FROM timeline_event t LEFT JOIN staff s ON s.id = t.actor_id WHERE t.request_id = $1 ORDER BY t.id LIMIT 51`, [id]),
        ]);
      },
    },
    {
      name: 'kpis-month-department', what: 'kpis over the last month grouped by DEPARTMENT (analyst)',
      http: async (api) => { await api.request(KPIS, { q: { from: monthFrom.toISOString(), to: inp.now.toISOString(), groupBy: ['DEPARTMENT'] } }, inp.analystToken); },
      sql: async (pool) => {
        await pool.query(kpiSql(['d.code'], 'kpi_rollup_department', ['JOIN department d ON d.id = k.department_id']), [localDate(monthFrom.getTime()), localDate(now)]);
      },
    },
    {
      name: 'kpis-30d-day-category', what: 'kpis over 30 days grouped by DAY and CATEGORY (analyst)',
      http: async (api) => { await api.request(KPIS, { q: dayCategory }, inp.analystToken); },
      sql: dayCategorySql,
    },
    {
      // The same question and statement; the answer column by column, as a chart reads it.
      name: 'kpi-series-30d-day-category', what: 'kpiSeries over 30 days grouped by DAY and CATEGORY (analyst)',
      http: async (api) => { await api.request(KPI_SERIES, { q: dayCategory }, inp.analystToken); },
      sql: dayCategorySql,
    },
  ];
}
