import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { MIGRATIONS } from '../../migrations';

export interface DataSourceOptions {
  poolSize?: number;
  applicationName?: string;
  /** PostgreSQL statement_timeout / lock_timeout of every connection of the pool, in ms; none when unset. */
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
}

export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Timestamps are timestamptz; `date` columns stay strings ("YYYY-MM-DD").
    // jit=off: PostgreSQL JIT-compiles any plan whose estimate passes jit_above_cost; EXPLAIN showed 100–170 ms of
    // compilation in search plans at 10 M requests. This is short OLTP work; the rollups read by index ranges.
    extra: { max: options.poolSize ?? 20, application_name: options.applicationName ?? 'hotline', options: connectionSettings(options) },
  });
}

/** Settings sent with each connection's start-up packet: in force from its first statement, no round trip. */
function connectionSettings(o: DataSourceOptions): string {
  const settings = ['-c jit=off'];
  if (o.statementTimeoutMs) settings.push(`-c statement_timeout=${o.statementTimeoutMs}`);
  if (o.lockTimeoutMs) settings.push(`-c lock_timeout=${o.lockTimeoutMs}`);
  return settings.join(' ');
}
