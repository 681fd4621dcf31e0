import pino, { Logger } from 'pino';
import { Config } from '../config';

/** JSON lines on stdout (pino): cheap enough for the hot path, and every log system reads them. */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string): Logger {
  return pino({ name, level: config.logLevel });
}

export type { Logger };
