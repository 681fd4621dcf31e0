import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { Clock } from '../clock';
import { CalendarCache } from './calendar-cache';
import { ServiceContext } from './service-context';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected
const MAX_ATTEMPTS = 3;

/**
 * Opens the one transaction of a mutation at the edge (DESIGN.md §8) and hands services a context.
 * Deadlocks and serialization failures are retried: the work inside is all-or-nothing, so a retry is safe.
 */
export class UnitOfWork {
  constructor(
    readonly dataSource: DataSource,
    readonly clock: Clock,
    readonly timeZone: string,
    readonly calendars: CalendarCache,
  ) {}

  async run<T>(actor: Actor, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((em) => work(this.context(actor, em)));
      } catch (err) {
        const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw err;
      }
    }
  }

  /** Reads outside a transaction (queries): same context shape, the pool's manager. */
  read<T>(actor: Actor, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
    return work(this.context(actor, this.dataSource.manager));
  }

  private context(actor: Actor, em: ServiceContext['em']): ServiceContext {
    return {
      actor,
      em,
      now: this.clock.now(),
      timeZone: this.timeZone,
      calendar: () => this.calendars.get(em),
    };
  }
}
