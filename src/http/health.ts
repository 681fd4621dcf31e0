import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

const TIMEOUT_MS = 2000;

function within<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref())]);
}

/** 200 only when PostgreSQL and Redis both answer: what a load balancer needs to know. */
export function healthRoute(dataSource: DataSource, redis: Redis | null): RequestHandler {
  return async (_req, res) => {
    const checks: Record<string, 'ok' | 'down'> = {};
    checks.postgres = await within(dataSource.query('SELECT 1')).then(() => 'ok' as const, () => 'down' as const);
    if (redis) checks.redis = await within(redis.ping()).then(() => 'ok' as const, () => 'down' as const);
    const healthy = Object.values(checks).every((v) => v === 'ok');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable', checks });
  };
}
