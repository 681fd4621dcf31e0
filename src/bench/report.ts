import { LoopResult } from './load-loop';

// The run's table for the terminal, and targets checked against it (the issue's, at 10 M requests).

export interface ScenarioReport {
  name: string;
  what: string;
  graphql?: LoopResult;
  sql?: LoopResult;
  job?: LoopResult & { detail: Record<string, unknown> };
  /** GraphQL p95 / raw SQL p95. */
  ratio?: number;
  target?: { rule: string; met: boolean };
}

const TARGETS: Record<string, { rule: string; met: (r: ScenarioReport) => boolean }> = {
  intake: { rule: '≥ 500 requests/s', met: (r) => (r.graphql?.throughput ?? 0) >= 500 },
  'liaison-page': { rule: 'p95 ≤ 20 ms, ≤ 3× SQL', met: (r) => (r.graphql?.p95 ?? Infinity) <= 20 && (r.ratio ?? Infinity) <= 3 },
  'request-detail': { rule: 'p95 ≤ 20 ms, ≤ 3× SQL', met: (r) => (r.graphql?.p95 ?? Infinity) <= 20 && (r.ratio ?? Infinity) <= 3 },
  search: { rule: 'p95 ≤ 100 ms, ≤ 3× SQL', met: (r) => (r.graphql?.p95 ?? Infinity) <= 100 && (r.ratio ?? Infinity) <= 3 },
  'kpis-month-department': { rule: 'p95 ≤ 50 ms, ≤ 3× SQL', met: (r) => (r.graphql?.p95 ?? Infinity) <= 50 && (r.ratio ?? Infinity) <= 3 },
  'kpis-30d-day-category': { rule: 'p95 ≤ 50 ms, ≤ 3× SQL', met: (r) => (r.graphql?.p95 ?? Infinity) <= 50 && (r.ratio ?? Infinity) <= 3 },
  'kpi-series-30d-day-category': { rule: 'p95 ≤ 50 ms, ≤ 3× SQL', met: (r) => (r.graphql?.p95 ?? Infinity) <= 50 && (r.ratio ?? Infinity) <= 3 },
  // Every run does the same work (the day's requests marked changed again): the slowest one counts.
  'rollup-day': { rule: '≤ 10 s', met: (r) => (r.job?.p99 ?? Infinity) <= 10_000 },
  'deadline-scan': { rule: '≤ 200 ms', met: (r) => (r.job?.p50 ?? Infinity) <= 200 },
};

export function judge(r: ScenarioReport): ScenarioReport {
  if (r.graphql && r.sql && r.sql.p95 > 0) r.ratio = Math.round((r.graphql.p95 / r.sql.p95) * 100) / 100;
  const t = TARGETS[r.name];
  if (t) r.target = { rule: t.rule, met: t.met(r) };
  return r;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const num = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));

export function formatTable(reports: ScenarioReport[]): string {
  const head = ['scenario', 'path', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', '× SQL', 'API CPU', 'target'];
  const widths = [24, 8, 9, 9, 9, 9, 7, 7, 8, 30];
  const lines = [head.map((h, i) => pad(h, widths[i])).join(' ')];
  for (const r of reports) {
    const rows: [string, LoopResult | undefined][] = r.job ? [['job', r.job]] : [['graphql', r.graphql], ['sql', r.sql]];
    rows.forEach(([path, x], i) => {
      if (!x) return;
      const target = i === 0 && r.target ? `${r.target.met ? 'met' : 'MISSED'} (${r.target.rule})` : '';
      lines.push([pad(i === 0 ? r.name : '', 24), pad(path, 8), pad(r.job ? '' : num(x.throughput, 0), 9), pad(num(x.p50), 9), pad(num(x.p95), 9),
        pad(num(x.p99), 9), pad(String(x.errors), 7), pad(i === 0 && r.ratio !== undefined ? num(r.ratio, 2) : '', 7),
        pad(x.apiCpuMsPerRequest === undefined ? '' : `${num(x.apiCpuMsPerRequest, 2)} ms`, 8), target].join(' '));
    });
  }
  return lines.join('\n');
}
