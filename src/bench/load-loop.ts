import { readFileSync } from 'node:fs';
import http from 'node:http';

// A closed-loop load generator: `connections` clients, each sending its next request when the previous
// answer is in, for a fixed time after a short warm-up; every latency is kept (a few hundred thousand
// numbers at most) so that p95 is exact. autocannon reports no p95 and cannot see GraphQL errors inside
// 200 responses; this checks every answer.

export interface LoopResult {
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU the API process spent per measured request (user + system, Linux only): the stack's cost without queueing. */
  apiCpuMsPerRequest?: number;
}

export function summarize(latencies: number[], errors: number, firstError: string | null, seconds: number): LoopResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length, errors, firstError, seconds: round(seconds), throughput: round(latencies.length / seconds),
    p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)),
  };
}

/**
 * Runs `op(client, n)` in `connections` parallel loops; `op` throws to count an error. `cpuMs`, when given, reads a
 * process's CPU time so far: sampled when measuring starts and ends, it gives the CPU per measured request.
 */
export async function closedLoop(
  o: { connections: number; warmupMs: number; durationMs: number; cpuMs?: () => number | null },
  op: (client: number, n: number) => Promise<void>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let n = 0;
  const warmEnd = Date.now() + o.warmupMs;
  const end = warmEnd + o.durationMs;
  let measuredFrom = 0;
  const loop = async (client: number) => {
    while (Date.now() < end) {
      const started = performance.now();
      try {
        await op(client, n++);
        if (Date.now() >= warmEnd) latencies.push(performance.now() - started);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message.slice(0, 300) : String(err);
      }
    }
  };
  let cpuFrom: number | null = o.warmupMs > 0 ? null : (o.cpuMs?.() ?? null);
  setTimeout(() => { measuredFrom = performance.now(); cpuFrom = o.cpuMs?.() ?? null; }, o.warmupMs);
  const begin = performance.now();
  await Promise.all(Array.from({ length: o.connections }, (_, i) => loop(i)));
  const seconds = (performance.now() - (measuredFrom || begin)) / 1000;
  const result = summarize(latencies, errors, firstError, seconds);
  const cpuTo = o.cpuMs?.() ?? null;
  if (cpuFrom !== null && cpuTo !== null && result.requests > 0) result.apiCpuMsPerRequest = Math.round(((cpuTo - cpuFrom) / result.requests) * 100) / 100;
  return result;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the bench runs on

/** The CPU time (ms) process `pid` has used so far, from /proc; null where there is no /proc. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": state is field 3
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND; // utime, stime (fields 14, 15)
  } catch {
    return null;
  }
}

/** POSTs GraphQL over a keep-alive agent; rejects on HTTP errors and on `errors` in the answer. */
export class GraphQLClient {
  private readonly agent: http.Agent;
  private readonly target: URL;

  constructor(url: string, connections: number) {
    this.target = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve, reject) => {
      const req = http.request({
        agent: this.agent, hostname: this.target.hostname, port: this.target.port, path: this.target.pathname, method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const json = JSON.parse(text);
            if (json.errors?.length) return reject(new Error(`GraphQL: ${json.errors[0].message}`));
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
            resolve(json.data as T);
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
