import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RequestType, SlaUnit, Urgency } from '../domain/enums';

@Entity('sla_policy')
export class SlaPolicy {
  @PrimaryColumn({ type: 'enum', enum: RequestType, enumName: 'request_type' })
  requestType: RequestType;

  @PrimaryColumn({ type: 'enum', enum: Urgency, enumName: 'urgency' })
  urgency: Urgency;

  @Column({ type: 'int' }) acceptAmount: number;
  @Column({ type: 'enum', enum: SlaUnit, enumName: 'sla_unit' }) acceptUnit: SlaUnit;
  @Column({ type: 'int' }) replyAmount: number;
  @Column({ type: 'enum', enum: SlaUnit, enumName: 'sla_unit' }) replyUnit: SlaUnit;
  @Column({ type: 'int' }) followUpAmount: number;
  @Column({ type: 'enum', enum: SlaUnit, enumName: 'sla_unit' }) followUpUnit: SlaUnit;
  @Column({ type: 'int' }) warnBeforeAmount: number;
  @Column({ type: 'enum', enum: SlaUnit, enumName: 'sla_unit' }) warnBeforeUnit: SlaUnit;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'bigint', nullable: true })
  updatedById: string | null;
}
