import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Department } from './department.entity';

// A department's own system (or SMS gateway) subscribes to its notifications (DESIGN.md §6).
@Entity('department_webhook')
export class DepartmentWebhook {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index('department_webhook_department_key', { unique: true })
  @Column({ type: 'bigint' })
  departmentId: string;

  @Column({ type: 'varchar', length: 500 })
  url: string;

  /** HMAC-SHA256 key for the signature header; never returned by the API. */
  @Column({ type: 'varchar', length: 200 })
  secret: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @References(() => Department, 'department_id')
  private readonly departmentRef?: unknown;
}
