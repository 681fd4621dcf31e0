import { Entity, Index, PrimaryColumn } from 'typeorm';
import { KpiCounterColumns } from './kpi-counter-columns';
import { Channel, RequestType } from '../domain/enums';

/**
 * The KPI counters of DESIGN.md §7 per local day × department × category × region × channel × request type.
 * Derived data: rebuilt from the raw tables per day, never edited. `region_id` 0 = no region given.
 */
@Entity('kpi_rollup')
@Index('kpi_rollup_department_day_idx', ['departmentId', 'day'])
export class KpiRollup extends KpiCounterColumns {
  @PrimaryColumn({ type: 'bigint' }) departmentId: string;
  @PrimaryColumn({ type: 'bigint' }) categoryId: string;
  @PrimaryColumn({ type: 'bigint' }) regionId: string;
  @PrimaryColumn({ type: 'enum', enum: Channel, enumName: 'channel' }) channel: Channel;
  @PrimaryColumn({ type: 'enum', enum: RequestType, enumName: 'request_type' }) requestType: RequestType;
}
