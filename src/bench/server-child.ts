import 'reflect-metadata';
import Redis from 'ioredis';
import { loadConfig } from '../config';
import { openApiDatabase } from '../runtime/database';
import { startServer } from '../server';

// The API alone (no job workers), in its own process, for the benchmark: the load generator and the server
// do not share an event loop, as they would not in production. Prints "READY <url>" when listening.
// Started by server-process.ts with DATABASE_URL, REDIS_URL and generous limits in its environment.

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openApiDatabase(config, config.databaseUrl!, 'hotline-bench-api');
  const redis = new Redis(config.redisUrl!, { maxRetriesPerRequest: null });
  const server = await startServer({ config, dataSource, redis, port: 0, queuePrefix: process.env.BENCH_QUEUE_PREFIX });
  process.stdout.write(`READY ${server.url}\n`);
  const stop = async () => {
    await server.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    redis.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
