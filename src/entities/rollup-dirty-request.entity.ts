import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Requests whose KPI contributions are stale; the rollup job applies their difference and deletes them. */
@Entity('rollup_dirty_request')
export class RollupDirtyRequest {
  @PrimaryColumn({ type: 'bigint' })
  requestId: string;

  @Column({ type: 'timestamptz' })
  markedAt: Date;
}
