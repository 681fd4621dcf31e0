import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimelineEventKind } from '../domain/enums';
import { References } from './references';
import { Assignment } from './assignment.entity';
import { ServiceRequest } from './service-request.entity';
import { Staff } from './staff.entity';

// Append-only: the audit trail of a request. Never updated or deleted.
@Entity('timeline_event')
@Index('timeline_event_request_idx', ['requestId', 'id'])
// The foreign key's own index: deleting an assignment must not scan the whole timeline.
@Index('timeline_event_assignment_idx', ['assignmentId'], { where: 'assignment_id IS NOT NULL' })
export class TimelineEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  requestId: string;

  @Column({ type: 'bigint', nullable: true })
  assignmentId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'enum', enum: TimelineEventKind, enumName: 'timeline_event_kind' })
  kind: TimelineEventKind;

  // Null for system events (jobs).
  @Column({ type: 'bigint', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  // Foreign keys (never loaded; see references.ts).
  @References(() => ServiceRequest, 'request_id')
  private readonly requestRef?: unknown;
  @References(() => Assignment, 'assignment_id', true)
  private readonly assignmentRef?: unknown;
  @References(() => Staff, 'actor_id', true)
  private readonly actorRef?: unknown;
}
