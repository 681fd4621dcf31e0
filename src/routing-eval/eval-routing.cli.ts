import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { createDataSource } from '../db/data-source';
import { seedReferenceData } from '../seed/reference-data.seed';
import { seededRandom } from '../seed/random';
import { seedRoutingRules } from '../seed/routing-rules.seed';
import { writeHistory } from './history-writer';
import { replay } from './replay';
import { generateHistory } from './world';

// npm run eval:routing [-- --requests 20000 --days 120 --seed 12345 --keep]
// Builds a scratch database on the PostgreSQL server of DATABASE_URL (default the local one), loads the demo
// city and its routing rules, writes a generated history, replays it and prints the accuracy.

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    days: { type: 'string', default: '120' },
    seed: { type: 'string', default: '12345' },
    concurrency: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
  },
});

function scratchUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const requests = Number(args.requests);
  if (!Number.isInteger(requests) || requests < 100) throw new Error('--requests must be a whole number of at least 100');
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `hotline_routing_eval_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const dataSource = await createDataSource(scratchUrl(server, database), { poolSize: Number(args.concurrency) + 2, applicationName: 'hotline-eval' }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const random = seededRandom(Number(args.seed));
    const start = new Date('2026-01-05T00:00:00+08:00');
    await dataSource.transaction(async (em) => {
      await seedReferenceData(em, { demoPassword: randomBytes(12).toString('hex') });
      await seedRoutingRules(em, start);
    });
    const history = generateHistory(random, { requests, start, days: Number(args.days), noise: 0.03, centerKnew: 0.3 });
    log(`writing ${requests} requests over ${args.days} days into ${database} …`);
    const written = await writeHistory(dataSource, history, random, { progress: (n) => n % 5000 === 0 && log(`  written ${n}`) });
    log('replaying in time order …');
    const result = await replay(dataSource, written, { concurrency: Number(args.concurrency), progress: (n) => n % 2000 === 0 && log(`  replayed ${n}`) });
    console.log(`\nrouting suggestions, ${result.requests} requests replayed in time order (learning only from the past)\n`);
    console.log('                      top-1     top-3');
    console.log(`  suggestions        ${pct(result.suggestions.top1).padStart(6)}    ${pct(result.suggestions.top3).padStart(6)}`);
    console.log(`  rules alone        ${pct(result.rulesAlone.top1).padStart(6)}    ${pct(result.rulesAlone.top3).padStart(6)}`);
    console.log(`\n  ${result.msPerSuggestion.toFixed(1)} ms per suggestion (${args.concurrency} at a time)`);
  } finally {
    await dataSource.destroy();
    if (!args.keep) await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    else log(`kept ${database}`);
    await admin.end();
  }
}

main().catch((err) => {
  process.stderr.write(`eval:routing failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
