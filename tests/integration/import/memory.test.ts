import { execFile } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { startTestServer, TestServer } from '../support/test-server';

// Memory stays flat: `npm run import` of a generated 500,000-row file keeps the importing process under 300 MB
// RSS, as the process itself samples it (process.memoryUsage(), every 100 ms, into the report's summary).
// A bound, not a timing.

const ROWS = Number(process.env.IMPORT_MEMORY_TEST_ROWS ?? 500_000);
const LIMIT_BYTES = 300 * 1024 * 1024;
const MAPPING = join(__dirname, '../../../examples/import/baltimore-311.mapping.json');
const ROOT = join(__dirname, '../../..');

let t: TestServer;
const file = join(tmpdir(), `import-memory-${process.pid}.csv`);
const reportFile = `${file}.report.jsonl`;

async function generate(): Promise<void> {
  const out = createWriteStream(file);
  const types = ['SW-Dirty Alley', 'TRM-Pothole Repair', 'BGE-StLight(s) Out', 'WW-Water Leak (Exterior)', 'HCD-Sanitation Property'];
  const agencies = ['Solid Waste', 'Transportation', 'BGE', 'Water Wastewater', 'Housing'];
  out.write('SRRecordID,ServiceRequestNum,SRType,MethodReceived,CreatedDate,SRStatus,StatusDate,DueDate,CloseDate,Agency,Address,Neighborhood,CouncilDistrict\n');
  for (let i = 0; i < ROWS; i++) {
    const k = i % types.length;
    const day = 10 + (i % 10);
    const line = `M-${i},M-${i},${types[k]},Phone,05/${day}/2019 08:00:00 AM,Closed,05/${day}/2019 05:00:00 PM,05/${day + 5}/2019 08:00:00 AM,` +
      `05/${day}/2019 05:00:00 PM,${agencies[k]},"${i % 9000} GARRISON BLVD, BALTIMORE, MD",Dorchester,${1 + (i % 14)}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** `npm run import` as package.json has it (its V8 options, then its script), so that the test runs what users run. */
function importScriptArgs(): string[] {
  const script: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.import;
  const [node, ...args] = script.split(/\s+/);
  if (node !== 'node') throw new Error(`npm run import no longer starts with node: ${script}`);
  return args;
}

beforeAll(async () => {
  t = await startTestServer();
  await generate();
}, 120_000);
afterAll(async () => {
  rmSync(file, { force: true });
  rmSync(reportFile, { force: true });
  await t.close();
});

test(`importing ${ROWS} rows keeps the process under 300 MB RSS`, async () => {
  await promisify(execFile)(process.execPath, [...importScriptArgs(), '--file', file, '--mapping', MAPPING, '--report', reportFile, '--batch-size', '1000'], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: t.db.url, NODE_ENV: 'test', LOG_LEVEL: 'warn' }, maxBuffer: 10 * 1024 * 1024,
  });
  const lines = readFileSync(reportFile, 'utf8').trim().split('\n');
  const { summary } = JSON.parse(lines[lines.length - 1]);
  expect(summary).toMatchObject({ rows: ROWS, imported: ROWS, rejected: 0 });
  expect(summary.maxRssBytes).toBeLessThan(LIMIT_BYTES);
  const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM import_record`);
  expect(n).toBe(ROWS);
}, 2_400_000); // minutes of work, more on a busy machine: a bound on memory, not on time
