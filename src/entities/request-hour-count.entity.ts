import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests received per UTC hour, category and district (the region itself when it is a district, else its
 * district ancestor), for hotspot detection. Derived data like kpi_rollup: recomputed with the local days
 * the rollup recomputes, never edited. Requests without a region are not counted (they have no district).
 */
@Entity('request_hour_count')
export class RequestHourCount {
  @PrimaryColumn({ type: 'timestamptz' }) hour: Date;
  @PrimaryColumn({ type: 'bigint' }) categoryId: string;
  @PrimaryColumn({ type: 'bigint' }) districtId: string;
  @Column({ type: 'int' }) received: number;
}
