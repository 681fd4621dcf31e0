// Environment, validated once at start-up. Everything else reads this object, never process.env.

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Unset → embedded PostgreSQL (DESIGN.md §9). */
  databaseUrl: string | undefined;
  /** Unset → a `redis-server` on PATH is started for development. */
  redisUrl: string | undefined;
  hotlineTz: string;
  tokenSecret: string;
  tokenTtl: string;
  demoPassword: string;
  migrateOnStart: boolean;
  seedDemo: boolean;
  dataDir: string;
  logLevel: string;
  /** Port of the embedded PostgreSQL (only when DATABASE_URL is unset). */
  embeddedPgPort: number;
  /** Port of the redis-server started from PATH (only when REDIS_URL is unset). */
  embeddedRedisPort: number;
}

const DEV_TOKEN_SECRET = 'development-only-token-secret-change-me';

function portNumber(name: string, value: string | undefined, fallback: number): number {
  const port = Number(value || fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number`);
  return port;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`expected a boolean, got "${value}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = (env.NODE_ENV ?? 'development') as Config['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) throw new Error(`NODE_ENV must be development, production or test`);
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number`);
  const tokenSecret = env.TOKEN_SECRET ?? '';
  if (nodeEnv === 'production' && tokenSecret.length < 32) {
    throw new Error('TOKEN_SECRET must be set (at least 32 characters) when NODE_ENV=production');
  }
  const hotlineTz = env.HOTLINE_TZ ?? 'Asia/Shanghai';
  try { new Intl.DateTimeFormat('en', { timeZone: hotlineTz }); } catch { throw new Error(`HOTLINE_TZ "${hotlineTz}" is not a time zone`); }
  return {
    nodeEnv,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    hotlineTz,
    tokenSecret: tokenSecret || DEV_TOKEN_SECRET,
    tokenTtl: env.TOKEN_TTL ?? '12h',
    demoPassword: env.DEMO_PASSWORD ?? 'demo12345',
    migrateOnStart: bool(env.MIGRATE_ON_START, true),
    seedDemo: bool(env.SEED_DEMO, false),
    dataDir: env.DATA_DIR ?? '.data',
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    embeddedPgPort: portNumber('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 5433),
    embeddedRedisPort: portNumber('EMBEDDED_REDIS_PORT', env.EMBEDDED_REDIS_PORT, 6380),
  };
}
