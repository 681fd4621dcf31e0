import { DataSource } from 'typeorm';
import { formatRequestCode } from '../domain/request-code';
import { writeHistory } from '../routing-eval/history-writer';
import { generateHistory } from '../routing-eval/world';
import { daysBetween, markDaysDirty } from '../services/analytics/rollup.service';
import { localDay } from '../domain/kpi';
import { seededRandom } from './random';

// Three months of finished work before the demo's live requests, written as the eval writes its history
// (src/routing-eval): misrouted requests returned and completed elsewhere, so that routing suggestions
// have something to learn from on the first start. The analytics job then rolls those days up.

const REQUESTS = 2_000;
const DAYS = 90;
const ENDS_DAYS_AGO = 35; // before the demo requests, which span the last month
/** Far above any day's own numbering, so the codes never meet the live requests'. */
const CODE_SEQUENCE_BASE = 900_000;

export async function seedDemoRoutingHistory(dataSource: DataSource, now: Date, timeZone: string): Promise<number> {
  const start = new Date(now.getTime() - (ENDS_DAYS_AGO + DAYS) * 86_400_000);
  const random = seededRandom(20261201);
  const history = generateHistory(random, { requests: REQUESTS, start, days: DAYS, noise: 0.03, centerKnew: 0.3 });
  await writeHistory(dataSource, history, random, {
    codeOf: (h) => formatRequestCode(h.createdAt, CODE_SEQUENCE_BASE + h.seq + 1, timeZone),
  });
  const days = daysBetween(localDay(start, timeZone), localDay(new Date(now.getTime() - (ENDS_DAYS_AGO - 10) * 86_400_000), timeZone));
  await markDaysDirty(dataSource.manager, days, now);
  return history.length;
}
