import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';

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

/** How a console error is recorded: its text (the default), or null to leave it out. */
export type ConsoleErrorText = (message: ConsoleMessage) => string | null;

/** Records console errors, page errors, dialogs (dismissed) and requests of a page. */
export function watchPage(page: Page, errorText: ConsoleErrorText = (message) => message.text()): PageWatch {
  const watch: PageWatch = { errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => {
    const text = message.type() === 'error' ? errorText(message) : null;
    if (text !== null) watch.errors.push(text);
  });
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => watch.requests.push(request.url()));
  return watch;
}

/** Collects the CSP violations of every document the page loads (a page's own variables reset on navigation). */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { reportCspViolation: (text: string) => Promise<void> }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}
