import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { createDataSource } from '../db/data-source';
import { ImportMapping } from '../domain/import-mapping';
import { EMBEDDED_DATABASE } from '../runtime/database';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres';
import { loadConfigOrExit, runEntryPoint, StartupError } from '../runtime/entry-point';
import { createLogger } from '../runtime/logger';
import { ImportProgress, runImport } from './importer';

// npm run import -- --file <csv> --mapping <mapping.json> [--dry-run] [--report <file>] [--as <admin>]
// Into DATABASE_URL, or into the embedded PostgreSQL of DATA_DIR (the one `npm start` uses, running or not).

const USAGE = 'usage: npm run import -- --file <csv> --mapping <mapping.json> [--dry-run] [--report <file>] [--as <admin username>] [--batch-size N]';

function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '{bar} {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}',
    stream: process.stderr, hideCursor: true, etaBuffer: 50,
  });
  const started = Date.now();
  let begun = false;
  return {
    update: (p) => {
      if (!begun) bar.start(p.totalBytes, 0, { rows: 0, speed: 0 });
      begun = true;
      bar.update(p.bytes, { rows: p.rows, speed: Math.round(p.rows / Math.max((Date.now() - started) / 1000, 0.001)) });
    },
    stop: () => { if (begun) bar.stop(); },
  };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      file: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' }, as: { type: 'string' }, 'batch-size': { type: 'string', default: '500' },
    },
  });
  if (!args.file || !args.mapping) throw new StartupError(USAGE);
  const batchSize = Number(args['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new StartupError('--batch-size must be 1 to 5000');
  const mapping = JSON.parse(await readFile(args.mapping, 'utf8')) as ImportMapping;
  const config = loadConfigOrExit();
  const log = createLogger(config, 'hotline-import');
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: EMBEDDED_DATABASE, log });
  const dataSource = await createDataSource(config.databaseUrl ?? embedded!.url, { poolSize: 4, applicationName: 'hotline-import' }).initialize();
  const bar = progressBar();
  try {
    if (await dataSource.showMigrations()) throw new StartupError('the database has pending migrations: run `npm run migration:run` (or start the service once) first');
    const summary = await runImport(dataSource, {
      file: args.file, mapping, dryRun: args['dry-run'], reportFile: args.report ?? null, batchSize, asUsername: args.as ?? null,
      timeZone: config.hotlineTz, onProgress: bar.update,
    });
    bar.stop();
    const verb = summary.dryRun ? 'would import' : 'imported';
    console.log(`${summary.rows} rows in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rows / Math.max(summary.seconds, 0.001))} rows/s)${summary.dryRun ? ', dry run: nothing written' : ''}`);
    console.log(`  ${verb} ${summary.imported}, updated ${summary.updated}, skipped ${summary.skipped}, rejected ${summary.rejected}`);
    if (!summary.dryRun) console.log(`  KPI rollups rebuilt for ${summary.rollupDays} days`);
    if (summary.rejected && args.report) console.log(`  rejected rows, with line numbers and reasons: ${args.report}`);
    if (summary.rejected && !args.report) console.log('  (--report <file> lists the rejected rows with line numbers and reasons)');
  } finally {
    bar.stop();
    await dataSource.destroy();
    if (embedded?.startedHere) await embedded.stop();
  }
}

runEntryPoint(main);
