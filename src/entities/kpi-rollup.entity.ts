import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Channel, RequestType } from '../domain/enums';

/**
 * The KPI counters of DESIGN.md §7 per local day × department × category × region × channel × request type.
 * Derived data: rebuilt from the raw tables per day, never edited. `region_id` 0 = no region given.
 */
@Entity('kpi_rollup')
@Index('kpi_rollup_department_day_idx', ['departmentId', 'day'])
export class KpiRollup {
  @PrimaryColumn({ type: 'date' }) day: string;
  @PrimaryColumn({ type: 'bigint' }) departmentId: string;
  @PrimaryColumn({ type: 'bigint' }) categoryId: string;
  @PrimaryColumn({ type: 'bigint' }) regionId: string;
  @PrimaryColumn({ type: 'enum', enum: Channel, enumName: 'channel' }) channel: Channel;
  @PrimaryColumn({ type: 'enum', enum: RequestType, enumName: 'request_type' }) requestType: RequestType;

  @Column({ type: 'int', default: 0 }) received: number;
  @Column({ type: 'int', default: 0 }) resolvedAtIntake: number;
  @Column({ type: 'int', default: 0 }) closed: number;
  @Column({ type: 'int', default: 0 }) reopened: number;
  @Column({ type: 'int', default: 0 }) dispatched: number;
  @Column({ type: 'int', default: 0 }) acceptedOnTime: number;
  @Column({ type: 'int', default: 0 }) returned: number;
  @Column({ type: 'int', default: 0 }) replied: number;
  @Column({ type: 'int', default: 0 }) repliedOnTime: number;
  @Column({ type: 'int', default: 0 }) overdueOpen: number;
  @Column({ type: 'int', default: 0 }) followedUp: number;
  @Column({ type: 'int', default: 0 }) satisfied: number;
  @Column({ type: 'int', default: 0 }) dissatisfied: number;
  @Column({ type: 'int', default: 0 }) resolved: number;
}
