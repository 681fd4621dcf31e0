import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { MIGRATIONS } from '../../migrations';

export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
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
    extra: { max: options.poolSize ?? 20, application_name: options.applicationName ?? 'hotline', options: '-c jit=off' },
  });
}
