/**
 * Runs bench/api-server.ts as a child process and talks to it over HTTP: start, wait until it
 * listens, sign in (creating the admin with the setup token on first run), stop or kill -9.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(import.meta.dirname, '..');
export const ADMIN = { username: 'admin', password: 'correct horse battery staple 1' } as const;

export interface ServerProcess {
  readonly url: string;
  /** The one-time setup token, printed while the database has no user. */
  readonly setupToken: string | null;
  readonly child: ChildProcess;
  /** SIGKILL, then wait for the process to be gone. */
  kill(): Promise<void>;
  /** SIGTERM (finishes requests in flight, closes the database), then wait. */
  stop(): Promise<void>;
}

export interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
}

/**
 * Uses the built server when dist/ is at least as new as every file under src/ (so a stale build
 * never hides a change), else the sources through tsx. STEPWISE_BENCH_SERVER=dist|src forces one.
 */
export function useDist(): boolean {
  const forced = process.env['STEPWISE_BENCH_SERVER'];
  if (forced === 'dist' || forced === 'src') return forced === 'dist';
  return existsSync(join(ROOT, 'dist', 'main', 'server.js')) && newestMtime(join(ROOT, 'src')) <= newestMtime(join(ROOT, 'dist'));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Starts the server on `db` (`sqlite:PATH` or a PostgreSQL URL) and resolves once it listens. */
export async function startServerProcess(db: string, port = 0, dist = useDist()): Promise<ServerProcess> {
  const args = ['--import', 'tsx', join(ROOT, 'bench', 'api-server.ts'), '--db', db, '--port', String(port), ...(dist ? ['--dist'] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  const ready = await firstLine(child, exited, stderr);
  const gone = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { ...ready, child, kill: () => gone('SIGKILL'), stop: () => gone('SIGTERM') };
}

async function firstLine(child: ChildProcess, exited: Promise<void>, stderr: string[]): Promise<{ url: string; setupToken: string | null }> {
  const lines = createInterface({ input: child.stdout! });
  const ready = await Promise.race([
    new Promise<{ url: string; setupToken: string | null }>((resolve) => {
      lines.on('line', (line) => {
        const parsed = readyLine(line);
        if (parsed !== undefined) resolve(parsed);
      });
    }),
    exited.then(() => {
      throw new Error(`the server exited before listening: ${stderr.join('').trim()}`);
    }),
  ]);
  lines.close();
  // Keep draining stdout so a chatty server never blocks on a full pipe.
  child.stdout!.resume();
  return ready;
}

/** The `{url, setupToken}` line of bench/api-server.ts (the server's own log lines are skipped). */
function readyLine(line: string): { url: string; setupToken: string | null } | undefined {
  if (!line.startsWith('{"url"')) return undefined;
  return JSON.parse(line) as { url: string; setupToken: string | null };
}

/** A TCP port nobody listens on right now (for a server that restarts on the same address). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0); });
    });
  });
}

/** Creates the admin with the setup token (when given) and signs in. */
export async function signInAdmin(url: string, setupToken: string | null): Promise<Session> {
  if (setupToken !== null) {
    const setup = await post(url, '/api/v1/setup', { token: setupToken, username: ADMIN.username, displayName: 'Admin', password: ADMIN.password });
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  }
  const response = await post(url, '/api/v1/session', ADMIN);
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = /stepwise_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (cookie === undefined) throw new Error('sign-in set no session cookie');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

function post(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Headers of a signed-in change: the session cookie and the CSRF token. */
export function sessionHeaders(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}
