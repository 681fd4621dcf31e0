import { Entity, Index } from 'typeorm';
import { TreeNode } from './tree-node';
import { References } from './references';

@Entity('department')
@Index('department_parent_idx', ['parentId'])
@Index('department_path_idx', { synchronize: false })
export class Department extends TreeNode {

  // Foreign keys (never loaded; see references.ts).
  @References(() => Department, 'parent_id', true)
  private readonly parentRef?: unknown;
}
