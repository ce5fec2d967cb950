import { backlogExporters } from '../adapters/exporters/backlog/registry.js';
import { reportExporters } from '../adapters/exporters/report/registry.js';
import { describeLocation, openPersistence } from '../adapters/persistence/open.js';
import { createArgon2Hasher } from '../adapters/passwords/argon2.js';
import type { Persistence } from '../core/persistence/port.js';
import { VERSION } from '../cli/program.js';
import { buildServer } from '../server/app.js';
import { DEFAULT_SERVER_CONFIG } from '../server/context.js';
import type { ServerConfig, ServerContext } from '../server/context.js';
import { SERVER_ROUTES } from '../server/routes/index.js';
import { issueSetupToken } from '../services/org/accounts.js';
import { heatmapBytes } from '../services/org/views.js';
import { createModelSource } from '../services/org/models.js';
import { builtinModelSource } from './builtin-model.js';
import { readWebAssets } from './web-assets.js';

export interface ServeOptions {
  /** `sqlite:PATH` or a PostgreSQL URL. */
  readonly db: string;
  readonly port: number;
  readonly host: string;
  /** Seed the demo organisation when the database has no team yet. */
  readonly demo?: boolean;
  readonly config?: Partial<ServerConfig>;
  readonly log?: (line: string) => void;
  readonly logRequests?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly setupToken: string | null;
  close(): Promise<void>;
}

/** Everything the server needs, wired to the real adapters. */
export function serverContext(store: Persistence, config: Partial<ServerConfig> = {}): ServerContext {
  return {
    store,
    clock: { now: () => new Date() },
    models: createModelSource(builtinModelSource()),
    passwords: createArgon2Hasher(),
    config: { ...DEFAULT_SERVER_CONFIG, ...config },
    backlogExporters,
    reportExporters,
    readWorkbook: async (bytes, read) => (await import('../adapters/workbook/index.js')).readWorkbook(bytes, read),
    version: VERSION,
  };
}

/** Opens the database (running migrations), starts listening and prints the URL and, on first run, the setup token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const store = await openPersistence(options.db);
  const context = { ...serverContext(store, options.config), webAssets: readWebAssets() };
  const app = buildServer(context, { routes: SERVER_ROUTES, logger: options.logRequests === true ? { level: 'info' } : { level: 'warn' } });
  if (options.demo === true) await seedDemo(context, log);
  const setupToken = await issueSetupToken(store, context.clock.now());
  const address = await app.listen({ port: options.port, host: options.host });
  const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  log(`Stepwise ${VERSION} serving ${url} (database: ${describeLocation(options.db)})`);
  if (setupToken !== null) log(`First run: open ${url} and set up the admin with this one-time token:\n  ${setupToken}`);
  let closing: Promise<void> | undefined;
  warmScoreCache(context, log, () => closing !== undefined);
  const close = (): Promise<void> => (closing ??= app.close().then(() => store.close()));
  return { url, setupToken, close };
}

/**
 * Fills the score cache in the background, so the first heatmap after a start (or a model change)
 * does not wait for every team to be scored. Requests are served meanwhile.
 */
function warmScoreCache(context: ServerContext, log: (line: string) => void, stopping: () => boolean): void {
  const started = Date.now();
  heatmapBytes(context.store, context.models, 'all', {}, context.clock.now()).then(
    () => {
      if (Date.now() - started > 1000) log(`Scores of every team cached in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    (error: unknown) => {
      if (!stopping()) log(`Could not cache the scores ahead (they are computed on first use): ${error instanceof Error ? error.message : String(error)}`);
    },
  );
}

async function seedDemo(context: ServerContext, log: (line: string) => void): Promise<void> {
  const { seedDemoOrganisation } = await import('../services/org/demo-seed.js');
  const seeded = await seedDemoOrganisation(context.store, context.models, new Date().toISOString().slice(0, 10));
  if (seeded > 0) log(`Seeded the demo organisation: ${seeded} teams`);
}

/** Runs until SIGTERM or SIGINT, then stops accepting requests, finishes those in flight and closes the database. */
export async function serveUntilStopped(options: ServeOptions): Promise<void> {
  const server = await startServer(options);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
