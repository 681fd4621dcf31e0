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

/** Runs an entry point's main; a start-up failure prints its reason and exits 1. */
export function runEntryPoint(main: () => Promise<void>): void {
  main().catch((err: Error) => {
    process.stderr.write(`cannot start: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
}
