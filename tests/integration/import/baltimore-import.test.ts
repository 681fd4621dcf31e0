import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ImportMapping } from '../../../src/domain/import-mapping';
import { runImport } from '../../../src/import/importer';
import { startTestServer, TestServer } from '../support/test-server';

// Issue 7: the 10,000 real Baltimore 311 records import into the demo city. The counts per department, channel
// and final status are checked against a tally of the CSV made here, with nothing of the importer's code.

// The shared folder sits next to the project's folder; a clone elsewhere (CI) finds it at its usual place,
// or where BALTIMORE_311_CSV says.
const CSV = [
  process.env.BALTIMORE_311_CSV, join(__dirname, '../../../../shared/data/311/baltimore_311_sample.csv'), '/work/shared/data/311/baltimore_311_sample.csv',
].find((p): p is string => !!p && existsSync(p)) ?? '/work/shared/data/311/baltimore_311_sample.csv';
const MAPPING_FILE = join(__dirname, '../../../examples/import/baltimore-311.mapping.json');
const mapping: ImportMapping = JSON.parse(readFileSync(MAPPING_FILE, 'utf8'));
const source: Record<string, string>[] = parse(readFileSync(CSV), { columns: true, bom: true });

let t: TestServer;
const importFile = (file: string, extra: Partial<Parameters<typeof runImport>[1]> = {}) =>
  runImport(t.db.dataSource, { file, mapping, timeZone: t.config.hotlineTz, now: t.clock.now(), ...extra });

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The tally, from the mapping's own tables: agency → department (or the agency's name for created ones). */
function tally(key: (row: Record<string, string>) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of source) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
}
const departmentOf = (row: Record<string, string>) => {
  const code = mapping.department.map![row.Agency.trim()];
  return code === '@center' ? 'center' : code ?? row.Agency.trim();
};
const channelOf = (row: Record<string, string>) => mapping.channel.map![row.MethodReceived.trim()] ?? 'TRANSFER';
const statusOf = (row: Record<string, string>) => {
  const outcome = mapping.status.map![row.SRStatus.trim()];
  const center = departmentOf(row) === 'center';
  return { CLOSED: 'CLOSED', DUPLICATE: 'MERGED', OPEN: center ? 'REGISTERED' : 'DISPATCHED', IN_PROGRESS: center ? 'REGISTERED' : 'IN_PROGRESS' }[outcome]!;
};

async function counted(sql: string): Promise<Record<string, number>> {
  const rows: { k: string; n: number }[] = await t.db.dataSource.query(sql);
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

describe('the Baltimore sample', () => {
  let first: Awaited<ReturnType<typeof runImport>>;
  beforeAll(async () => {
    first = await importFile(CSV);
  }, 300_000);

  test('every record imports', () => {
    expect(first).toMatchObject({ rows: 10_000, imported: 10_000, updated: 0, skipped: 0, rejected: 0 });
    expect(first.rollupDays).toBeGreaterThan(1000);
  });

  test('counts per department, channel and final status equal the tally of the CSV', async () => {
    const byDepartment = await counted(
      `SELECT CASE WHEN d.id IS NULL THEN 'center' WHEN d.code LIKE 'IMPORTED%' THEN d.name ELSE d.code END AS k, count(*)::int AS n
       FROM service_request r JOIN import_record i ON i.request_id = r.id
       LEFT JOIN assignment a ON a.id = r.lead_assignment_id LEFT JOIN department d ON d.id = a.department_id GROUP BY 1`,
    );
    expect(byDepartment).toEqual(tally(departmentOf));
    expect(await counted(`SELECT r.channel AS k, count(*)::int AS n FROM service_request r JOIN import_record i ON i.request_id = r.id GROUP BY 1`))
      .toEqual(tally(channelOf));
    expect(await counted(`SELECT r.status AS k, count(*)::int AS n FROM service_request r JOIN import_record i ON i.request_id = r.id GROUP BY 1`))
      .toEqual(tally(statusOf));
  });

  test('imported requests are real requests: queryable, with their times, a timeline naming the source, and in the KPIs', async () => {
    const agent = await t.login('agent01');
    const q = `query($code: String!) { serviceRequest(code: $code) { status createdAt closedAt category { code } region { code }
      leadAssignment { status department { code } } timeline(first: 5) { edges { node { kind summary actor { username } data } } } } }`;
    const { serviceRequest: r } = await agent.ok(q, { code: 'BAL18-00269879' });
    expect(r).toMatchObject({
      status: 'CLOSED', createdAt: '2018-04-12T15:11:26.000Z', closedAt: '2018-04-12T16:45:47.000Z',
      category: { code: 'TRANSPORT_SIGNAL' }, region: { code: 'D03' }, leadAssignment: { status: 'COMPLETED', department: { code: 'TRANSPORT' } },
    });
    const [event] = r.timeline.edges.map((e: any) => e.node);
    expect(event).toMatchObject({ kind: 'IMPORTED', actor: null, data: { source: 'baltimore-311', sourceId: '18-00269879', line: 2 } });

    const analyst = await t.login('analyst01');
    const received: Record<string, number> = {};
    for (const [from, to] of [['2014-01-01', '2017-01-01'], ['2017-01-01', '2020-01-01']]) { // kpis takes at most 3 years
      const kpis = (await analyst.ok('query($q: KpiQuery!) { kpis(query: $q) { key received } }', {
        q: { from: `${from}T00:00:00+08:00`, to: `${to}T00:00:00+08:00`, groupBy: ['CHANNEL'] },
      })).kpis as { key: string[]; received: number }[];
      for (const k of kpis) received[k.key[0]] = (received[k.key[0]] ?? 0) + k.received;
    }
    expect(received).toEqual(tally(channelOf));
  });

  test('a second run imports nothing new', async () => {
    const before = await t.countRows(['service_request', 'assignment', 'timeline_event', 'category', 'department']);
    expect(await importFile(CSV)).toMatchObject({ imported: 0, updated: 0, skipped: 10_000, rejected: 0, rollupDays: 0 });
    expect(await t.countRows(['service_request', 'assignment', 'timeline_event', 'category', 'department'])).toEqual(before);
  }, 120_000);

  test('a corrected file updates exactly the records that changed', async () => {
    const lines = readFileSync(CSV, 'utf8').split('\n');
    const corrected = join(tmpdir(), `baltimore-corrected-${process.pid}.csv`);
    // The first record (Transportation) was in fact the housing department's.
    writeFileSync(corrected, [lines[0], lines[1].replace(',Transportation,', ',Housing,'), lines[2], lines[3]].join('\n'));
    expect(await importFile(corrected)).toMatchObject({ imported: 0, updated: 1, skipped: 2, rejected: 0 });
    const [row] = await t.db.dataSource.query(
      `SELECT d.code, (SELECT count(*)::int FROM timeline_event e WHERE e.request_id = r.id AND e.kind = 'IMPORTED') AS events
       FROM service_request r JOIN assignment a ON a.id = r.lead_assignment_id JOIN department d ON d.id = a.department_id WHERE r.code = 'BAL18-00269879'`,
    );
    expect(row).toEqual({ code: 'HOUSING', events: 2 });
  });
});
