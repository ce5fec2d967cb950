import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Session } from '../../bench/api-process.js';
import { startServer } from '../../src/main/server.js';
import type { RunningServer } from '../../src/main/server.js';
import { WEB_DIR } from '../../src/main/web-assets.js';
import { browserSkipReason } from './browser.js';

/**
 * What the browser tests of the built UI share: a real server on a temp SQLite database, API sessions,
 * signed-in browser contexts and screenshots in test/browser/artifacts/.
 */

/** Where the browser tests keep their screenshots, for a person to look at. */
export const ARTIFACTS = join(import.meta.dirname, '..', 'browser', 'artifacts');

/** Why the UI tests cannot run here (no Chromium, or no built UI), or null when they can; warns once when skipping. */
export function uiSkipReason(): string | null {
  const browser = browserSkipReason();
  const reason = browser ?? (existsSync(join(WEB_DIR, 'index.html')) ? null : `web UI tests skipped: ${WEB_DIR}index.html is missing (run \`npx tsc -p tsconfig.build.json && npx vite build\` first)`);
  if (reason !== null) console.warn(reason);
  return reason;
}

/** A running server on its own temp database, with what it printed. */
export interface UiServer {
  readonly server: RunningServer;
  readonly url: string;
  /** The temp folder holding the database; removed by `close`, so a test may keep other files there. */
  readonly folder: string;
  readonly db: string;
  readonly printed: string[];
  /** Stops the server and removes its database folder. */
  readonly close: () => Promise<void>;
}

/** Options of {@link startUiServer}: the temp folder's name, the demo organisation, a seeding step before start. */
export interface UiServerOptions {
  readonly name: string;
  readonly demo?: boolean;
  readonly seed?: (db: string) => Promise<void>;
}

/** Starts `stepwise serve` on 127.0.0.1 (free port) over a fresh SQLite database; creates the artifacts folder. */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const folder = mkdtempSync(join(tmpdir(), `stepwise-${options.name}-`));
  const db = `sqlite:${join(folder, 'stepwise.db')}`;
  await options.seed?.(db);
  const printed: string[] = [];
  const server = await startServer({ db, port: 0, host: '127.0.0.1', ...(options.demo === true ? { demo: true } : {}), log: (line) => printed.push(line) });
  const close = async (): Promise<void> => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  };
  return { server, url: server.url, folder, db, printed, close };
}

/** The one-time setup token the server printed at start, or '' when it printed none. */
export function printedSetupToken(printed: readonly string[]): string {
  return printed.join('\n').match(/one-time token:\s+(\S+)/)?.[1] ?? '';
}

/** Signs a user in through the API; throws when refused. */
export async function signInApi(url: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  const cookie = /stepwise_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** A request with a session (cookie, CSRF header), a JSON body and If-Match (a number is quoted as an ETag). */
export function sendAs(url: string, session: Session, method: string, path: string, body?: unknown, ifMatch?: number | string): Promise<Response> {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch !== undefined) headers['if-match'] = typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch;
  return fetch(`${url}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
}

/** Options of {@link openContext}: viewport width (height 900) and whether downloads are kept. */
export interface ContextOptions {
  readonly width?: number;
  readonly acceptDownloads?: boolean;
}

/** A browser context at 1280×900 (or the width given), signed in with the session's cookie when one is given. */
export async function openContext(browser: Browser, url: string, session: Session | null, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, ...(options.acceptDownloads === true ? { acceptDownloads: true } : {}) });
  if (session !== null) {
    const [name = '', value = ''] = session.cookie.split('=');
    await context.addCookies([{ name, value, url }]);
  }
  return context;
}

/** Saves a screenshot as test/browser/artifacts/<name>.png (the whole page unless told). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** `rgb(r, g, b)` as `#rrggbb`. */
export function hexOf(rgb: string): string {
  const channels = /rgba?\((\d+), (\d+), (\d+)/.exec(rgb)?.slice(1) ?? [];
  return `#${channels.map((channel) => Number(channel).toString(16).padStart(2, '0')).join('')}`;
}
