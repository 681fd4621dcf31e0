import pino, { DestinationStream, Logger } from 'pino';
import { Config } from '../config';
import { LOG_REDACTION } from '../observability/log-redaction';

/**
 * JSON lines on stdout (pino): cheap enough for the hot path, and every log system reads them. Known paths of
 * personal data and secrets are redacted (src/observability/log-redaction.ts); tests pass a destination to
 * read the lines back.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string, destination?: DestinationStream): Logger {
  const options = { name, level: config.logLevel, redact: LOG_REDACTION };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
