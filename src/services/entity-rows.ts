import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

// Entities by hand-written SQL. On the hot read paths (DataLoaders, request lists, the liaison work list) and the
// writes every mutation makes (timeline events, intake) TypeORM's query builder and save() cost more CPU than
// PostgreSQL spent answering: they build the select list and rewrite property names through the whole statement on
// every call, then map aliased columns back. Here the select list is built once per entity and a row becomes an
// entity the way a find converts it (dates, bigint ids as strings, enum arrays), through the entity's own column
// metadata; values are written the way TypeORM persists them.

/** One entity's table as plain SQL: its name and the columns a find selects, built once per entity. */
class EntityShape {
  readonly table: string;
  readonly columns: ColumnMetadata[];
  readonly insertable: ColumnMetadata[];
  private readonly lists = new Map<string, string>();

  constructor(readonly metadata: EntityMetadata) {
    this.table = `"${metadata.tableName}"`;
    // Columns a find never selects (select: false, e.g. text_bigrams) stay out, as do virtual relation columns.
    this.columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
    this.insertable = metadata.columns.filter((c) => c.isInsert && !c.isVirtual);
  }

  selectList(alias: string, prefix: string): string {
    const key = `${alias} ${prefix}`;
    let list = this.lists.get(key);
    if (list === undefined) {
      list = this.columns.map((c) => `${alias}."${c.databaseName}"${prefix ? ` AS "${prefix}${c.databaseName}"` : ''}`).join(', ');
      this.lists.set(key, list);
    }
    return list;
  }
}

const shapes = new WeakMap<EntityMetadata, EntityShape>();

/** Reads one entity's rows through a manager (a transaction's manager reads inside its transaction). */
export class EntityRows<T extends ObjectLiteral> {
  readonly table: string;

  constructor(private readonly em: EntityManager, private readonly shape: EntityShape) {
    this.table = shape.table;
  }

  /**
   * `alias."id", alias."code", …`: every column a find reads, under its database name, or with a `prefix`
   * (`alias."id" AS "<prefix>id"`) where a join selects two entities whose column names would collide.
   */
  selectList(alias: string, prefix = ''): string {
    return this.shape.selectList(alias, prefix);
  }

  /**
   * The entity a row describes (`SELECT <selectList>`, `RETURNING *`); columns absent from the row stay unset.
   * `prefix`: the one the select list was built with.
   */
  fromRow(row: Record<string, unknown>, prefix = ''): T {
    const entity = this.shape.metadata.create() as T;
    const driver = this.em.connection.driver;
    for (const column of this.shape.columns) {
      const value = row[prefix ? prefix + column.databaseName : column.databaseName];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }

  /** `SELECT … FROM table alias WHERE <where> [ORDER BY …]`, the where and order written against `alias`. */
  async where(alias: string, where: string, params: unknown[], orderBy = ''): Promise<T[]> {
    const rows: Record<string, unknown>[] = await this.em.query(
      `SELECT ${this.selectList(alias)} FROM ${this.table} ${alias} WHERE ${where}${orderBy ? ` ORDER BY ${orderBy}` : ''}`,
      params,
    );
    return rows.map((row) => this.fromRow(row));
  }

  /** The one row `where` names, or null. */
  async first(alias: string, where: string, params: unknown[]): Promise<T | null> {
    return (await this.where(alias, where, params))[0] ?? null;
  }

  /**
   * Inserts one row from the entity's property values (those not undefined, converted as TypeORM persists them) and
   * answers the row as written, defaults and generated id included; null when `onConflict` (an `ON CONFLICT …`
   * clause against alias `w`) made the insert do nothing.
   */
  async insert(values: Partial<T>, onConflict = ''): Promise<T | null> {
    const driver = this.em.connection.driver;
    const names: string[] = [];
    const params: unknown[] = [];
    for (const column of this.shape.insertable) {
      const value = column.getEntityValue(values);
      if (value === undefined) continue;
      names.push(`"${column.databaseName}"`);
      params.push(driver.preparePersistentValue(value, column));
    }
    const rows: Record<string, unknown>[] = await this.em.query(
      `INSERT INTO ${this.table} AS w (${names.join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})
       ${onConflict} RETURNING ${this.selectList('w')}`,
      params,
    );
    return rows.length > 0 ? this.fromRow(rows[0]) : null;
  }
}

export function entityRows<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>): EntityRows<T> {
  const metadata = em.connection.getMetadata(target);
  let shape = shapes.get(metadata);
  if (!shape) shapes.set(metadata, (shape = new EntityShape(metadata)));
  return new EntityRows<T>(em, shape);
}

/**
 * The entity an `INSERT … RETURNING *` row (or any row with the table's columns) describes, so that a write
 * answers its row without reading it back. Only plain columns are set; relations stay unloaded, as with findOneBy.
 */
export function entityFromRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  return entityRows(em, target).fromRow(row);
}
