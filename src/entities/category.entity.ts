import { Entity, Index } from 'typeorm';
import { TreeNode } from './tree-node';
import { References } from './references';

@Entity('category')
@Index('category_parent_idx', ['parentId'])
@Index('category_path_idx', { synchronize: false })
export class Category extends TreeNode {

  // Foreign keys (never loaded; see references.ts).
  @References(() => Category, 'parent_id', true)
  private readonly parentRef?: unknown;
}
