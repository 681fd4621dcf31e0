import { once } from 'node:events';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// Rows go to PostgreSQL through COPY … FROM STDIN (text format), one connection and one COPY per table, so
// that the tables load in parallel server processes while this process generates. Lines are buffered and
// written in chunks; a full socket buffer makes the generator wait (backpressure), so memory stays flat
// whatever the number of rows.

const FLUSH_BYTES = 1 << 20;

export type CopyValue = string | number | boolean | null | undefined;

/** COPY text format: \N for NULL, backslash escapes for the few characters that would break a line. */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** Milliseconds as a timestamptz literal PostgreSQL reads without a time-zone lookup. */
export const ts = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export class CopySink {
  private buffer: string[] = [];
  private bytes = 0;
  private stream: ReturnType<typeof copyFrom> | null = null;
  rows = 0;

  constructor(private readonly client: Client, readonly table: string, readonly columns: string[]) {}

  async open(): Promise<void> {
    this.stream = this.client.query(copyFrom(`COPY ${this.table} (${this.columns.join(', ')}) FROM STDIN`));
  }

  /** Appends one row; values in the order of `columns`. */
  push(values: CopyValue[]): void {
    const line = values.map(copyField).join('\t') + '\n';
    this.buffer.push(line);
    this.bytes += line.length * 3; // upper bound of UTF-8 bytes; only used to decide when to flush
    this.rows++;
  }

  get pendingBytes(): number {
    return this.bytes;
  }

  /** Writes what is buffered; resolves when the socket can take more. */
  async flush(): Promise<void> {
    if (!this.buffer.length || !this.stream) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bytes = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async flushIfFull(): Promise<void> {
    if (this.bytes >= FLUSH_BYTES) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    const stream = this.stream!;
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    stream.end();
    await done;
  }
}
