import { DataSource } from 'typeorm';
import { candidates, CandidateRange } from './deadline-queries';
import { DEADLINE_RULES, DeadlineRule } from './deadline-rules';
import { JobDeps } from './job-deps';
import { fireReminder } from './reminder-firing';

// The deadline scan (DESIGN.md §6). It trusts nothing but the database: the deadline columns say what is
// due, the reminder ledger says what already fired, and a watermark row says up to when it has looked.
// Redis only triggers it, so a flushed Redis or a stopped worker delays reminders and loses none.

const WATERMARK = 'reminders.scanned-through';

export interface DeadlineScanResult {
  /** Reminders fired by this run. */
  fired: number;
  /**
   * Candidate rows the run read (all rules): only what falls due in the window, since every rule's fire column
   * holds the very moment it fires. Long-overdue rows that already fired are not read again.
   */
  candidates: number;
  /** The window looked at: (from, to]. */
  from: Date | null;
  to: Date;
}

/**
 * Fires every reminder that fell due since the last scan, up to the clock's now. Runs may overlap or repeat:
 * each reminder fires once per (subject, kind, deadline) whatever happens (the ledger's unique key).
 */
export async function runDeadlineScan(deps: JobDeps): Promise<DeadlineScanResult> {
  const now = deps.clock.now();
  const from = await readWatermark(deps.dataSource);
  if (from && from.getTime() >= now.getTime()) return { fired: 0, candidates: 0, from, to: now }; // nothing new (or a clock behind)
  const { fired, candidates } = await fireAllDue(deps, { after: from, upTo: now });
  await advanceWatermark(deps.dataSource, now);
  return { fired, candidates, from, to: now };
}

/**
 * The same for one request, over all time: run after its deadlines started or moved (dispatch, extension,
 * reply sent back, follow-up start), so that a deadline already in the past when it was set, which the
 * windowed scan has gone past, still fires. An extension's new deadline is a new key, so it re-arms.
 */
export async function checkRequestDeadlines(deps: JobDeps, requestId: string): Promise<number> {
  const now = deps.clock.now();
  return (await fireAllDue(deps, { after: null, upTo: now, requestId })).fired;
}

async function fireAllDue(deps: JobDeps, window: CandidateRange): Promise<{ fired: number; candidates: number }> {
  const total = { fired: 0, candidates: 0 };
  for (const rule of DEADLINE_RULES) {
    const { fired, candidates } = await fireRule(deps, rule, window);
    total.fired += fired;
    total.candidates += candidates;
  }
  return total;
}

/** Every rule is a (from, to] range on its fire column: what it reads is exactly what falls due in the window. */
async function fireRule(deps: JobDeps, rule: DeadlineRule, window: CandidateRange): Promise<{ fired: number; candidates: number }> {
  const now = window.upTo;
  let fired = 0;
  let read = 0;
  for await (const item of candidates(deps.dataSource.manager, rule, window)) {
    read++;
    if (await fireReminder(deps, rule, item, now)) fired++;
  }
  return { fired, candidates: read };
}

async function readWatermark(dataSource: DataSource): Promise<Date | null> {
  const rows: { value: Date | null }[] = await dataSource.query(`SELECT value FROM analytics_state WHERE name = $1`, [WATERMARK]);
  return rows[0]?.value ?? null;
}

/** Only forwards: two overlapping scans leave the later of their two ends. */
async function advanceWatermark(dataSource: DataSource, to: Date): Promise<void> {
  await dataSource.query(
    `INSERT INTO analytics_state (name, value) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET value = GREATEST(analytics_state.value, EXCLUDED.value)`,
    [WATERMARK, to],
  );
}
