import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Department } from './department.entity';
import { ServiceRequest } from './service-request.entity';
import { Staff } from './staff.entity';

// One row per recipient (DESIGN.md §6). Messages carry codes and deadlines, never personal data.
@Entity('notification')
@Index('notification_recipient_idx', ['recipientId', 'id'])
@Index('notification_recipient_unread_idx', ['recipientId', 'id'], { where: 'read_at IS NULL' })
@Index('notification_request_idx', ['requestId'])
@Index('notification_cause_recipient_key', ['causeKey', 'recipientId'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  recipientId: string;

  /** ASSIGNED, ACCEPT_WARNING, … (DESIGN.md §6); clients switch on it. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'bigint', nullable: true })
  requestId: string | null;

  /** The department the notification is about (for department webhooks), if any. */
  @Column({ type: 'bigint', nullable: true })
  departmentId: string | null;

  /** What caused it (an outbox event or a reminder), so one cause notifies each recipient once. */
  @Column({ type: 'varchar', length: 120 })
  causeKey: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  // Foreign keys (never loaded; see references.ts).
  @References(() => Staff, 'recipient_id')
  private readonly recipientRef?: unknown;
  @References(() => ServiceRequest, 'request_id', true)
  private readonly requestRef?: unknown;
  @References(() => Department, 'department_id', true)
  private readonly departmentRef?: unknown;
}
