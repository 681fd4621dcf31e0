import { Column, Index, PrimaryGeneratedColumn } from 'typeorm';

// Departments, categories and regions are trees. `path` is the materialised chain of ancestor ids
// ("/1/7/42/"), so "this node and everything under it" is one indexed prefix match.
export abstract class TreeNode {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'bigint', nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 400 })
  path: string;

  @Column({ type: 'int', default: 0 })
  depth: number;
}
