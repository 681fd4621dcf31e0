import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Local days whose rollup rows are stale; the rollup job recomputes and deletes them. */
@Entity('rollup_dirty_day')
export class RollupDirtyDay {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'timestamptz' })
  markedAt: Date;
}
