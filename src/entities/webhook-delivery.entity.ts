import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { DepartmentWebhook } from './department-webhook.entity';

export enum WebhookDeliveryStatus { PENDING = 'PENDING', DELIVERED = 'DELIVERED', FAILED = 'FAILED' }

/** One POST of one event to one department's webhook, with its attempts; FAILED ones are shown to admins. */
@Entity('webhook_delivery')
@Index('webhook_delivery_event_key', ['webhookId', 'eventKey'], { unique: true })
@Index('webhook_delivery_status_idx', ['status', 'id'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  webhookId: string;

  @Column({ type: 'varchar', length: 120 })
  eventKey: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16 })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @References(() => DepartmentWebhook, 'webhook_id')
  private readonly webhookRef?: unknown;
}
