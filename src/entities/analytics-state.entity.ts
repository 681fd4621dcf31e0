import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small named watermarks of the analytics jobs (e.g. up to when reply deadlines have been looked at). */
@Entity('analytics_state')
export class AnalyticsState {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'timestamptz', nullable: true })
  value: Date | null;

  /** A transaction-id watermark (outbox consumption), where the state is one. */
  @Column({ type: 'bigint', nullable: true })
  position: string | null;
}
