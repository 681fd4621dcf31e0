import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small named watermarks of the analytics jobs (e.g. up to when reply deadlines have been looked at). */
@Entity('analytics_state')
export class AnalyticsState {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'timestamptz' })
  value: Date;
}
