import { JoinColumn, ManyToOne, ObjectType } from 'typeorm';

/**
 * Declares a foreign key on an existing `xxxId` column without making callers load relations:
 * entities expose plain ids; this relation exists only so that the database enforces integrity
 * and `migration:generate` knows about the constraint.
 */
export function References<T>(target: () => ObjectType<T>, column: string, nullable = false): PropertyDecorator {
  return (proto, property) => {
    ManyToOne(target, { nullable, onDelete: 'RESTRICT', lazy: false, eager: false })(proto, property);
    JoinColumn({ name: column })(proto, property);
  };
}
