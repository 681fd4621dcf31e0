import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row: a counter that triggers on department, category and region raise with every statement that changes
 * them (migration ReferenceVersion). Each authenticated request reads it with the actor, so a process can keep the
 * reference trees in memory and know, without another query, whether its copy is still current.
 */
@Entity('reference_version')
@Check('reference_version_single_row', '"id" = 1')
export class ReferenceVersion {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ type: 'bigint', default: 1 })
  version: string;
}
