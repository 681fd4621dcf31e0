import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../domain/enums';
import { References } from './references';
import { Department } from './department.entity';

@Entity('staff')
@Index('staff_department_idx', ['departmentId'])
export class Staff {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'role', array: true })
  roles: Role[];

  // Set for liaisons: they work the assignments of this department and its sub-departments.
  @Column({ type: 'bigint', nullable: true })
  departmentId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  // Demo accounts are refused in production (DESIGN.md §9).
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  // Foreign keys (never loaded; see references.ts).
  @References(() => Department, 'department_id', true)
  private readonly departmentRef?: unknown;
}
