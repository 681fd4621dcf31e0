import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The entity an `INSERT … RETURNING *` row describes, converted the way TypeORM converts what it reads (dates,
 * bigint ids as strings, enums), so that a write answers its row without reading it back. Only plain columns
 * are set; relations stay unloaded, as with findOneBy.
 */
export function entityFromReturnedRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = em.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    // Columns a find never selects (select: false, e.g. text_bigrams) stay out here too.
    if (!column.isSelect || !(column.databaseName in row)) continue;
    column.setEntityValue(entity, em.connection.driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}
