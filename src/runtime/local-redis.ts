import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { choosePort, commandLineOf, findOnPath, isAlive, waitForExit } from './processes';
import { StartupError } from './entry-point';

// No Redis ships on npm, so without REDIS_URL `npm start` runs the redis-server it finds on PATH
// (DESIGN.md §9). It keeps nothing on disk: BullMQ's queues are rebuilt from the database's outbox.

export const REDIS_INSTALL_HINT =
  'Redis is needed: set REDIS_URL to a Redis server, or install Redis so that `redis-server` is on PATH ' +
  '(Debian/Ubuntu: apt-get install redis-server; Fedora: dnf install redis; macOS: brew install redis).';

export interface LocalRedisOptions {
  /** The app's data directory; Redis works in `<dataDir>/redis`. */
  dataDir: string;
  /** 0 = any free port. */
  port: number;
  log: Logger;
}

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Answers true once a Redis on this port replies to PING. */
function pings(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => { socket.destroy(); done(ok); };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

// A redis-server left behind by a run that crashed: ours (same pid file), so end it before starting anew.
async function stopLeftover(pidFile: string, log: Logger): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  if (!(pid > 0) || !isAlive(pid) || !commandLineOf(pid).includes('redis-server')) return;
  log.warn({ redisPid: pid }, 'stopping a redis-server left running by an earlier start');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}

export async function startLocalRedis(opts: LocalRedisOptions): Promise<LocalRedis> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new StartupError(REDIS_INSTALL_HINT);
  const dir = resolve(opts.dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  await stopLeftover(pidFile, opts.log);
  const port = await choosePort(opts.port, 'the local Redis', 'EMBEDDED_REDIS_PORT');

  // detached: its own process group, so Ctrl-C reaches only Node, which stops Redis after the workers.
  const child = spawn(binary, [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
    '--pidfile', pidFile, '--logfile', join(dir, 'redis.log'), '--daemonize', 'no',
  ], { detached: true, stdio: 'ignore' });
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);

  for (let waited = 0; !(await pings(port)); waited += 100) {
    if (child.exitCode !== null || waited > 10_000) {
      process.removeListener('exit', onExit);
      child.kill('SIGKILL');
      throw new StartupError(`redis-server did not start on port ${port}; see ${join(dir, 'redis.log')}`);
    }
    await sleep(100);
  }
  opts.log.info({ port, redisPid: child.pid }, 'local redis-server is running');

  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      process.removeListener('exit', onExit);
      child.kill('SIGTERM');
      await waitForExit(child, 5000);
      opts.log.info('local redis-server stopped');
    },
  };
}
