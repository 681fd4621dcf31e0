import { Entity, PrimaryColumn } from 'typeorm';
import { KpiCounterColumns } from './kpi-counter-columns';
import { Channel, RequestType } from '../domain/enums';

// Coarser KPI rollups (src/domain/kpi-grain.ts): the counters of `kpi_rollup` summed over the dimensions each
// table leaves out, per local day. Derived data, recomputed with `kpi_rollup`'s days in the same transaction
// (services/analytics/rollup.service.ts); the KPI query reads the smallest one that answers exactly.


/** Per local day: trends with no filter. */
@Entity('kpi_rollup_day')
export class KpiRollupDay extends KpiCounterColumns {}

/** Per local day × region (`region_id` 0 = no region given). */
@Entity('kpi_rollup_region')
export class KpiRollupRegion extends KpiCounterColumns {
  @PrimaryColumn({ type: 'bigint' }) regionId: string;
}

/** Per local day × department: by department, a department filter, and every liaison's question without other dimensions. */
@Entity('kpi_rollup_department')
export class KpiRollupDepartment extends KpiCounterColumns {
  @PrimaryColumn({ type: 'bigint' }) departmentId: string;
}

/** Per local day × category. */
@Entity('kpi_rollup_category')
export class KpiRollupCategory extends KpiCounterColumns {
  @PrimaryColumn({ type: 'bigint' }) categoryId: string;
}

/** Per local day × channel × request type. */
@Entity('kpi_rollup_channel_type')
export class KpiRollupChannelType extends KpiCounterColumns {
  @PrimaryColumn({ type: 'enum', enum: Channel, enumName: 'channel' }) channel: Channel;
  @PrimaryColumn({ type: 'enum', enum: RequestType, enumName: 'request_type' }) requestType: RequestType;
}

/** Per local day × department × category. */
@Entity('kpi_rollup_department_category')
export class KpiRollupDepartmentCategory extends KpiCounterColumns {
  @PrimaryColumn({ type: 'bigint' }) departmentId: string;
  @PrimaryColumn({ type: 'bigint' }) categoryId: string;
}

export const KPI_ROLLUP_GRAIN_ENTITIES = [
  KpiRollupDay, KpiRollupRegion, KpiRollupDepartment, KpiRollupCategory, KpiRollupChannelType, KpiRollupDepartmentCategory,
];
