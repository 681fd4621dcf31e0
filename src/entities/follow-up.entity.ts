import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Satisfaction } from '../domain/enums';
import { References } from './references';
import { Department } from './department.entity';
import { ServiceRequest } from './service-request.entity';
import { Staff } from './staff.entity';

@Entity('follow_up')
@Index('follow_up_request_idx', ['requestId', 'id'])
@Index('follow_up_recorded_idx', ['recordedAt'])
export class FollowUp {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  requestId: string;

  @Column({ type: 'int' })
  attempt: number;

  // The handling round followed up, and the department whose lead assignment handled it
  // (null for an intake answer): KPI attribution (DESIGN.md §7).
  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'bigint', nullable: true })
  leadDepartmentId: string | null;

  @Column({ type: 'boolean' })
  reached: boolean;

  @Column({ type: 'enum', enum: Satisfaction, enumName: 'satisfaction', nullable: true })
  satisfaction: Satisfaction | null;

  @Column({ type: 'boolean', nullable: true })
  resolved: boolean | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'bigint' })
  recordedById: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  // Foreign keys (never loaded; see references.ts).
  @References(() => ServiceRequest, 'request_id')
  private readonly requestRef?: unknown;
  @References(() => Department, 'lead_department_id', true)
  private readonly leadDepartmentRef?: unknown;
  @References(() => Staff, 'recorded_by_id')
  private readonly recordedByRef?: unknown;
}
