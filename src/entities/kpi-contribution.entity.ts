import { Entity, Index, PrimaryColumn } from 'typeorm';
import { KpiCounterColumns } from './kpi-counter-columns';
import { Channel, RequestType } from '../domain/enums';

/**
 * What one request adds to `kpi_rollup`: its counters per local day × department × category × region × channel ×
 * request type (its intake day, the days of its lead dispatches, the days of its reached follow-ups). `kpi_rollup`
 * is always the sum of these rows, so when a request changes the incremental job subtracts its rows, computes
 * them again from the raw tables and adds them (services/analytics/rollup-delta.ts) instead of recomputing whole
 * days. Derived data, never edited by hand.
 */
@Entity('kpi_contribution')
@Index('kpi_contribution_request_idx', ['requestId'])
export class KpiContribution extends KpiCounterColumns {
  @PrimaryColumn({ type: 'bigint' }) requestId: string;
  @PrimaryColumn({ type: 'bigint' }) departmentId: string;
  @PrimaryColumn({ type: 'bigint' }) categoryId: string;
  @PrimaryColumn({ type: 'bigint' }) regionId: string;
  @PrimaryColumn({ type: 'enum', enum: Channel, enumName: 'channel' }) channel: Channel;
  @PrimaryColumn({ type: 'enum', enum: RequestType, enumName: 'request_type' }) requestType: RequestType;
}
