import { Redis } from 'ioredis';
import { Config } from '../config';
import { startLocalRedis } from './local-redis';
import type { Logger } from './logger';
import type { Shutdown } from './shutdown';
import { StartupError } from './entry-point';

export interface RedisConnection {
  /** Shared connection for commands (health check, queue producers). */
  redis: Redis;
  /** For BullMQ workers, which need connections of their own. */
  url: string;
}

/** REDIS_URL when set, else a redis-server from PATH; connected and answering PING before it returns. */
export async function openRedis(config: Config, shutdown: Shutdown, log: Logger): Promise<RedisConnection> {
  let url = config.redisUrl;
  if (!url) {
    const local = await startLocalRedis({ dataDir: config.dataDir, port: config.embeddedRedisPort, log });
    shutdown.add('the local redis-server', local.stop);
    url = local.url;
  }
  // Fail fast while Redis is away (no offline queue): /healthz must answer 503 at once, not hang, and
  // nothing is lost — work waits in the database's outbox. Workers make their own blocking connections.
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let lastError = '';
  redis.on('error', (err: Error) => {
    if (err.message !== lastError) log.warn({ err }, 'redis connection error');
    lastError = err.message;
  });
  redis.on('ready', () => { lastError = ''; });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new StartupError(`cannot reach Redis at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  shutdown.add('the redis connection', () => redis.quit());
  return { redis, url };
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
