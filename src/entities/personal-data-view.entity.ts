import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Citizen } from './citizen.entity';
import { ServiceRequest } from './service-request.entity';
import { Staff } from './staff.entity';

// Audit: who saw whose personal data unmasked, when, and through which request (DESIGN.md §3).
@Entity('personal_data_view')
@Index('personal_data_view_citizen_idx', ['citizenId', 'viewedAt'])
@Index('personal_data_view_viewer_idx', ['viewerId', 'viewedAt'])
export class PersonalDataView {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  viewerId: string;

  @Column({ type: 'bigint' })
  citizenId: string;

  @Column({ type: 'bigint', nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', array: true })
  fields: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  operation: string | null;

  @Column({ type: 'timestamptz' })
  viewedAt: Date;

  // Foreign keys (never loaded; see references.ts).
  @References(() => Staff, 'viewer_id')
  private readonly viewerRef?: unknown;
  @References(() => Citizen, 'citizen_id')
  private readonly citizenRef?: unknown;
  @References(() => ServiceRequest, 'request_id', true)
  private readonly requestRef?: unknown;
}
