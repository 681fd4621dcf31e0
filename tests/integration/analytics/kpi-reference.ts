import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';

// An independent computation of the KPI counters straight from the raw tables, written for the tests without
// looking at the rollup SQL: one plain query per counter family returns facts with their dimension codes, and
// the grouping happens here in JavaScript.

export const COUNTERS = ['received', 'resolvedAtIntake', 'dispatched', 'acceptedOnTime', 'returned', 'replied', 'repliedOnTime',
  'overdueOpen', 'closed', 'followedUp', 'satisfied', 'dissatisfied', 'resolved', 'reopened'] as const;
type Counter = (typeof COUNTERS)[number];

interface Fact { day: string; department: string; category: string; region: string; channel: string; type: string; counts: Partial<Record<Counter, number>> }

const TZ = 'Asia/Shanghai';

export async function referenceFacts(ds: DataSource, now: Date): Promise<Fact[]> {
  const requests = await ds.query(`
    SELECT r.created_at AS at, COALESCE((SELECT d.code FROM assignment a JOIN department d ON d.id = a.department_id
              WHERE a.request_id = r.id AND a.role = 'LEAD' ORDER BY a.dispatched_at DESC, a.id DESC LIMIT 1), 'HOTLINE') AS department,
           c.code AS category, COALESCE(g.code, 'NONE') AS region, r.channel::text AS channel, r.type::text AS type,
           (r.resolved_at_intake_at IS NOT NULL) AS intake, (r.status = 'CLOSED') AS closed, (r.reopen_count > 0) AS reopened
    FROM service_request r JOIN category c ON c.id = r.category_id LEFT JOIN region g ON g.id = r.region_id`);
  const leads = await ds.query(`
    SELECT a.dispatched_at AS at, d.code AS department, c.code AS category, COALESCE(g.code, 'NONE') AS region,
           r.channel::text AS channel, r.type::text AS type,
           (a.accepted_at IS NOT NULL AND a.accepted_at <= a.accept_due_at) AS on_time_accept,
           (a.status = 'RETURNED') AS returned, (a.replied_at IS NOT NULL) AS replied,
           (a.replied_at IS NOT NULL AND a.replied_on_time) AS on_time_reply, -- judged against the deadline in force at reply time
           (a.replied_at IS NULL AND a.status NOT IN ('CANCELLED', 'RETURNED') AND a.due_at < $1) AS overdue_open
    FROM assignment a JOIN department d ON d.id = a.department_id JOIN service_request r ON r.id = a.request_id
    JOIN category c ON c.id = r.category_id LEFT JOIN region g ON g.id = r.region_id
    WHERE a.role = 'LEAD'`, [now]);
  const followUps = await ds.query(`
    SELECT f.recorded_at AS at, COALESCE(d.code, 'HOTLINE') AS department, c.code AS category, COALESCE(g.code, 'NONE') AS region,
           r.channel::text AS channel, r.type::text AS type, f.satisfaction::text AS satisfaction, f.resolved
    FROM follow_up f JOIN service_request r ON r.id = f.request_id LEFT JOIN department d ON d.id = f.lead_department_id
    JOIN category c ON c.id = r.category_id LEFT JOIN region g ON g.id = r.region_id
    WHERE f.reached`);
  const day = (at: Date) => DateTime.fromJSDate(new Date(at), { zone: TZ }).toISODate()!;
  const n = (b: boolean) => (b ? 1 : 0);
  return [
    ...requests.map((r: any) => ({ ...dims(r), day: day(r.at), counts: { received: 1, resolvedAtIntake: n(r.intake), closed: n(r.closed), reopened: n(r.reopened) } })),
    ...leads.map((a: any) => ({ ...dims(a), day: day(a.at), counts: {
      dispatched: 1, acceptedOnTime: n(a.on_time_accept), returned: n(a.returned), replied: n(a.replied),
      repliedOnTime: n(a.on_time_reply), overdueOpen: n(a.overdue_open) } })),
    ...followUps.map((f: any) => ({ ...dims(f), day: day(f.at), counts: {
      followedUp: 1, satisfied: n(['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED'].includes(f.satisfaction)),
      dissatisfied: n(['DISSATISFIED', 'VERY_DISSATISFIED'].includes(f.satisfaction)), resolved: n(f.resolved === true) } })),
  ];
}

function dims(r: any) {
  return { department: r.department, category: r.category, region: r.region, channel: r.channel, type: r.type };
}

const KEY: Record<string, (f: Fact) => string> = {
  DEPARTMENT: (f) => f.department,
  CATEGORY: (f) => f.category,
  REGION: (f) => f.region,
  CHANNEL: (f) => f.channel,
  REQUEST_TYPE: (f) => f.type,
  DAY: (f) => f.day,
  WEEK: (f) => DateTime.fromISO(f.day).startOf('week').toISODate()!,
  MONTH: (f) => DateTime.fromISO(f.day).startOf('month').toISODate()!,
};

/** Rows like kpis' answer: key per dimension, the counters, sorted by key; buckets with no fact are absent. */
export function groupFacts(facts: Fact[], groupBy: string[], firstDay: string, lastDay: string) {
  const rows = new Map<string, { key: string[] } & Record<Counter, number>>();
  for (const f of facts) {
    if (f.day < firstDay || f.day > lastDay) continue;
    const key = groupBy.map((g) => KEY[g](f));
    const id = JSON.stringify(key);
    const row = rows.get(id) ?? { key, ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>) };
    for (const [c, v] of Object.entries(f.counts)) row[c as Counter] += v!;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
}
