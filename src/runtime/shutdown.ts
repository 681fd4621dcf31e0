import type { Logger } from 'pino';

interface Closer { name: string; close: () => Promise<unknown> }

/**
 * Everything started at boot registers how to stop it; shutdown stops them in reverse order, so the HTTP
 * server stops taking requests before the workers, connections and finally the databases go away.
 */
export class Shutdown {
  private readonly closers: Closer[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly log: Logger, private readonly timeoutMs = 30_000) {}

  add(name: string, close: () => Promise<unknown>): void {
    this.closers.push({ name, close });
  }

  /** Runs every closer once, last registered first; one that fails is logged and the rest still run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const closer of [...this.closers].reverse()) {
        try {
          await closer.close();
        } catch (err) {
          this.log.error({ err }, `could not stop ${closer.name}`);
        }
      }
    })();
    return this.running;
  }

  /**
   * SIGINT/SIGTERM shut down in order, then exit; a second signal, or a shutdown that hangs, exits at once.
   * Under `npm start` a Ctrl-C arrives twice (from the terminal and forwarded by npm) within moments: a repeat
   * within a second is the same request, not the impatient second Ctrl-C.
   */
  exitOnSignals(): void {
    let firstAt = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.running) {
        if (Date.now() - firstAt < 1000) return;
        this.log.warn(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      firstAt = Date.now();
      this.log.info(`${signal}: shutting down`);
      setTimeout(() => {
        this.log.error(`shutdown did not finish within ${this.timeoutMs / 1000} s; exiting`);
        process.exit(1);
      }, this.timeoutMs).unref();
      void this.run().then(() => process.exit(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}
