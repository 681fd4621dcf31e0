import { Column, Entity, PrimaryColumn } from 'typeorm';

// Exceptions to "Monday–Friday are working days": holidays and adjusted working days (调休).
@Entity('calendar_day')
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'boolean' })
  workday: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  note: string | null;
}
