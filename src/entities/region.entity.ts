import { Column, Entity, Index } from 'typeorm';
import { TreeNode } from './tree-node';
import { References } from './references';

export enum RegionLevel { CITY = 'CITY', DISTRICT = 'DISTRICT', STREET = 'STREET', COMMUNITY = 'COMMUNITY' }

@Entity('region')
@Index('region_parent_idx', ['parentId'])
@Index('region_path_idx', { synchronize: false })
export class Region extends TreeNode {
  // Hotspots are detected per district-level region (DESIGN.md §7).
  @Column({ type: 'varchar', length: 16, default: RegionLevel.DISTRICT })
  level: RegionLevel;

  // Foreign keys (never loaded; see references.ts).
  @References(() => Region, 'parent_id', true)
  private readonly parentRef?: unknown;
}
