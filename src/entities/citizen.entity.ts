import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('citizen')
export class Citizen {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  // Normalised (see domain/phone.ts); one citizen per phone number.
  @Index('citizen_phone_key', { unique: true, where: 'phone IS NOT NULL' })
  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
