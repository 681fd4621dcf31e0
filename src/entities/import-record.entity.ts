import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { ServiceRequest } from './service-request.entity';

// What `npm run import` brought in: one row per source record, so that a re-run changes nothing and a
// corrected file updates exactly the records whose mapped content changed (issue 7).
@Entity('import_record')
@Index('import_record_source_key', ['source', 'sourceId'], { unique: true })
export class ImportRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** The mapping's source name, e.g. "baltimore-311". */
  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ type: 'varchar', length: 128 })
  sourceId: string;

  @Index('import_record_request_idx')
  @Column({ type: 'bigint' })
  requestId: string;

  /** SHA-256 of the mapped record: equal means nothing to do. */
  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ type: 'timestamptz' })
  importedAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @References(() => ServiceRequest, 'request_id')
  private readonly requestRef?: unknown;
}
