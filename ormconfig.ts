import 'reflect-metadata';
import { createDataSource } from './src/db/data-source';

// The DataSource the TypeORM CLI uses (migration:generate / migration:run).
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_dev');
