import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportMapping } from '../../../src/domain/import-mapping';
import { runImport } from '../../../src/import/importer';
import { startTestServer, TestServer } from '../support/test-server';

// Bad rows never stop the import and never half-write: each is reported with its line number and reason.

const MAPPING_FILE = join(__dirname, '../../../examples/import/baltimore-311.mapping.json');
const base: ImportMapping = JSON.parse(readFileSync(MAPPING_FILE, 'utf8'));
/** Unknown agencies are refused instead of created. */
const strict: ImportMapping = { ...base, source: 'strict-test', department: { ...base.department, unknown: { policy: 'reject' } } };

const HEADER = 'SRRecordID,ServiceRequestNum,SRType,MethodReceived,CreatedDate,SRStatus,StatusDate,DueDate,CloseDate,Agency,Address,CouncilDistrict';
const row = (id: string, over: Partial<Record<'type' | 'created' | 'status' | 'close' | 'agency', string>> = {}) =>
  [id, id, over.type ?? 'SW-Dirty Alley', 'Phone', over.created ?? '04/12/2018 11:11:26 AM', over.status ?? 'Closed', '04/13/2018 09:00:00 AM',
    '04/20/2018 11:11:26 AM', over.close ?? '04/13/2018 09:00:00 AM', over.agency ?? 'Solid Waste', '"1 MAIN ST, BALTIMORE"', '1'].join(',');

let t: TestServer;
let report: { line?: number; sourceId?: string | null; reason?: string; summary?: Record<string, number> }[];
let summary: Awaited<ReturnType<typeof runImport>>;

beforeAll(async () => {
  t = await startTestServer();
  const file = join(tmpdir(), `bad-rows-${process.pid}.csv`);
  const reportFile = `${file}.report.jsonl`;
  writeFileSync(file, [
    HEADER,
    row('T-1'),                                              // line 2: fine
    row('T-2', { created: '2018-13-45 25:61' }),             // line 3: bad date
    row('T-3', { agency: 'Department of Nowhere' }),         // line 4: unknown agency, reject policy
    'T-4,T-4,SW-Dirty Alley,Phone,04/12/2018 11:11:26 AM',  // line 5: truncated
    row('T-5', { status: 'Misplaced' }),                     // line 6: unknown status
    row('T-6', { close: '' }),                               // line 7: closed, but no close date … (StatusDate stands in)
    row('T-7', { created: '04/12/2018 11:11:26 AM', close: '01/01/2017 01:00:00 AM' }), // line 8: closed before created
    row('T-8'),                                              // line 9: fine
    'T-9,T-9,"SW-Dirty Alley,Phone,04/12/2018 11:11:26 AM',  // line 10: an opening quote never closed, to the end
  ].join('\n'));
  summary = await runImport(t.db.dataSource, { file, mapping: strict, reportFile, timeZone: t.config.hotlineTz, now: t.clock.now() });
  report = readFileSync(reportFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
});
afterAll(() => t.close());

test('the good rows are imported and the bad ones counted, whatever comes after them', () => {
  expect(summary).toMatchObject({ rows: 9, imported: 3, updated: 0, skipped: 0, rejected: 6 });
});

test('each bad row is reported with its line number and reason', () => {
  const byLine = Object.fromEntries(report.filter((r) => r.line).map((r) => [r.line, r.reason]));
  expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 8, 10]);
  expect(byLine[3]).toMatch(/bad CreatedDate "2018-13-45 25:61"/);
  expect(byLine[4]).toBe('unknown department "Department of Nowhere"');
  expect(byLine[5]).toMatch(/truncated or malformed line: 5 fields, the header has 12/);
  expect(byLine[6]).toBe('unknown status "Misplaced"');
  expect(byLine[8]).toMatch(/closed .* before it was created/);
  expect(byLine[10]).toMatch(/unreadable record: Quote Not Closed/);
  expect(report[report.length - 1].summary).toMatchObject({ imported: 3, rejected: 6 });
});

test('nothing of a rejected row is written', async () => {
  const codes: { code: string }[] = await t.db.dataSource.query(`SELECT code FROM service_request ORDER BY code`);
  expect(codes.map((c) => c.code)).toEqual(['BALT-1', 'BALT-6', 'BALT-8']);
  const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM import_record`);
  expect(n).toBe(3);
  const [{ d }] = await t.db.dataSource.query(`SELECT count(*)::int AS d FROM department WHERE name = 'Department of Nowhere'`);
  expect(d).toBe(0);
});

test('a dry run reports the same and writes nothing', async () => {
  const file = join(tmpdir(), `dry-${process.pid}.csv`);
  writeFileSync(file, [HEADER, row('D-1'), row('D-2', { agency: 'Fire Department' }), row('D-3', { created: 'yesterday' })].join('\n'));
  const before = await t.countRows(['service_request', 'assignment', 'timeline_event', 'import_record', 'department']);
  const dry = await runImport(t.db.dataSource, { file, mapping: base, dryRun: true, timeZone: t.config.hotlineTz, now: t.clock.now() });
  expect(dry).toMatchObject({ rows: 3, imported: 2, rejected: 1, dryRun: true, rollupDays: 0 });
  expect(await t.countRows(['service_request', 'assignment', 'timeline_event', 'import_record', 'department'])).toEqual(before);
});

test('a mapping that names codes the hotline does not have stops before reading a row', async () => {
  const wrong: ImportMapping = { ...base, channel: { ...base.channel, map: { Phone: 'TELEGRAPH' } } };
  await expect(runImport(t.db.dataSource, { file: '/nonexistent.csv', mapping: wrong, timeZone: t.config.hotlineTz })).rejects.toThrow(/TELEGRAPH/);
  const typo: ImportMapping = { ...base, department: { ...base.department, map: { 'Solid Waste': 'URBNA' } } };
  await expect(runImport(t.db.dataSource, { file: '/nonexistent.csv', mapping: typo, timeZone: t.config.hotlineTz })).rejects.toThrow(/department URBNA/);
});
