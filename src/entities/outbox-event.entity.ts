import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Transactional outbox (DESIGN.md §6): written in the mutation's transaction, moved to BullMQ by the relay.
@Entity('outbox_event')
@Index('outbox_event_unsent_idx', { synchronize: false })
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  topic: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;
}
