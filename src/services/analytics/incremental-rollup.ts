import { DataSource } from 'typeorm';
import { markDaysDirty, recomputeDays } from './rollup.service';

const DAYS_PER_BATCH = 31;
const OVERDUE_WATERMARK = 'rollup.reply-deadlines-seen-until';

export interface IncrementalRollupDeps {
  dataSource: DataSource;
  timeZone: string;
  now: Date;
}

/**
 * `overdueOpen` changes with time alone: when a lead assignment's reply deadline passes, the day it was
 * dispatched on is stale although nothing was written. Mark those days, from the last run up to now.
 */
async function markDeadlinesPassed(deps: IncrementalRollupDeps): Promise<void> {
  await deps.dataSource.transaction(async (em) => {
    const rows: { value: Date }[] = await em.query('SELECT value FROM analytics_state WHERE name = $1 FOR UPDATE', [OVERDUE_WATERMARK]);
    const since = rows[0]?.value ?? new Date(0);
    const days: { day: string }[] = await em.query(
      `SELECT DISTINCT to_char((dispatched_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS day FROM assignment
       WHERE role = 'LEAD' AND due_at > $1 AND due_at <= $2 AND status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`,
      [since, deps.now, deps.timeZone],
    );
    await markDaysDirty(em, days.map((d) => d.day), deps.now);
    await em.query(
      `INSERT INTO analytics_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
      [OVERDUE_WATERMARK, deps.now],
    );
  });
}

/** Recomputes every stale day, a batch per transaction; returns the days recomputed. */
export async function runIncrementalRollup(deps: IncrementalRollupDeps): Promise<string[]> {
  await markDeadlinesPassed(deps);
  const done: string[] = [];
  for (;;) {
    const batch = await deps.dataSource.transaction(async (em) => {
      // A SELECT around the DELETE: TypeORM answers a bare DELETE … RETURNING with [rows, count], not rows.
      const claimed: { day: string }[] = await em.query(
        `WITH claimed AS (
           DELETE FROM rollup_dirty_day WHERE day IN (
             SELECT day FROM rollup_dirty_day ORDER BY day LIMIT $1 FOR UPDATE SKIP LOCKED
           ) RETURNING day
         ) SELECT to_char(day, 'YYYY-MM-DD') AS day FROM claimed`,
        [DAYS_PER_BATCH],
      );
      const days = claimed.map((c) => c.day);
      await recomputeDays(em, days, deps);
      return days;
    });
    if (batch.length === 0) return done;
    done.push(...batch);
  }
}
