import { Config, loadConfig } from '../config';

/** The configuration, or a one-line reason on stderr and exit code 1 (e.g. production without TOKEN_SECRET). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

/** A condition the person starting the program can fix (a missing program, a busy port): said in one line. */
export class StartupError extends Error {
  name = 'StartupError';
}

/** Runs an entry point's main; a start-up failure prints its reason (a stack only for bugs) and exits 1. */
export function runEntryPoint(main: () => Promise<void>): void {
  main().catch((err: Error) => {
    process.stderr.write(`cannot start: ${err instanceof StartupError ? err.message : (err.stack ?? err.message)}\n`);
    process.exit(1);
  });
}
