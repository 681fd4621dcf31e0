import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AssignmentRole, AssignmentStatus, ReplyOutcome } from '../domain/enums';
import { References } from './references';
import { Department } from './department.entity';
import { ServiceRequest } from './service-request.entity';
import { Staff } from './staff.entity';

@Entity('assignment')
@Index('assignment_request_idx', ['requestId', 'id'])
@Index('assignment_department_status_idx', ['departmentId', 'status', 'dispatchedAt', 'id'])
@Index('assignment_department_dispatched_idx', ['departmentId', 'dispatchedAt', 'id'])
// The liaison work list's open items (overdue, pending, in progress) without walking the department's history.
@Index('assignment_department_open_idx', ['departmentId', 'dispatchedAt', 'id'], { where: "status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')" })
// Rollups recompute a day from the lead assignments dispatched on it.
@Index('assignment_dispatched_idx', ['dispatchedAt'])
@Index('assignment_open_accept_due_idx', { synchronize: false })
@Index('assignment_open_reply_due_idx', { synchronize: false })
// The deadline scan's warning lookups (partial, open rows only; SQL in the migration).
@Index('assignment_open_accept_warn_idx', { synchronize: false })
@Index('assignment_open_reply_warn_idx', { synchronize: false })
// … and the automatic LISTED escalation's (open rows with an escalation moment; SQL in the EscalationDeadline migration).
@Index('assignment_open_reply_escalate_idx', { synchronize: false })
export class Assignment {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  requestId: string;

  @Column({ type: 'bigint' })
  departmentId: string;

  @Column({ type: 'enum', enum: AssignmentRole, enumName: 'assignment_role' })
  role: AssignmentRole;

  @Column({ type: 'enum', enum: AssignmentStatus, enumName: 'assignment_status' })
  status: AssignmentStatus;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'timestamptz' })
  dispatchedAt: Date;

  @Column({ type: 'bigint', nullable: true })
  dispatchedById: string | null;

  @Column({ type: 'timestamptz' })
  acceptDueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptWarnAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'bigint', nullable: true })
  acceptedById: string | null;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  replyWarnAt: Date | null;

  // When the reply, if still not in, is 5 working days overdue and the request escalates to LISTED: computed
  // with `dueAt` wherever it is set or moved (replyEscalationTime), so the deadline scan finds it by a range.
  // Null only on assignments that had ended before the column existed (they never escalate again).
  @Column({ type: 'timestamptz', nullable: true })
  replyEscalateAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  @Column({ type: 'bigint', nullable: true })
  repliedById: string | null;

  @Column({ type: 'text', nullable: true })
  reply: string | null;

  @Column({ type: 'enum', enum: ReplyOutcome, enumName: 'reply_outcome', nullable: true })
  replyOutcome: ReplyOutcome | null;

  // Whether the reply came in by the deadline in force at reply time (KPI repliedOnTime).
  @Column({ type: 'boolean', nullable: true })
  repliedOnTime: boolean | null;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnRequestedAt: Date | null;

  @Column({ type: 'enum', enum: AssignmentStatus, enumName: 'assignment_status', nullable: true })
  statusBeforeReturn: AssignmentStatus | null;

  // Set when the center rejected this unit's return: it has been designated and cannot return again.
  @Column({ type: 'boolean', default: false })
  designated: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  // Foreign keys (never loaded; see references.ts).
  @References(() => ServiceRequest, 'request_id')
  private readonly requestRef?: unknown;
  @References(() => Department, 'department_id')
  private readonly departmentRef?: unknown;
  @References(() => Staff, 'dispatched_by_id', true)
  private readonly dispatchedByRef?: unknown;
  @References(() => Staff, 'accepted_by_id', true)
  private readonly acceptedByRef?: unknown;
  @References(() => Staff, 'replied_by_id', true)
  private readonly repliedByRef?: unknown;
}
