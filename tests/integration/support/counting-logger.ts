import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';

/** Collects the SQL a DataSource runs, so that a test can count round trips. */
export class CountingLogger extends AbstractLogger {
  queries: string[] = [];
  protected writeLog(_level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const m of Array.isArray(message) ? message : [message]) if (m.type === 'query') this.queries.push(String(m.message));
  }
}
