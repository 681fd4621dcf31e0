import os from 'node:os';
import { Client } from 'pg';

/** The machine a run measured: numbers mean little without it. */
export async function describeMachine(db: Client): Promise<Record<string, unknown>> {
  const pg = (await db.query(`SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm,
    current_setting('max_connections') AS mc, current_setting('max_wal_size') AS mw`)).rows[0];
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, ramGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`, node: process.version, postgres: pg.v,
    postgresSettings: { shared_buffers: pg.sb, work_mem: pg.wm, max_connections: pg.mc, max_wal_size: pg.mw },
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
