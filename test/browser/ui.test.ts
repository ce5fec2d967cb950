import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPersistence } from '../../src/adapters/persistence/open.js';
import { seedOrganisation } from '../../bench/api-seed.js';
import { signInAdmin } from '../../bench/api-process.js';
import { contrastRatio } from '../../src/charts/color.js';
import { launchChromium, watchCsp, watchPage } from '../support/browser.js';
import type { PageWatch } from '../support/browser.js';
import { hexOf, openContext, printedSetupToken, screenshot, startUiServer, uiSkipReason } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

/**
 * The web UI end to end: a real `stepwise serve` (temp SQLite, demo organisation) serving the BUILT
 * UI from dist/web, driven in Chromium. Screenshots go to test/browser/artifacts/ for a person to look at.
 */

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery staple 1' } as const;
const NEW_PASSWORD = 'violet-harbour-compass-77';

const reason = uiSkipReason();

interface HeatmapJson {
  domains: { id: string; name: string }[];
  cellFields: string[];
  teams: { id: string; name: string; group: string | null; cells: unknown[][] }[];
}

/** Console errors are recorded with the resource they concern, after a tab. */
function watch(page: Page): PageWatch {
  return watchPage(page, (message) => `${message.text()}\t${message.location().url}`);
}

/** Console errors other than the 401s the app expects (Chromium logs every refused fetch). */
function unexpectedErrors(seen: PageWatch, url: string): string[] {
  const expected = new Set([`${url}/api/v1/session`, `${url}/api/v1/session/password`]);
  return seen.errors.filter((error) => !(error.includes('status of 401') && expected.has(error.split('\t').at(-1) ?? '')));
}

function levelsOf(json: HeatmapJson): Map<string, string> {
  const level = json.cellFields.indexOf('level');
  const state = json.cellFields.indexOf('state');
  const levels = new Map<string, string>();
  for (const team of json.teams) {
    team.cells.forEach((cell, index) => {
      const shown = cell[state] === 'unassessed' || cell[state] === 'n/a' || cell[level] === null ? '' : JSON.stringify(cell[level]);
      levels.set(`${team.id}/${json.domains[index]?.id ?? '?'}`, shown);
    });
  }
  return levels;
}

async function renderedRows(page: Page): Promise<string[]> {
  return page.$$eval('[data-team-row]', (rows) =>
    rows
      .map((row) => ({ id: row.getAttribute('data-team-row') ?? '', top: Number.parseFloat((row as HTMLElement).style.top) }))
      .sort((a, b) => a.top - b.top)
      .map((row) => row.id),
  );
}

describe.skipIf(reason !== null)('the web UI in Chromium (built UI, real server)', () => {
  let server: UiServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: PageWatch;
  let cspViolations: string[];
  let heatmap: HeatmapJson;

  beforeAll(async () => {
    server = await startUiServer({ name: 'ui', demo: true });
    browser = await launchChromium();
    context = await openContext(browser, server.url, null);
    page = await context.newPage();
    seen = watch(page);
    cspViolations = await watchCsp(page);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('S21 serves index.html for app addresses with the UI CSP, and hashed assets with a long cache', async () => {
    const root = await fetch(`${server.url}/teams/payments?domain=secrets`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(root.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(root.headers.get('cache-control')).toBe('no-store');
    expect(root.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await root.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const api = await fetch(`${server.url}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect((await fetch(`${server.url}/assets/missing-abc123.js`)).status).toBe(404);
  });

  it('first run: setup with the printed one-time token creates the admin and opens the dashboard', async () => {
    const token = printedSetupToken(server.printed);
    expect(token).not.toBe('');
    await page.goto(server.url);
    await page.waitForURL(`${server.url}/setup`);
    await page.getByLabel('Setup token').fill(token);
    await page.getByLabel('Admin username').fill(ADMIN.username);
    await page.getByLabel('Display name').fill(ADMIN.displayName);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await expect.poll(() => page.locator('.rules .met').count()).toBe(2);
    await screenshot(page, 'setup');
    await page.getByRole('button', { name: 'Create the admin and sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.locator('[data-team-row]').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Organisation dashboard');
    expect(await page.locator('nav[aria-label="Main"] a').allTextContents()).toEqual(['Dashboard', 'Teams', 'Backlog', 'Model', 'Admin']);
  });

  it('the heatmap shows every demo team with the levels of /api/v1/heatmap', async () => {
    heatmap = await page.evaluate(async () => (await fetch('/api/v1/heatmap')).json() as Promise<HeatmapJson>);
    expect(heatmap.teams.length).toBe(14);
    expect((await renderedRows(page)).sort()).toEqual(heatmap.teams.map((team) => team.id).sort());
    const cells = await page.$$eval('.hm-cell', (elements) => elements.map((element) => [`${element.getAttribute('data-team')}/${element.getAttribute('data-domain')}`, element.getAttribute('data-level'), element.querySelector('.hm-num')?.textContent ?? ''] as const));
    const expected = levelsOf(heatmap);
    expect(cells.length).toBe(expected.size);
    for (const [key, level, label] of cells) {
      expect(level, key).toBe(expected.get(key));
      if (level !== '') expect(label.replace('?', ''), key).toBe(level);
    }
    const names = await page.$$eval('.hm-colhead', (elements) => elements.map((element) => element.textContent));
    expect(names).toEqual(heatmap.domains.map((domain) => domain.name));
    expect(await page.locator('.hm-group-name').count()).toBe(new Set(heatmap.teams.map((team) => team.group)).size);
    await screenshot(page, 'dashboard');
  });

  it('WCAG AA: every coloured cell, swatch and bar segment keeps 4.5:1 between its number and its fill', async () => {
    const painted = await page.$$eval('.hm-cell, .swatch, .dist-part', (elements) =>
      elements
        .map((element) => ({ text: element.textContent.trim(), style: getComputedStyle(element) }))
        .filter((entry) => entry.text !== '' && entry.style.backgroundImage === 'none' && entry.style.backgroundColor !== 'rgba(0, 0, 0, 0)')
        .map((entry) => [entry.text, entry.style.color, entry.style.backgroundColor] as const),
    );
    expect(painted.length).toBeGreaterThan(140);
    const weak = painted.filter(([, color, background]) => contrastRatio(hexOf(color), hexOf(background)) < 4.5);
    expect(weak).toEqual([]);
  });

  it('the filter box narrows the rows to the teams whose name, id or group matches', async () => {
    await page.getByLabel('Filter teams').fill('platform');
    const expected = heatmap.teams.filter((team) => `${team.name} ${team.id} ${team.group ?? ''}`.toLowerCase().includes('platform')).map((team) => team.id);
    await expect.poll(async () => (await renderedRows(page)).sort()).toEqual(expected.sort());
    expect(expected.length).toBeLessThan(heatmap.teams.length);
    expect(await page.locator('#team-count').textContent()).toBe(`${expected.length} of ${heatmap.teams.length} teams`);
    await page.getByLabel('Filter teams').fill('');
    await expect.poll(async () => (await renderedRows(page)).length).toBe(heatmap.teams.length);
  });

  it('sorting by level puts the most mature teams first (ungrouped), and differs from the name order', async () => {
    await page.getByLabel('Group by team group').uncheck();
    const byName = await renderedRows(page);
    await page.getByLabel('Sort by').selectOption('level');
    const level = heatmap.cellFields.indexOf('level');
    const state = heatmap.cellFields.indexOf('state');
    const mean = (team: HeatmapJson['teams'][number]): number => {
      const levels = team.cells.filter((cell) => cell[state] !== 'unassessed' && cell[state] !== 'n/a' && typeof cell[level] === 'number').map((cell) => cell[level] as number);
      return levels.length === 0 ? -1 : levels.reduce((sum, value) => sum + value, 0) / levels.length;
    };
    const means = new Map(heatmap.teams.map((team) => [team.id, mean(team)]));
    await expect.poll(async () => (await renderedRows(page)).join(',')).not.toBe(byName.join(','));
    const sorted = await renderedRows(page);
    const values = sorted.map((id) => means.get(id) ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await screenshot(page, 'dashboard-by-level', false);
  });

  it('keyboard: arrows move the focused cell, Enter opens it', async () => {
    await page.locator('.hm-cell[tabindex="0"]').focus();
    const first = await page.evaluate(() => [document.activeElement?.getAttribute('data-r'), document.activeElement?.getAttribute('data-c')]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const moved = await page.evaluate(() => [document.activeElement?.getAttribute('data-r'), document.activeElement?.getAttribute('data-c')]);
    expect(moved).toEqual([String(Number(first[0]) + 1), String(Number(first[1]) + 1)]);
    const team = await page.evaluate(() => document.activeElement?.getAttribute('data-team'));
    await screenshot(page, 'dashboard-focus', false);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/teams/${team ?? ''}\\?domain=`));
    await page.goBack();
    await page.locator('[data-team-row]').first().waitFor();
  });

  it('clicking a cell opens the team page at that domain', async () => {
    const team = heatmap.teams.find((candidate) => candidate.id === 'payments') ?? heatmap.teams[0]!;
    await page.locator(`.hm-cell[data-team="${team.id}"][data-domain="supply-chain"]`).click();
    await page.waitForURL(`${server.url}/teams/${team.id}?domain=supply-chain`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(team.name);
    await page.locator('tr.focus-row').waitFor();
    expect(await page.locator('tr.focus-row th').textContent()).toBe(heatmap.domains.find((domain) => domain.id === 'supply-chain')?.name);
    await screenshot(page, 'team');
  });

  it('signs out, and signs in again on the sign-in page, returning to the page asked for', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/sign-in`);
    await page.goto(`${server.url}/teams`);
    await page.waitForURL(`${server.url}/sign-in?next=%2Fteams`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill('wrong password entirely');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.problem').textContent()).toContain('Wrong username or password');
    await screenshot(page, 'sign-in', false);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/teams`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(14);
  });

  it('a session that ends mid-work opens the sign-in dialog and keeps the page: the change is retried after sign-in', async () => {
    await page.goto(`${server.url}/account/password`);
    await page.getByLabel('Current password').fill(ADMIN.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await context.clearCookies();
    await page.getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe(NEW_PASSWORD);
    await screenshot(page, 'session-ended', false);
    expect(await dialog.getByLabel('Username').inputValue()).toBe(ADMIN.username);
    await dialog.getByLabel('Password').fill(ADMIN.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.notice-success').textContent()).toContain('Your password was changed');
    const signIn = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ADMIN.username, password: NEW_PASSWORD }) });
    expect(signIn.status).toBe(200);
  });

  it('keeps the dashboard usable at tablet width: no page-wide horizontal scroll, the team column stays in view', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(server.url);
    await page.locator('[data-team-row]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.locator('.hm-scroll').evaluate((element) => {
      element.scrollLeft = 400;
    });
    const label = await page.locator('.hm-label').first().boundingBox();
    const grid = await page.locator('.hm-scroll').boundingBox();
    expect(label !== null && grid !== null && Math.abs(label.x - grid.x) < 3).toBe(true);
    await screenshot(page, 'dashboard-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('S23 shows hostile team names and groups as text: no markup, no script, no request', async () => {
    const hostile = { id: 'hostile', name: '<img src=/x onerror=alert(1)>Evil', group: '<b>Group</b>' };
    const status = await page.evaluate(async (team) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/teams', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(team) });
      return response.status;
    }, hostile);
    expect(status).toBe(201);
    await page.goto(server.url);
    await page.locator('[data-team-row="hostile"]').waitFor();
    expect(await page.locator('[data-team-row="hostile"] .hm-label a').textContent()).toBe(hostile.name);
    expect(await page.locator('.hm-group-name', { hasText: '<b>Group</b>' }).count()).toBe(1);
    expect(await page.locator('main img, main b').count()).toBe(0);
    await page.getByLabel('Filter teams').fill('evil');
    await expect.poll(async () => renderedRows(page)).toEqual(['hostile']);
    expect(seen.requests.filter((url) => url.endsWith('/x'))).toEqual([]);
  });

  it('S21 no console error, no CSP violation, and no request left the origin during the whole visit', () => {
    expect(unexpectedErrors(seen, server.url)).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests.length).toBeGreaterThan(10);
    expect(seen.requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});

describe.skipIf(reason !== null)('a large organisation in the web UI', () => {
  const TEAMS = 400;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let seen: PageWatch;

  async function seed(db: string): Promise<void> {
    const store = await openPersistence(db);
    await seedOrganisation(store, { teams: TEAMS, finalCheckpoints: 1, openCheckpoints: 0, today: new Date().toISOString().slice(0, 10) }).finally(() => store.close());
  }

  beforeAll(async () => {
    server = await startUiServer({ name: 'ui-large', seed });
    const session = await signInAdmin(server.url, server.server.setupToken);
    browser = await launchChromium();
    page = await (await openContext(browser, server.url, session)).newPage();
    seen = watch(page);
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it(`keeps only the rows in view in the DOM (${TEAMS} teams), also after scrolling to the end`, async () => {
    await page.goto(server.url);
    await page.locator('[data-team-row]').first().waitFor();
    expect(await page.locator('#team-count').textContent()).toBe(`${TEAMS} teams`);
    await page.getByLabel('Group by team group').uncheck();
    const inView = await renderedRows(page);
    expect(inView.length).toBeGreaterThan(10);
    expect(inView.length).toBeLessThan(60);
    expect(await page.locator('.hm-scroll').getAttribute('aria-rowcount')).toBe(String(TEAMS + 1));
    await page.locator('.hm-scroll').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect.poll(async () => (await renderedRows(page)).at(-1)).toBe(`team-${String(TEAMS).padStart(4, '0')}`);
    expect((await renderedRows(page)).length).toBeLessThan(60);
    await screenshot(page, 'dashboard-large-end', false);
    expect(unexpectedErrors(seen, server.url)).toEqual([]);
  });
});
