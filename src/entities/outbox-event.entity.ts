import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Transactional outbox (DESIGN.md §6): written in the mutation's transaction, moved to BullMQ by the relay.
@Entity('outbox_event')
@Index('outbox_event_unsent_idx', { synchronize: false })
@Index('outbox_event_topic_txid_idx', ['topic', 'txid'])
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  topic: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** When a handler finished with it (the relay marks rows no job consumes at once). Null = work still owed. */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /**
   * When the relay last put it on a BullMQ queue. A row handed over but not handled within the redelivery
   * period (Redis flushed, job lost) is handed over again; the job id `outbox-<id>` stops doubles.
   * Only the relay's own SQL reads or writes it (src/jobs/outbox-relay.ts).
   */
  @Column({ type: 'timestamptz', nullable: true, select: false, insert: false, update: false })
  relayedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  // The writing transaction's id. Readers that must not miss a row (the analytics consumer) take only rows of
  // transactions older than every running one, so a late commit with a lower sequence id is never skipped.
  @Column({ type: 'bigint', default: () => 'outbox_current_txid()', update: false, insert: false })
  txid: string;
}
