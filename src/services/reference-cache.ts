import { DataSource, EntityManager, EntityTarget, In } from 'typeorm';
import { Category, Department, ReferenceVersion, Region } from '../entities';
import { TreeNode } from '../entities/tree-node';

/** One reference tree as it was at one version: by id, by code, children in id order, subtrees by path. */
export class ReferenceTree<T extends TreeNode> {
  private readonly byId: Map<string, T>;
  private readonly byCode: Map<string, T>;
  private readonly childrenByParentId = new Map<string, T[]>();

  constructor(private readonly nodes: readonly T[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
    this.byCode = new Map(nodes.map((n) => [n.code, n]));
    for (const node of nodes) {
      if (node.parentId === null) continue;
      const siblings = this.childrenByParentId.get(node.parentId) ?? [];
      siblings.push(node);
      this.childrenByParentId.set(node.parentId, siblings);
    }
  }

  get(id: string): T | null {
    return this.byId.get(String(id)) ?? null;
  }

  withCode(code: string): T | null {
    return this.byCode.get(code) ?? null;
  }

  children(parentId: string): readonly T[] {
    return this.childrenByParentId.get(String(parentId)) ?? [];
  }

  /** The node and everything under it (the same prefix match as `path LIKE node.path || '%'`). */
  subtree(node: T): T[] {
    return this.nodes.filter((n) => n.path.startsWith(node.path));
  }
}

export interface ReferenceSnapshot {
  version: string;
  departments: ReferenceTree<Department>;
  categories: ReferenceTree<Category>;
  regions: ReferenceTree<Region>;
}

const TREE_ENTITIES = { departments: Department, categories: Category, regions: Region };
export type TreeName = keyof typeof TREE_ENTITIES;
export type TreeNodeOf<K extends TreeName> = InstanceType<(typeof TREE_ENTITIES)[K]>;

/** One tree of a snapshot, typed by its name. */
export function treeOf<K extends TreeName>(snapshot: ReferenceSnapshot, tree: K): ReferenceTree<TreeNodeOf<K>> {
  return snapshot[tree] as unknown as ReferenceTree<TreeNodeOf<K>>;
}

/**
 * Nodes by id, in key order, null for none. Ids come from rows (a request's category), so an id the copy lacks
 * belongs to a node created after the copy's version was read: those are read through `em`, not guessed absent.
 */
export async function treeNodesById<K extends TreeName>(
  em: EntityManager, snapshot: ReferenceSnapshot, tree: K, ids: readonly string[],
): Promise<(TreeNodeOf<K> | null)[]> {
  const nodes = treeOf(snapshot, tree);
  const missing = ids.filter((id) => !nodes.get(id));
  const newer = missing.length === 0 ? [] : await em.getRepository(TREE_ENTITIES[tree] as EntityTarget<TreeNodeOf<K>>).findBy({ id: In(missing) } as never);
  const byId = new Map(newer.map((n) => [String(n.id), n]));
  return ids.map((id) => nodes.get(id) ?? byId.get(String(id)) ?? null);
}

/**
 * Departments, categories and regions, read on almost every request (names on every list, codes in every filter)
 * and changed a few times a day, kept in memory per process. Whether the copy is current is decided by
 * reference_version, which triggers raise in the changing statement's own transaction: a request that knows the
 * version (the authentication query reads it) pays nothing when it matches; otherwise the version is read and,
 * when it moved, the trees are loaded again. Another replica's change is therefore seen by the next request that
 * authenticates after its commit, not after a timeout.
 *
 * Loads go through the pool, never through a caller's transaction, so that nothing uncommitted is ever cached.
 * The cached rows are frozen: they are shared by every request of the process.
 */
export class ReferenceCache {
  private cached: ReferenceSnapshot | null = null;
  private loading: Promise<ReferenceSnapshot> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** The trees at `knownVersion` or later; without a version, at the version committed now. */
  async snapshot(knownVersion?: string | null): Promise<ReferenceSnapshot> {
    const cached = this.cached;
    if (cached && knownVersion != null && !isNewer(knownVersion, cached.version)) return cached;
    const version = knownVersion ?? (await this.committedVersion());
    if (this.cached && !isNewer(version, this.cached.version)) return this.cached;
    const loaded = await this.load();
    // A load already under way may have read the version before `version` was committed: then once more.
    return isNewer(version, loaded.version) ? this.load() : loaded;
  }

  private load(): Promise<ReferenceSnapshot> {
    // Requests that find the copy stale at the same moment share one load.
    this.loading ??= this.read()
      .then((snapshot) => {
        if (!this.cached || isNewer(snapshot.version, this.cached.version)) this.cached = snapshot;
        return snapshot;
      })
      .finally(() => { this.loading = null; });
    return this.loading;
  }

  private async committedVersion(): Promise<string> {
    const row = await this.dataSource.getRepository(ReferenceVersion).findOneByOrFail({ id: 1 });
    return row.version;
  }

  private read(): Promise<ReferenceSnapshot> {
    return readReferenceSnapshot(this.dataSource.manager);
  }
}

/**
 * The trees as `em` sees them now, uncached. The version is read first: rows read after it are at least that new,
 * so a copy is never labelled newer than it is (a change committed in between makes the next request load again).
 */
export async function readReferenceSnapshot(em: EntityManager): Promise<ReferenceSnapshot> {
  const { version } = await em.getRepository(ReferenceVersion).findOneByOrFail({ id: 1 });
  // One after the other: `em` may be a transaction's, which runs one statement at a time.
  return {
    version,
    departments: new ReferenceTree(await frozenRows(em, Department)),
    categories: new ReferenceTree(await frozenRows(em, Category)),
    regions: new ReferenceTree(await frozenRows(em, Region)),
  };
}

async function frozenRows<T extends TreeNode>(em: EntityManager, target: EntityTarget<T>): Promise<T[]> {
  const rows = await em.getRepository(target).find({ order: { id: 'ASC' } as never });
  return rows.map((row) => Object.freeze(row));
}

function isNewer(version: string, than: string): boolean {
  return BigInt(version) > BigInt(than);
}
