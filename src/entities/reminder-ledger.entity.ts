import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ReminderSubject { ASSIGNMENT = 'ASSIGNMENT', REQUEST = 'REQUEST' }

/**
 * Every reminder that has fired, once per (subject, kind, deadline). The unique key is what makes a
 * reminder fire exactly once however often the scan runs; the deadline in the key is what re-arms the
 * reminders when an extension moves it.
 */
@Entity('reminder_ledger')
@Index('reminder_ledger_key', ['subjectType', 'subjectId', 'kind', 'deadline'], { unique: true })
export class ReminderLedger {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  subjectType: ReminderSubject;

  @Column({ type: 'bigint' })
  subjectId: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'timestamptz' })
  firedAt: Date;
}
