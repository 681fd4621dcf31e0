import { Client } from 'pg';
import { createDataSource } from '../db/data-source';
import { seededRandom } from '../seed/random';
import { DERIVED_ANALYTICS_TABLES, recomputeDays } from '../services/analytics/rollup.service';
import { HISTORY_MARKER, withClient } from './bench-database';
import { CopySink } from './copy-sink';
import { HistoryGenerator } from './history-generator';
import { COLUMNS, HistorySinks, HistoryTable } from './history-rows';
import { loadReference } from './reference';

// `npm run bench` step 1: the history straight into PostgreSQL. Secondary indexes of the loaded tables are
// dropped first and rebuilt afterwards (one sort per index instead of millions of insertions); the COPY
// sessions run with session_replication_role = replica, which skips triggers and foreign-key checks: the
// generator writes text_bigrams itself (what the trigger would have computed, checked by the invariants)
// and only ids that exist. Then the sequences move past the loaded ids, so that the app's own intake
// continues the numbering, and the KPI rollups are rebuilt by the app's rollup code.

const TABLES = Object.keys(COLUMNS) as HistoryTable[];
const ROLLUP_DAYS_PER_TX = 7;

export interface LoadResult {
  requests: number;
  citizens: number;
  rows: Record<string, number>;
  days: number;
  now: Date;
  seconds: { generate: number; indexes: number; rollups: number; total: number };
}

export interface LoadOptions {
  url: string;
  requests: number;
  perDay: number;
  timeZone: string;
  now: Date;
  seed: number;
  log: (line: string) => void;
}

async function secondaryIndexes(db: Client): Promise<{ name: string; def: string }[]> {
  const { rows } = await db.query(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [TABLES],
  );
  return rows;
}

/** Rebuilds the dropped indexes, two at a time (two cores), biggest tables first. */
async function rebuildIndexes(url: string, indexes: { name: string; def: string }[], log: (l: string) => void): Promise<void> {
  const queue = [...indexes];
  const worker = () => withClient(url, async (c) => {
    await c.query(`SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 0`);
    for (let next = queue.shift(); next; next = queue.shift()) {
      const started = Date.now();
      await c.query(next.def);
      log(`  index ${next.name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  });
  await Promise.all([worker(), worker()]);
}

async function openSinks(url: string): Promise<{ sinks: HistorySinks; clients: Client[] }> {
  const clients: Client[] = [];
  const sinks = {} as HistorySinks;
  for (const table of TABLES) {
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`SET session_replication_role = replica; SET synchronous_commit = off`);
    clients.push(c);
    sinks[table] = new CopySink(c, table, [...COLUMNS[table]]);
    await sinks[table].open();
  }
  return { sinks, clients };
}

async function moveSequences(db: Client): Promise<void> {
  for (const table of [...TABLES, 'notification', 'outbox_event']) {
    await db.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`, [table]);
  }
  // Request codes number on from the loaded ones: code sequence ≥ every loaded request's number.
  await db.query(`SELECT setval('service_request_code_seq', GREATEST((SELECT max(id) FROM service_request), 1))`);
}

/** Rollups of every day of the history, by the app's own recomputeDays (the same SQL the jobs run). */
async function rebuildRollups(url: string, from: Date, now: Date, timeZone: string, log: (l: string) => void): Promise<void> {
  const ds = await createDataSource(url, { poolSize: 1, applicationName: 'hotline-bench' }).initialize();
  try {
    const days: string[] = (await ds.query(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series(($1::timestamptz AT TIME ZONE $3)::date, ($2::timestamptz AT TIME ZONE $3)::date, interval '1 day') d`,
      [from, now, timeZone],
    )).map((r: { day: string }) => r.day);
    for (let i = 0; i < days.length; i += ROLLUP_DAYS_PER_TX) {
      await ds.transaction((em) => recomputeDays(em, days.slice(i, i + ROLLUP_DAYS_PER_TX), { timeZone, now }));
    }
    log(`  rollups of ${days.length} days rebuilt`);
  } finally {
    await ds.destroy();
  }
}

export async function loadHistory(o: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const db = new Client({ connectionString: o.url });
  await db.connect();
  try {
    const ref = await loadReference(db);
    const direct = new Map<number, { ruleId: number; departmentId: number }>(
      (await db.query(`SELECT id, category_id, department_id FROM routing_rule WHERE auto_dispatch AND region_id IS NULL`)).rows
        .map((r) => [Number(r.category_id), { ruleId: Number(r.id), departmentId: Number(r.department_id) }]),
    );
    const indexes = await secondaryIndexes(db);
    for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);
    o.log(`loading ${o.requests.toLocaleString()} requests (${indexes.length} secondary indexes dropped for the load)`);

    const { sinks, clients } = await openSinks(o.url);
    const gen = new HistoryGenerator({ requests: o.requests, perDay: o.perDay, now: o.now.getTime(), timeZone: o.timeZone, random: seededRandom(o.seed) }, ref, sinks, direct);
    let sinceReport = 0;
    const counts = await gen.run(async () => {
      if (++sinceReport % 2000 === 0) {
        await Promise.all(TABLES.map((t) => sinks[t].flushIfFull()));
        if (sinceReport % 100_000 === 0) {
          const s = (Date.now() - started) / 1000;
          o.log(`  ${sinceReport.toLocaleString()} requests, ${sinks.timeline_event.rows.toLocaleString()} timeline events, ${(sinceReport / s).toFixed(0)} requests/s`);
        }
      }
    });
    await Promise.all(TABLES.map((t) => sinks[t].close()));
    await Promise.all(clients.map((c) => c.end()));
    const generated = Date.now();
    const rows = Object.fromEntries(TABLES.map((t) => [t, sinks[t].rows]));
    o.log(`  generated and copied in ${((generated - started) / 1000).toFixed(1)} s: ${JSON.stringify(rows)}`);

    await rebuildIndexes(o.url, indexes, o.log);
    await moveSequences(db);
    // The jobs' watermarks: the deadline scan and the overdue marking have seen everything up to the history's now.
    await db.query(
      `INSERT INTO analytics_state (name, value) VALUES ('reminders.scanned-through', $1), ('rollup.reply-deadlines-seen-until', $1)
       ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
      [o.now],
    );
    await db.query('VACUUM ANALYZE');
    const indexed = Date.now();
    await rebuildRollups(o.url, new Date(counts.firstCreatedAt), o.now, o.timeZone, o.log);
    await db.query(`VACUUM ANALYZE ${DERIVED_ANALYTICS_TABLES.join(', ')}`); // filled after the database-wide ANALYZE above
    await db.query(
      `INSERT INTO analytics_state (name, value, position) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, position = EXCLUDED.position`,
      [HISTORY_MARKER, o.now, o.requests],
    );
    const done = Date.now();
    return {
      requests: counts.requests, citizens: counts.citizens, rows, days: counts.days, now: o.now,
      seconds: { generate: (generated - started) / 1000, indexes: (indexed - generated) / 1000, rollups: (done - indexed) / 1000, total: (done - started) / 1000 },
    };
  } finally {
    await db.end();
  }
}
