import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Category } from './category.entity';
import { Department } from './department.entity';
import { Region } from './region.entity';
import { Staff } from './staff.entity';

// 派单规则: a category subtree, optionally only in a region subtree, goes to a department (issue 5).
// Several rules may cover the same ground: the most specific wins, then the higher priority (domain/routing.ts).
@Entity('routing_rule')
@Index('routing_rule_category_idx', ['categoryId'])
export class RoutingRule {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  categoryId: string;

  @Column({ type: 'bigint', nullable: true })
  regionId: string | null;

  @Column({ type: 'bigint' })
  departmentId: string;

  @Column({ type: 'int', default: 0 })
  priority: number;

  /** 直派: a NORMAL request this rule wins is dispatched at intake by the system. */
  @Column({ type: 'boolean', default: false })
  autoDispatch: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'bigint', nullable: true })
  updatedById: string | null;

  @References(() => Category, 'category_id')
  private readonly categoryRef?: unknown;

  @References(() => Region, 'region_id', true)
  private readonly regionRef?: unknown;

  @References(() => Department, 'department_id')
  private readonly departmentRef?: unknown;

  @References(() => Staff, 'updated_by_id', true)
  private readonly updatedByRef?: unknown;
}
