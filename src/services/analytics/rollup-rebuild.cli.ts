import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { loadConfig } from '../../config';
import { createDataSource } from '../../db/data-source';
import { daysBetween, rebuildRollups } from './rollup.service';

// `npm run rollups:rebuild -- --from 2026-01-01 --to 2026-03-31`: recomputes the KPI rollups of those local
// days from the raw tables (after an import, a fix, or to check the incremental job). A week per transaction, every
// grain of a day in the same one; then ANALYZE, so that the planner knows the rebuilt tables.

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('set DATABASE_URL to the database whose rollups to rebuild');
  const today = DateTime.now().setZone(config.hotlineTz).toISODate()!;
  const from = values.from ?? DateTime.fromISO(today).minus({ days: 90 }).toISODate()!;
  const to = values.to ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) throw new Error('--from and --to are days YYYY-MM-DD, from ≤ to');
  const ds = await createDataSource(config.databaseUrl, { poolSize: 2 }).initialize();
  const days = daysBetween(from, to);
  await rebuildRollups(ds, days, { timeZone: config.hotlineTz, now: new Date() }, {
    daysPerTransaction: 7,
    progress: (done, rows) => process.stdout.write(`\rrebuilt ${done}/${days.length} days, ${rows} rollup rows`),
  });
  process.stdout.write('\nanalyzed the rollup tables\n');
  await ds.destroy();
}

main().catch((err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); });
