import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium; playwright cannot download its own browser here (DESIGN.md §5). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why browser tests cannot run on this machine, or null when they can. */
export function browserSkipReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;
}

/** Headless Chromium with everything that phones home switched off, so any request a page makes is its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page did while it was open: console errors, uncaught errors, dialogs and every request it made. */
export interface PageWatch {
  readonly errors: string[];
  readonly dialogs: string[];
  readonly requests: string[];
}

/** Records console errors, page errors, dialogs (dismissed) and requests of a page. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => watch.requests.push(request.url()));
  return watch;
}
