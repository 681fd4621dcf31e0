import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../src/entities';
import { suggestRoutes } from '../src/services/routing/routing-suggestion.service';

async function main() {
  const ds = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/hotline_bench', entities: ENTITIES });
  await ds.initialize();
  const subjects = await ds.query(`SELECT id::text, category_id::text AS "categoryId", region_id::text AS "regionId", title, content FROM service_request WHERE id % 100003 = 7 AND region_id IS NOT NULL LIMIT 12`);
  const asOf = (await ds.query(`SELECT max(created_at) AS m FROM service_request`))[0].m;
  for (const s of subjects) {
    const t0 = performance.now();
    const r = await suggestRoutes(ds.manager, s, asOf);
    console.log(`${(performance.now() - t0).toFixed(1)} ms`, r.map((x) => x.reason).join(' | ').slice(0, 140));
  }
  await ds.destroy();
}
main();
