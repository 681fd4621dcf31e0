import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

// Metrics of the process rather than of one API server: Node's own (CPU, memory, event loop, GC) and what the
// job workers count when they run in this process (`npm start`). One registry per process, made on first use;
// each API server renders it next to its own (tests start several servers in one process).

let registry: Registry | null = null;
let jobFailures: Counter<'queue'> | null = null;

export function processMetricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
    jobFailures = new Counter({
      name: 'hotline_job_failures_total',
      help: 'Job attempts that failed in the workers of this process (a job tried 5 times counts up to 5), by queue.',
      labelNames: ['queue'],
      registers: [registry],
    });
  }
  return registry;
}

/** Called by the workers' `failed` listeners; queue names are the fixed ones of src/jobs/queues.ts. */
export function countJobFailure(queue: string): void {
  processMetricsRegistry();
  jobFailures!.inc({ queue });
}
