import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { stop } from './failure.js';

const DEFAULT_DB = 'sqlite:stepwise.db';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) stop('usage', `--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

function parseDatabase(text: string): string {
  if (/^postgres(ql)?:\/\//.test(text) || text.startsWith('sqlite:')) return text;
  stop('usage', `--db must be sqlite:PATH or a postgres:// URL, not "${text.replace(/:[^:@/]*@/, ':***@')}"`);
}

const START_PROBLEMS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is already in use: stop the other program or pass --port',
  EACCES: 'no permission to listen there: use a port above 1023 or another --host',
  EADDRNOTAVAIL: 'this machine has no such address: check --host',
};

/** Starts the server; a port in use or a database that cannot be opened is a one-line error, not a crash. */
async function startServing(context: CliContext, request: Parameters<CliContext['serve']>[0]): Promise<void> {
  try {
    await context.serve(request);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? undefined : START_PROBLEMS[code];
    stop('invalid-input', `could not start the server on ${request.host}:${request.port}: ${reason ?? error.message.split('\n')[0] ?? 'unknown error'}`);
  }
}

/** `stepwise serve`: the multi-user server (API under /api/v1) on SQLite or PostgreSQL. */
export function registerServe(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('run the multi-user server: API under /api/v1, SQLite file by default, PostgreSQL by URL')
    .option('--db <url>', 'sqlite:PATH or postgres://user@host:5432/db (env STEPWISE_DB)', process.env['STEPWISE_DB'] ?? DEFAULT_DB)
    .option('--port <n>', 'port to listen on (env PORT)', process.env['PORT'] ?? '3000')
    .option('--host <host>', 'address to listen on; 0.0.0.0 for every interface', '127.0.0.1')
    .option('--demo', 'seed the demo organisation when the database has no team yet', false)
    .option('--trust-proxy', 'trust X-Forwarded-* headers from a reverse proxy (client address, HTTPS)', false)
    .option('--log-requests', 'log every request as JSON lines on stdout', false)
    .addHelpText('after', '\nExample:\n  stepwise serve --db postgres://stepwise@db.internal:5432/stepwise --host 0.0.0.0 --port 8080\n')
    .action(async (options: { db: string; port: string; host: string; demo: boolean; trustProxy: boolean; logRequests: boolean }) => {
      await startServing(context, {
        db: parseDatabase(options.db),
        port: parsePort(options.port),
        host: options.host,
        demo: options.demo,
        logRequests: options.logRequests,
        trustProxy: options.trustProxy,
      });
    });
}
