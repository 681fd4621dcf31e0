import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { within } from './within';

const TIMEOUT_MS = 2_000;
/** Counting stops here: past it the number matters less than that it is huge, and the scrape stays cheap. */
export const UNSENT_COUNT_CAP = 100_000;

// Both reads walk the partial index outbox_event_unsent_idx (id WHERE sent_at IS NULL): the count is an
// index-only scan of the owed rows (capped), the oldest is the first entry of that index. Ids grow with time,
// so the lowest unsent id is the oldest owed row.
export const LAG_SQL = `
  SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE sent_at IS NULL LIMIT ${UNSENT_COUNT_CAP}) owed)::int AS unsent,
         (SELECT created_at FROM outbox_event WHERE sent_at IS NULL ORDER BY id LIMIT 1) AS oldest`;

/**
 * How far the transactional outbox lags (DESIGN.md §6): rows whose work (a job, a notification, a webhook) is
 * still owed, and the age of the oldest. A growing age means the relay or the workers are stuck (Redis down,
 * no worker running), though nothing is lost.
 */
export class OutboxLag {
  private readonly unsent: Gauge;
  private readonly oldestAge: Gauge;
  private running: Promise<{ unsent: number; oldest: Date | null }[]> | null = null;

  constructor(registry: Registry, private readonly dataSource: DataSource, private readonly clock: Clock) {
    this.unsent = new Gauge({
      name: 'hotline_outbox_unsent_events',
      help: `Outbox rows whose work is still owed (counted up to ${UNSENT_COUNT_CAP}).`,
      registers: [registry],
    });
    this.oldestAge = new Gauge({
      name: 'hotline_outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest outbox row whose work is still owed; 0 when none is.',
      registers: [registry],
    });
  }

  /** True when the database answered. */
  async refresh(): Promise<boolean> {
    try {
      const [row] = await within(this.lagQuery(), TIMEOUT_MS, 'outbox lag');
      this.unsent.set(row.unsent);
      const ageMs = row.oldest ? this.clock.now().getTime() - new Date(row.oldest).getTime() : 0;
      this.oldestAge.set(Math.max(0, ageMs) / 1000);
      return true;
    } catch {
      // No sample rather than a reassuring 0 while the database does not answer.
      this.unsent.remove();
      this.oldestAge.remove();
      return false;
    }
  }

  /**
   * At most one lag query at a time: scrapes that come while one runs wait for its answer. A scrape that gives up
   * (the timeout) does not cancel the query, so without this a slow or locked database and a busy /metrics
   * (which needs no token unless METRICS_TOKEN is set) would pile up stuck queries until the API's pool ran dry.
   */
  private lagQuery(): Promise<{ unsent: number; oldest: Date | null }[]> {
    this.running ??= this.dataSource.query(LAG_SQL).finally(() => { this.running = null; });
    return this.running;
  }
}
