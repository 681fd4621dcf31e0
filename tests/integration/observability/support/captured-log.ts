import { createLogger, Logger } from '../../../../src/runtime/logger';

// The API's own logger (same redaction, same format) writing to memory instead of stdout, so a test can read
// the lines the server would have shipped.

export interface CapturedLog {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines(): Record<string, any>[];
  /** Everything written so far, as written: what a log store would hold. */
  text(): string;
}

export function captureLog(): CapturedLog {
  const written: string[] = [];
  const logger = createLogger({ logLevel: 'debug' }, 'hotline-api', { write: (line: string) => { written.push(line); } });
  return {
    logger,
    lines: () => written.map((l) => JSON.parse(l)),
    text: () => written.join(''),
  };
}
