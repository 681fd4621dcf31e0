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
  /** Bearer token GET /metrics requires; unset → /metrics is open (keep it off the public network). */
  metricsToken: string | undefined;
  /** Port of the embedded PostgreSQL (only when DATABASE_URL is unset). */
  embeddedPgPort: number;
  /** Port of the redis-server started from PATH (only when REDIS_URL is unset). */
  embeddedRedisPort: number;
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe, so the per-IP limits see clients, not the proxy. */
  trustProxy: boolean | number | string[];
  /** Origins (scheme://host[:port]) whose browser pages may call the API; empty → no cross-origin access. */
  corsOrigins: string[];
  /** Requests per RATE_LIMIT_WINDOW: per staff member (valid token) and per IP (requests without one); 0 = no limit. */
  rateLimitPerStaff: number;
  rateLimitPerIp: number;
  rateLimitWindowSeconds: number;
  /** Failed logins within the window that lock a username (and, with the IP figure, a client address); 0 = never. */
  loginLockoutFailures: number;
  loginLockoutIpFailures: number;
  loginLockoutWindowSeconds: number;
  loginLockoutSeconds: number;
  /** Redis key prefix of the rate-limit and lock-out counters, so deployments sharing a Redis stay apart. */
  limitsRedisPrefix: string;
  /** What one GraphQL operation may ask for (src/http/query-limits.ts); refused as QUERY_TOO_COMPLEX before it runs. */
  queryLimits: QueryLimits;
  /**
   * How long one statement of an API request may run, and wait for a lock, before PostgreSQL cancels it
   * (src/runtime/database.ts openApiDatabase). Jobs, migrations and the command-line tools have no such limit.
   */
  apiStatementTimeoutSeconds: number;
  apiLockTimeoutSeconds: number;
}

export interface QueryLimits {
  maxDepth: number;
  /** Estimated fields resolved (src/http/query-cost.ts), introspection apart. */
  maxCost: number;
  maxIntrospectionCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
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

function count(name: string, value: string | undefined, fallback: number): number {
  const n = Number(value || fallback);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0`);
  return n;
}

/** "90s", "15m", "1h" in seconds. */
function durationSeconds(name: string, value: string | undefined, fallback: string): number {
  const m = /^(\d{1,6})\s*([smh])$/.exec((value || fallback).trim());
  if (!m || Number(m[1]) === 0) throw new Error(`${name} must look like 90s, 15m or 1h`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'];
}

/** "https://a.example, http://b.example:8080" → exact origins; a path, wildcard or "null" is refused. */
function origins(value: string | undefined): string[] {
  return (value ?? '').split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    let url: URL | null = null;
    try { url = new URL(o); } catch { /* reported below */ }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o.replace(/\/$/, '')) {
      throw new Error(`CORS_ORIGINS: "${o}" is not an origin like https://portal.example.gov.cn`);
    }
    return url.origin;
  });
}

/** TRUST_PROXY: false (default), true, a hop count, or comma-separated addresses/subnets (express's forms). */
function trustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value.trim() === '') return false;
  if (/^\d+$/.test(value.trim())) return Number(value);
  if (/^(true|false)$/i.test(value.trim())) return /^true$/i.test(value.trim());
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

/** A limit: a whole number ≥ 1 (a limit of 0 would refuse everything; a missing limit is not an option). */
function limit(name: string, value: string | undefined, fallback: number): number {
  const n = Number(value || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return n;
}

// Sized from every operation the tests and README send (deepest 6, costliest ~1,500 with `first: 100`,
// longest ~110 tokens, no aliases or directives) and the standard introspection query (~52,000, ~185 tokens).
function queryLimits(env: NodeJS.ProcessEnv): QueryLimits {
  return {
    maxDepth: limit('GRAPHQL_MAX_DEPTH', env.GRAPHQL_MAX_DEPTH, 12),
    maxCost: limit('GRAPHQL_MAX_COST', env.GRAPHQL_MAX_COST, 20_000),
    maxIntrospectionCost: limit('GRAPHQL_MAX_INTROSPECTION_COST', env.GRAPHQL_MAX_INTROSPECTION_COST, 100_000),
    maxAliases: limit('GRAPHQL_MAX_ALIASES', env.GRAPHQL_MAX_ALIASES, 15),
    maxDirectives: limit('GRAPHQL_MAX_DIRECTIVES', env.GRAPHQL_MAX_DIRECTIVES, 20),
    maxTokens: limit('GRAPHQL_MAX_TOKENS', env.GRAPHQL_MAX_TOKENS, 2_000),
  };
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
    metricsToken: env.METRICS_TOKEN || undefined,
    embeddedPgPort: portNumber('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 5433),
    embeddedRedisPort: portNumber('EMBEDDED_REDIS_PORT', env.EMBEDDED_REDIS_PORT, 6380),
    trustProxy: trustProxy(env.TRUST_PROXY),
    corsOrigins: origins(env.CORS_ORIGINS),
    rateLimitPerStaff: count('RATE_LIMIT_PER_STAFF', env.RATE_LIMIT_PER_STAFF, 600),
    rateLimitPerIp: count('RATE_LIMIT_PER_IP', env.RATE_LIMIT_PER_IP, 300),
    rateLimitWindowSeconds: durationSeconds('RATE_LIMIT_WINDOW', env.RATE_LIMIT_WINDOW, '1m'),
    loginLockoutFailures: count('LOGIN_LOCKOUT_FAILURES', env.LOGIN_LOCKOUT_FAILURES, 5),
    loginLockoutIpFailures: count('LOGIN_LOCKOUT_IP_FAILURES', env.LOGIN_LOCKOUT_IP_FAILURES, 100),
    loginLockoutWindowSeconds: durationSeconds('LOGIN_LOCKOUT_WINDOW', env.LOGIN_LOCKOUT_WINDOW, '15m'),
    loginLockoutSeconds: durationSeconds('LOGIN_LOCKOUT_DURATION', env.LOGIN_LOCKOUT_DURATION, '15m'),
    limitsRedisPrefix: env.LIMITS_REDIS_PREFIX || 'hotline:limits',
    queryLimits: queryLimits(env),
    apiStatementTimeoutSeconds: durationSeconds('API_STATEMENT_TIMEOUT', env.API_STATEMENT_TIMEOUT, '30s'),
    apiLockTimeoutSeconds: durationSeconds('API_LOCK_TIMEOUT', env.API_LOCK_TIMEOUT, '5s'),
  };
}
