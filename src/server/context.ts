import type { Persistence } from '../core/persistence/port.js';
import type { BacklogExporter, ReportExporter, WorkbookReader } from '../core/ports.js';
import type { PasswordHasher } from '../services/org/accounts.js';
import type { ModelSource } from '../services/org/models.js';

/** Settings of one server instance (docs/server.md lists them). */
export interface ServerConfig {
  /** Sessions end after this long without a request. */
  readonly sessionIdleMinutes: number;
  /** Sessions end this long after sign-in, whatever happens. */
  readonly sessionAbsoluteHours: number;
  /** `auto`: Secure cookies when the request came over HTTPS (directly or through a trusted proxy). */
  readonly secureCookies: 'auto' | boolean;
  /** Failed sign-ins allowed per account and per address within the window before refusing with 429. */
  readonly loginFailuresPerAccount: number;
  readonly loginFailuresPerAddress: number;
  readonly loginWindowMinutes: number;
  /** Trust X-Forwarded-* from a reverse proxy. */
  readonly trustProxy: boolean;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  sessionIdleMinutes: 120,
  sessionAbsoluteHours: 12,
  secureCookies: 'auto',
  loginFailuresPerAccount: 5,
  loginFailuresPerAddress: 30,
  loginWindowMinutes: 15,
  trustProxy: false,
};

export interface ServerClock {
  now(): Date;
}

/** One file of the built web UI, held in memory (read once at start by main). */
export interface WebAsset {
  readonly body: Uint8Array;
  readonly mediaType: string;
}

/** Everything route handlers reach: chosen by the composition root in src/main. */
export interface ServerContext {
  readonly store: Persistence;
  readonly clock: ServerClock;
  readonly models: ModelSource;
  readonly passwords: PasswordHasher;
  readonly config: ServerConfig;
  readonly backlogExporters: ReadonlyMap<string, BacklogExporter>;
  readonly reportExporters: ReadonlyMap<string, ReportExporter>;
  readonly readWorkbook: WorkbookReader;
  readonly version: string;
  /** The built web UI by URL path (`/index.html`, `/assets/…`); absent when dist/web was not built. */
  readonly webAssets?: ReadonlyMap<string, WebAsset>;
}
