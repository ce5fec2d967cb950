/**
 * The server as a child process for bench/api.ts, bench/durability.ts and the durability test, so the
 * load generator never shares its event loop. Usage:
 *   node --import tsx bench/api-server.ts --db <location> [--port N] [--dist]
 * `--dist` runs the built dist/main/server.js instead of the sources. Prints one JSON line
 * `{"url", "setupToken"}` once listening; stops on SIGTERM (and dies on SIGKILL, which is the point).
 */
import { parseArgs } from 'node:util';

interface ServerModule {
  serveUntilStopped: typeof import('../src/main/server.js').serveUntilStopped;
}

const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, dist: { type: 'boolean', default: false } } });
if (values.db === undefined) throw new Error('--db is required');
const module = (await import(values.dist ? '../dist/main/server.js' : '../src/main/server.js')) as ServerModule;
let setupToken: string | null = null;
await module.serveUntilStopped({
  db: values.db,
  port: Number(values.port),
  host: '127.0.0.1',
  log: (line) => {
    // startServer logs the URL first, then (on the first run only) the token on its own line.
    const token = /^\s+(stw_setup_\S+)$/m.exec(line)?.[1];
    if (token !== undefined) setupToken = token;
    const url = /serving (http:\/\/\S+)/.exec(line)?.[1];
    if (url !== undefined) queueMicrotask(() => { process.stdout.write(`${JSON.stringify({ url: url.replace('localhost', '127.0.0.1'), setupToken })}\n`); });
  },
});
