import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DecisionStatus } from '../domain/enums';
import { References } from './references';
import { Assignment } from './assignment.entity';
import { ServiceRequest } from './service-request.entity';
import { Staff } from './staff.entity';

@Entity('extension_request')
@Index('extension_request_assignment_idx', ['assignmentId', 'id'])
// At most one pending extension per assignment, enforced by the database as well as the service.
@Index('extension_request_one_pending_key', ['assignmentId'], { unique: true, where: "status = 'PENDING'" })
export class ExtensionRequest {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  assignmentId: string;

  @Column({ type: 'bigint' })
  requestId: string;

  @Column({ type: 'timestamptz' })
  requestedDueAt: Date;

  @Column({ type: 'timestamptz' })
  previousDueAt: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'enum', enum: DecisionStatus, enumName: 'decision_status' })
  status: DecisionStatus;

  @Column({ type: 'bigint' })
  requestedById: string;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'bigint', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  // Foreign keys (never loaded; see references.ts).
  @References(() => Assignment, 'assignment_id')
  private readonly assignmentRef?: unknown;
  @References(() => ServiceRequest, 'request_id')
  private readonly requestRef?: unknown;
  @References(() => Staff, 'requested_by_id')
  private readonly requestedByRef?: unknown;
  @References(() => Staff, 'decided_by_id', true)
  private readonly decidedByRef?: unknown;
}
