import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { DataSource, EntityManager } from 'typeorm';
import { checkMapping, ImportMapping, mapRecord } from '../domain/import-mapping';
import { analyzeRollups, daysTouchedBy, recomputeDays } from '../services/analytics/rollup.service';
import { replyEscalationTimes } from '../domain/sla';
import { CalendarCache } from '../services/calendar-cache';
import { ImportLookups } from './import-lookups';
import { BatchContext, SourceRow, writeBatch } from './import-writer';

// npm run import: streams a CSV (never the whole file in memory), maps each record, and writes in batches of
// one transaction each. A record that cannot be imported — a bad date, an unknown value under the reject
// policy, a truncated line, a row the database refuses — goes to the report with its line number and reason,
// and nothing of it is written. Afterwards the KPI rollups of every day the import touched are rebuilt.

export interface ImportOptions {
  file: string;
  mapping: ImportMapping;
  dryRun?: boolean;
  /** JSON Lines: one object per rejected or kept-local record, then the summary. */
  reportFile?: string | null;
  batchSize?: number;
  /** Username of the ADMIN the requests are registered by (default: the first active administrator). */
  asUsername?: string | null;
  timeZone: string;
  now?: Date;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportSummary {
  rows: number;
  imported: number;
  updated: number;
  /** Unchanged since the last import, or changed in the hotline since (the hotline's version kept). */
  skipped: number;
  rejected: number;
  rollupDays: number;
  dryRun: boolean;
  seconds: number;
  maxRssBytes: number;
}

interface Report { write(entry: Record<string, unknown>): void; close(): Promise<void> }

function openReport(path: string | null | undefined): Report {
  if (!path) return { write: () => undefined, close: async () => undefined };
  const out: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  return {
    write: (entry) => { out.write(`${JSON.stringify(entry)}\n`); },
    close: () => new Promise((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}

export async function runImport(dataSource: DataSource, o: ImportOptions): Promise<ImportSummary> {
  checkMapping(o.mapping);
  const started = Date.now();
  const lookups = new ImportLookups();
  await lookups.load(dataSource.manager);
  assertMappingTargetsExist(o.mapping, lookups);
  const staffId = await importingStaff(dataSource.manager, o.asUsername);
  const replyEscalation = replyEscalationTimes(await new CalendarCache().get(dataSource.manager), o.timeZone);
  // Sampled from here on, in this process: the test of issue 7 holds the import to a memory bound with it.
  let maxRss = process.memoryUsage().rss;
  const sampler = setInterval(() => { maxRss = Math.max(maxRss, process.memoryUsage().rss); }, 100);
  const report = openReport(o.reportFile);
  const totals = { rows: 0, imported: 0, updated: 0, skipped: 0, rejected: 0 };
  const days = new Set<string>();
  const reject = (line: number, sourceId: string | null, reason: string) => {
    totals.rejected++;
    report.write({ line, sourceId, reason });
  };
  const flush = async (batch: SourceRow[]) => {
    if (!batch.length) return;
    const ids = await writeInBatch(dataSource, lookups, { source: o.mapping.source, file: basename(o.file), staffId, now: o.now ?? new Date(), replyEscalation }, batch, !!o.dryRun, reject, totals, report);
    if (!o.dryRun) for (const day of await daysTouchedBy(dataSource.manager, ids, o.timeZone)) days.add(day);
  };
  try {
    const totalBytes = (await stat(o.file)).size;
    const input = createReadStream(o.file);
    const parser = input.pipe(parse({ columns: true, info: true, relax_column_count: true, skip_records_with_error: true, bom: true, trim: false }));
    let lastLine = 1; // the header
    parser.on('skip', (err: Error & { lines?: number }) => {
      totals.rows++;
      reject(lastLine + 1, null, `unreadable record: ${err.message}`);
      lastLine = err.lines ?? lastLine + 1;
    });
    let batch: SourceRow[] = [];
    type Parsed = { record: Record<string, string>; info: { lines: number; columns?: unknown[]; error?: { record?: unknown[] } } };
    for await (const { record, info } of parser as AsyncIterable<Parsed>) {
      const line = lastLine + 1;
      lastLine = info.lines;
      totals.rows++;
      if (info.error) {
        reject(line, null, `truncated or malformed line: ${info.error.record?.length ?? '?'} fields, the header has ${info.columns?.length ?? '?'}`);
        continue;
      }
      const mapped = mapRecord(record, o.mapping);
      if (!mapped.ok) reject(line, record[o.mapping.columns.sourceId] ?? null, mapped.reason);
      else batch.push({ line, record: mapped.record });
      if (batch.length >= (o.batchSize ?? 500)) {
        await flush(batch);
        batch = [];
      }
      o.onProgress?.({ rows: totals.rows, bytes: input.bytesRead, totalBytes });
    }
    await flush(batch);
    const rollupDays = o.dryRun ? 0 : await rebuildRollups(dataSource, [...days], o.timeZone, o.now ?? new Date());
    const summary: ImportSummary = { ...totals, rollupDays, dryRun: !!o.dryRun, seconds: (Date.now() - started) / 1000, maxRssBytes: Math.max(maxRss, process.memoryUsage().rss) };
    report.write({ summary });
    return summary;
  } finally {
    clearInterval(sampler);
    await report.close();
  }
}

/**
 * One transaction for the batch. If the database refuses it, each record is tried again alone (in a savepoint)
 * so that only the records it refuses are rejected. A dry run rolls every batch back.
 */
async function writeInBatch(
  dataSource: DataSource, lookups: ImportLookups, base: Omit<BatchContext, 'em' | 'lookups'>, batch: SourceRow[], dryRun: boolean,
  reject: (line: number, sourceId: string | null, reason: string) => void,
  totals: { imported: number; updated: number; skipped: number }, report: Report,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const c: BatchContext = { ...base, em: runner.manager, lookups };
  const ids: string[] = [];
  const counts = { imported: 0, updated: 0, skipped: 0 };
  const rejected: { line: number; sourceId: string; reason: string }[] = [];
  try {
    await runner.query('SAVEPOINT batch');
    try {
      add(await writeBatch(c, batch));
    } catch {
      await runner.query('ROLLBACK TO SAVEPOINT batch');
      lookups.rollback();
      for (const row of batch) {
        await runner.query('SAVEPOINT one');
        const mark = lookups.mark();
        try {
          add(await writeBatch(c, [row]));
          await runner.query('RELEASE SAVEPOINT one');
        } catch (err) {
          await runner.query('ROLLBACK TO SAVEPOINT one');
          lookups.rollback(mark);
          rejected.push({ line: row.line, sourceId: row.record.sourceId, reason: `refused by the database: ${(err as Error).message}` });
        }
      }
    }
    if (dryRun) await runner.rollbackTransaction();
    else await runner.commitTransaction();
    if (dryRun) lookups.rollback();
    else lookups.commit();
  } catch (err) {
    await runner.rollbackTransaction().catch(() => undefined);
    lookups.rollback();
    throw err;
  } finally {
    await runner.release();
  }
  for (const r of rejected) reject(r.line, r.sourceId, r.reason);
  totals.imported += counts.imported;
  totals.updated += counts.updated;
  totals.skipped += counts.skipped;
  return ids;

  function add(out: Awaited<ReturnType<typeof writeBatch>>) {
    counts.imported += out.imported;
    counts.updated += out.updated;
    counts.skipped += out.unchanged + out.keptLocal.length;
    for (const row of out.keptLocal) report.write({ line: row.line, sourceId: row.record.sourceId, kept: 'changed in the hotline since it was imported; not overwritten' });
    ids.push(...out.requestIds);
  }
}

/** Every code a map names must exist: a typo in the mapping is an error before anything is read. */
function assertMappingTargetsExist(m: ImportMapping, lookups: ImportLookups): void {
  const targets = (v: { map?: Record<string, string>; prefixes?: Record<string, string>; unknown: { policy: string; value?: string; parent?: string } } | undefined) =>
    v ? [...Object.values(v.map ?? {}), ...Object.values(v.prefixes ?? {}), ...(v.unknown.value ? [v.unknown.value] : [])] : [];
  const missing = [
    ...lookups.missing('category', targets(m.category)).map((c) => `category ${c}`),
    ...lookups.missing('department', targets(m.department).filter((c) => c !== '@center')).map((c) => `department ${c}`),
    ...lookups.missing('region', targets(m.region).filter(Boolean)).map((c) => `region ${c}`),
  ];
  if (missing.length) throw new Error(`mapping names codes this hotline does not have: ${[...new Set(missing)].join(', ')}`);
}

async function importingStaff(em: EntityManager, username: string | null | undefined): Promise<string> {
  const rows: { id: string }[] = await em.query(
    `SELECT id::text FROM staff WHERE active AND 'ADMIN' = ANY(roles) AND ($1::text IS NULL OR username = $1) ORDER BY id LIMIT 1`,
    [username ?? null],
  );
  if (!rows.length) throw new Error(username ? `no active administrator named ${username}` : 'no active administrator to register the imported requests');
  return rows[0].id;
}

/** The rollups of the touched days, a month of days per transaction. */
async function rebuildRollups(dataSource: DataSource, days: string[], timeZone: string, now: Date): Promise<number> {
  days.sort();
  for (let i = 0; i < days.length; i += 31) {
    await dataSource.transaction((em) => recomputeDays(em, days.slice(i, i + 31), { timeZone, now }));
  }
  if (days.length) await analyzeRollups(dataSource); // a history's worth of new rollup rows: fresh statistics
  return days.length;
}

