import { EntityManager } from 'typeorm';
import { NodeRef } from '../domain/import-mapping';

// Codes to ids for the importer, creating the categories and departments a mapping's "create" policy asks
// for under their parent. Creations stay pending until their batch commits: a rolled-back batch (or a dry
// run) forgets them, so the cache never names a row that does not exist.

type Tree = 'category' | 'department' | 'region';

export class ImportLookups {
  private readonly ids: Record<Tree, Map<string, string>> = { category: new Map(), department: new Map(), region: new Map() };
  private pending: { tree: Tree; code: string }[] = [];

  /** Every code the mapping may name must exist before a row is read (a typo is a mapping error). */
  async load(em: EntityManager): Promise<void> {
    for (const tree of Object.keys(this.ids) as Tree[]) {
      const rows: { code: string; id: string }[] = await em.query(`SELECT code, id::text FROM ${tree}`);
      for (const r of rows) this.ids[tree].set(r.code, r.id);
    }
  }

  missing(tree: Tree, codes: string[]): string[] {
    return codes.filter((c) => !this.ids[tree].has(c));
  }

  regionId(code: string | null): string | null {
    if (!code) return null;
    const id = this.ids.region.get(code);
    if (!id) throw new Error(`unknown region code ${code}`);
    return id;
  }

  async resolve(em: EntityManager, tree: 'category' | 'department', ref: NodeRef): Promise<string> {
    const code = 'code' in ref ? ref.code : ref.create.code;
    const known = this.ids[tree].get(code);
    if (known) return known;
    if ('code' in ref) throw new Error(`unknown ${tree} code ${code}`);
    const id = await this.createNode(em, tree, ref.create);
    this.ids[tree].set(code, id);
    this.pending.push({ tree, code });
    return id;
  }

  /** The batch committed: its creations are real. */
  commit(): void {
    this.pending = [];
  }

  /** A point to roll back to (a savepoint's). */
  mark(): number {
    return this.pending.length;
  }

  /** Rolled back (to the savepoint of `mark`, or the whole batch): forget what was created since. */
  rollback(mark = 0): void {
    for (const { tree, code } of this.pending.splice(mark)) this.ids[tree].delete(code);
  }

  /** The parent of created nodes; a top-level node of that code (and name) when the hotline has none yet. */
  private async parentNode(em: EntityManager, tree: 'category' | 'department', code: string): Promise<{ id: string; path: string; depth: number }> {
    const [found] = await em.query(`SELECT id::text, path, depth FROM ${tree} WHERE code = $1`, [code]);
    if (found) return found;
    const id = await this.insertNode(em, tree, { code, name: code }, null);
    this.ids[tree].set(code, id);
    this.pending.push({ tree, code });
    return { id, path: `/${id}/`, depth: 0 };
  }

  private async createNode(em: EntityManager, tree: 'category' | 'department', node: { parent: string; code: string; name: string }): Promise<string> {
    const parent = await this.parentNode(em, tree, node.parent);
    return this.insertNode(em, tree, node, parent);
  }

  /** The id is drawn first, so that the materialised path is written with the row (a node of that code is reused). */
  private async insertNode(
    em: EntityManager, tree: 'category' | 'department', node: { code: string; name: string }, parent: { id: string; path: string; depth: number } | null,
  ): Promise<string> {
    const [existing] = await em.query(`SELECT id::text FROM ${tree} WHERE code = $1`, [node.code]);
    if (existing) return existing.id;
    const [{ id }] = await em.query(`SELECT nextval(pg_get_serial_sequence('${tree}', 'id'))::text AS id`);
    await em.query(
      `INSERT INTO ${tree} (id, code, name, parent_id, path, depth) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, node.code, node.name, parent?.id ?? null, `${parent?.path ?? '/'}${id}/`, parent ? parent.depth + 1 : 0],
    );
    return id;
  }
}
