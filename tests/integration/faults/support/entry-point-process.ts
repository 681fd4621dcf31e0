import { ChildProcess, spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { resolve } from 'node:path';
import { waitFor } from './polling';

// The real entry point (`npm start`'s `node -r @swc-node/register src/main.ts`) as a child process, so that a
// test can send it signals and watch it exit. It prints its GraphQL address in the start-up banner.

const ROOT = resolve(__dirname, '../../../..');

export interface EntryPointProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything it wrote, for failure messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once it has exited. */
  exited: Promise<number | string>;
}

export async function spawnEntryPoint(env: Record<string, string>, startTimeoutMs = 60_000): Promise<EntryPointProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  let hasExited = false;
  void exited.then(() => { hasExited = true; });

  const banner = await waitFor(() => /GraphQL\s+(http:\/\/\S+\/graphql)/.exec(out), (m) => m !== null || hasExited, startTimeoutMs, 100);
  if (!banner) {
    child.kill('SIGKILL');
    throw new Error(`the entry point did not start:\n${out.slice(-3000)}`);
  }
  const url = banner[1];
  return { child, url, port: Number(new URL(url).port), output: () => out, exited };
}

/** Whether a new TCP connection to the port is accepted right now. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (accepted: boolean) => { socket.destroy(); done(accepted); };
    socket.setTimeout(1_000, () => finish(true)); // neither accepted nor refused: the listener is still there
    socket.once('error', () => finish(false));
    socket.connect(port, '127.0.0.1', () => finish(true));
  });
}
