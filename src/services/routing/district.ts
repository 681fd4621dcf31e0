import { EntityManager } from 'typeorm';

/**
 * The district (the region just below the city) holding a region, as the path prefix of its subtree and its
 * name; null for the city itself or no region. Routing history, similar texts and duplicates are all local to it.
 */
export async function districtOf(em: EntityManager, regionId: string | null): Promise<{ path: string; name: string } | null> {
  if (!regionId) return null;
  const [region] = await em.query(`SELECT path FROM region WHERE id = $1`, [regionId]);
  const ids = (region?.path as string | undefined)?.split('/').filter(Boolean) ?? [];
  if (ids.length < 2) return null;
  const [district] = await em.query(`SELECT name FROM region WHERE id = $1`, [ids[1]]);
  return { path: `/${ids[0]}/${ids[1]}/`, name: district.name };
}
