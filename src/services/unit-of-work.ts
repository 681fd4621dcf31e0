import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { Clock } from '../clock';
import { CalendarCache } from './calendar-cache';
import { ReferenceCache, ReferenceSnapshot } from './reference-cache';
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
    readonly references: ReferenceCache = new ReferenceCache(dataSource),
  ) {}

  /**
   * `referenceVersion`: the reference version the caller has already read (GraphQL requests read it with the actor).
   * The reference trees are taken before the transaction opens: a load must not wait for a pool connection while
   * this transaction holds one, nor see what this transaction changes.
   */
  async run<T>(actor: Actor, work: (ctx: ServiceContext) => Promise<T>, referenceVersion?: string | null): Promise<T> {
    const reference = await this.references.snapshot(referenceVersion);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((em) => work(this.context(actor, em, async () => reference)));
      } catch (err) {
        const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw err;
      }
    }
  }

  /** Reads outside a transaction (queries): same context shape, the pool's manager. */
  read<T>(actor: Actor, work: (ctx: ServiceContext) => Promise<T>, referenceVersion?: string | null): Promise<T> {
    let reference: Promise<ReferenceSnapshot> | undefined;
    return work(this.context(actor, this.dataSource.manager, () => (reference ??= this.references.snapshot(referenceVersion))));
  }

  private context(actor: Actor, em: ServiceContext['em'], reference: () => Promise<ReferenceSnapshot>): ServiceContext {
    return {
      actor,
      em,
      now: this.clock.now(),
      timeZone: this.timeZone,
      calendar: () => this.calendars.get(em),
      reference,
    };
  }
}
