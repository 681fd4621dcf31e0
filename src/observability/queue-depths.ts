import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Gauge, Registry } from 'prom-client';
import { ANALYTICS_QUEUE } from '../jobs/analytics.job';
import { QUEUE } from '../jobs/queues';
import { within } from './within';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const TIMEOUT_MS = 1_000;

/**
 * Jobs per queue and state, read from Redis at scrape time (a few LLEN/ZCARD per queue). The shared client
 * fails fast while Redis is away; then the gauge is emptied rather than left showing stale depths, and the
 * caller reports Redis as down.
 */
export class QueueDepths {
  private readonly queues: Queue[];
  private readonly gauge: Gauge<'queue' | 'state'>;

  constructor(registry: Registry, redis: Redis, prefix: string) {
    this.queues = [...Object.values(QUEUE), ANALYTICS_QUEUE].map((name) => new Queue(name, { connection: redis, prefix }));
    // A queue handle's connection errors are the shared client's, which its owner already logs.
    for (const q of this.queues) q.on('error', () => undefined);
    this.gauge = new Gauge({
      name: 'hotline_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed = kept failed jobs), read at scrape time.',
      labelNames: ['queue', 'state'],
      registers: [registry],
    });
  }

  /** True when every queue answered. */
  async refresh(): Promise<boolean> {
    try {
      const counts = await within(Promise.all(this.queues.map((q) => q.getJobCounts(...STATES))), TIMEOUT_MS, 'queue depths');
      this.gauge.reset();
      this.queues.forEach((q, i) => { for (const state of STATES) this.gauge.set({ queue: q.name, state }, counts[i][state] ?? 0); });
      return true;
    } catch {
      this.gauge.reset();
      return false;
    }
  }

  /** Closes the queue handles, not the shared client. */
  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
