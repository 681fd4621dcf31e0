import { Column, PrimaryColumn } from 'typeorm';

/** The local day and the counters of DESIGN.md §7, shared by `kpi_rollup` and its coarser tables. */
export abstract class KpiCounterColumns {
  @PrimaryColumn({ type: 'date' }) day: string;

  @Column({ type: 'int', default: 0 }) received: number;
  @Column({ type: 'int', default: 0 }) resolvedAtIntake: number;
  @Column({ type: 'int', default: 0 }) closed: number;
  @Column({ type: 'int', default: 0 }) reopened: number;
  @Column({ type: 'int', default: 0 }) dispatched: number;
  @Column({ type: 'int', default: 0 }) acceptedOnTime: number;
  @Column({ type: 'int', default: 0 }) returned: number;
  @Column({ type: 'int', default: 0 }) replied: number;
  @Column({ type: 'int', default: 0 }) repliedOnTime: number;
  @Column({ type: 'int', default: 0 }) overdueOpen: number;
  @Column({ type: 'int', default: 0 }) followedUp: number;
  @Column({ type: 'int', default: 0 }) satisfied: number;
  @Column({ type: 'int', default: 0 }) dissatisfied: number;
  @Column({ type: 'int', default: 0 }) resolved: number;
}
