import type { Logger } from 'pino';

export interface PollLoop {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `everyMs` on a plain timer, with no Redis involved: the outbox relay must keep trying
 * while Redis is away. After a failure it waits twice as long each time (up to `maxBackoffMs`) and logs the
 * first failure and the recovery, not every attempt.
 */
export function startPollLoop(o: { name: string; everyMs: number; maxBackoffMs: number; log: Logger; task: () => Promise<unknown> }): PollLoop {
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const schedule = () => {
    if (stopped) return;
    const delay = failures === 0 ? o.everyMs : Math.min(o.maxBackoffMs, o.everyMs * 2 ** failures);
    timer = setTimeout(() => { running = tick(); }, delay);
  };
  const tick = async () => {
    try {
      await o.task();
      if (failures > 0) o.log.info({ loop: o.name, failures }, `${o.name}: working again`);
      failures = 0;
    } catch (err) {
      if (failures === 0) o.log.warn({ err, loop: o.name }, `${o.name} failed; retrying with backoff`);
      failures++;
    }
    schedule();
  };

  running = tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
