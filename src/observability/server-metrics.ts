import type { Redis } from 'ioredis';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { GraphQLMetrics } from './graphql-metrics';
import { OutboxLag } from './outbox-lag';
import { processMetricsRegistry } from './process-metrics';
import { QueueDepths } from './queue-depths';

export interface ServerMetricsDeps {
  dataSource: DataSource;
  clock: Clock;
  /** The API's shared Redis client; without it (tests of the API alone) there are no queue depths. */
  redis: Redis | null;
  queuePrefix: string;
}

/**
 * The metrics of one API server: what its requests count as they are served, and what is read at scrape time
 * (queue depths from Redis, outbox lag from PostgreSQL). A source that does not answer leaves its metrics out
 * and shows as `hotline_metrics_source_up{source} 0`; the scrape itself still succeeds.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly graphql = new GraphQLMetrics(this.registry);
  private readonly outbox: OutboxLag;
  private readonly queues: QueueDepths | null;
  private readonly sourceUp = new Gauge({
    name: 'hotline_metrics_source_up',
    help: 'Whether a source of scrape-time metrics answered this scrape (database: outbox lag; redis: queue depths).',
    labelNames: ['source'],
    registers: [this.registry],
  });

  constructor(deps: ServerMetricsDeps) {
    this.outbox = new OutboxLag(this.registry, deps.dataSource, deps.clock);
    this.queues = deps.redis ? new QueueDepths(this.registry, deps.redis, deps.queuePrefix) : null;
  }

  /** The Prometheus text of this server and of its process. */
  async render(): Promise<{ contentType: string; body: string }> {
    const [database, redis] = await Promise.all([this.outbox.refresh(), this.queues?.refresh()]);
    this.sourceUp.set({ source: 'database' }, database ? 1 : 0);
    if (redis !== undefined) this.sourceUp.set({ source: 'redis' }, redis ? 1 : 0);
    const [own, process] = await Promise.all([this.registry.metrics(), processMetricsRegistry().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${process}` };
  }

  async close(): Promise<void> {
    await this.queues?.close();
  }
}
