import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseCsv } from '../../src/adapters/exporters/backlog/test-items.js';
import { signInAdmin } from '../../bench/api-process.js';
import type { Session } from '../../bench/api-process.js';
import { launchChromium, watchPage } from '../support/browser.js';
import type { PageWatch } from '../support/browser.js';
import { openContext, screenshot, sendAs, signInApi, startUiServer, uiSkipReason } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

/**
 * The backlog board and the model browser end to end: a real `stepwise serve` over the demo
 * organisation serving the BUILT UI, driven in Chromium as the admin (and as a lead who reads
 * other teams). Screenshots go to test/browser/artifacts/ for a person to look at.
 */

const USER_PASSWORD = 'tangerine-orbit-lantern-42';

const reason = uiSkipReason();

interface Item {
  key: string;
  team: string;
  title: string;
  status: string;
  statusVersion: number;
}

interface ModelJson {
  domains: { id: string }[];
  practices: { id: string; title: string; description: string; domain: string; level: number; dependsOn: string[]; mappings: Record<string, string[]> }[];
}

const id = (item: { team: string; key: string }): string => `${item.team}|${item.key}`;

async function rendered(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => elements.map((element) => `${element.getAttribute('data-team') ?? ''}|${element.getAttribute('data-key') ?? ''}`));
}

describe.skipIf(reason !== null)('backlog board and model browser in Chromium (built UI, demo organisation)', () => {
  let server: UiServer;
  let admin: Session;
  let browser: Browser;
  let page: Page;
  let seen: PageWatch;

  /** A JSON request with the admin's session, from the test rather than the page. */
  async function call(path: string, init: { method?: string; body?: unknown; ifMatch?: string } = {}): Promise<{ status: number; body: unknown }> {
    const response = await sendAs(server.url, admin, init.method ?? 'GET', path, init.body, init.ifMatch);
    return { status: response.status, body: (await response.json()) as unknown };
  }

  const backlog = async (query = ''): Promise<Item[]> => ((await call(`/api/v1/backlog${query}`)).body as { items: Item[] }).items;

  async function openPage(session: Session): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await openContext(browser, server.url, session, { acceptDownloads: true });
    return { context: opened, page: await opened.newPage() };
  }

  beforeAll(async () => {
    server = await startUiServer({ name: 'ui-backlog', demo: true });
    admin = await signInAdmin(server.url, server.server.setupToken);
    browser = await launchChromium();
    ({ page } = await openPage(admin));
    seen = watchPage(page);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('the list shows the API order for each strategy, and the strategies really differ', async () => {
    await page.goto(`${server.url}/backlog?view=list`);
    const orders: string[][] = [];
    for (const strategy of ['risk', 'roi', 'balanced'] as const) {
      await page.getByRole('radio', { name: { risk: 'Risk', roi: 'Return on investment', balanced: 'Balanced' }[strategy] }).check();
      const expected = (await backlog(`?strategy=${strategy}`)).map(id);
      // The listing carries the strategy the API ordered it by: wait for that one, not the previous.
      await page.locator(`[data-strategy="${strategy}"] .bl-row`).first().waitFor();
      expect((await rendered(page, '.bl-row')).slice(0, 20)).toEqual(expected.slice(0, 20));
      expect(new URL(page.url()).searchParams.get('strategy')).toBe(strategy === 'balanced' ? null : strategy);
      await page.getByRole('button', { name: `Show all ${expected.length}` }).click();
      expect(await rendered(page, '.bl-row')).toEqual(expected);
      expect(await page.locator('.bl-row .bl-rank').first().textContent()).toBe('1');
      orders.push(expected);
    }
    expect(orders[0]?.length).toBeGreaterThan(100);
    expect(orders[0]).not.toEqual(orders[1]);
    expect(orders[1]).not.toEqual(orders[2]);
    await screenshot(page, 'backlog-list', false);
  });

  it('the board columns hold the API items of each status, in the API order', async () => {
    await page.goto(`${server.url}/backlog?strategy=risk`);
    await page.locator('.bl-card').first().waitFor();
    const items = await backlog('?strategy=risk');
    for (const status of ['open', 'in-progress', 'done']) {
      const expected = items.filter((item) => item.status === status).map(id);
      expect(await page.locator(`#bl-col-${status} .bl-count`).textContent()).toBe(String(expected.length));
      expect(await rendered(page, `[data-column="${status}"] .bl-card`)).toEqual(expected.slice(0, 60));
    }
    await screenshot(page, 'backlog-board', false);
  });

  it('moving an item to done (button) persists on the server and survives a reload', async () => {
    await page.goto(`${server.url}/backlog`);
    const card = page.locator('[data-column="open"] .bl-card').first();
    await card.waitFor();
    const [team, key] = [await card.getAttribute('data-team'), await card.getAttribute('data-key')] as [string, string];
    await card.getByRole('button', { name: /to Done$/ }).click();
    const moved = page.locator(`[data-column="done"] .bl-card[data-key="${key}"]`);
    await moved.waitFor();
    expect(await page.locator('.notice-success').textContent()).toContain('to Done.');
    const stored = (await backlog()).find((item) => item.key === key && item.team === team);
    expect([stored?.status, stored?.statusVersion]).toEqual(['done', 1]);
    await page.reload();
    await moved.waitFor();
    expect(await page.locator(`[data-column="open"] .bl-card[data-key="${key}"]`).count()).toBe(0);
  });

  it('keyboard: Shift+→ moves the focused card to the next column and focus follows it', async () => {
    const card = page.locator('[data-column="open"] .bl-card').first();
    const key = (await card.getAttribute('data-key')) ?? '';
    await card.focus();
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('data-key'));
    expect(second).toBe(await page.locator('[data-column="open"] .bl-card').nth(1).getAttribute('data-key'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowRight');
    await page.locator(`[data-column="in-progress"] .bl-card[data-key="${key}"]`).waitFor();
    await expect.poll(() => page.evaluate(() => [document.activeElement?.getAttribute('data-key'), document.activeElement?.closest('[data-column]')?.getAttribute('data-column')])).toEqual([key, 'in-progress']);
    const stored = (await backlog()).find((item) => item.key === key);
    expect([stored?.status, stored?.statusVersion]).toEqual(['in-progress', 1]);
  });

  it('S19 a move made on a stale page is refused (412): both values are shown and the user chooses', async () => {
    const card = page.locator('[data-column="open"] .bl-card').first();
    const [team, key] = [await card.getAttribute('data-team'), await card.getAttribute('data-key')] as [string, string];
    const path = `/api/v1/teams/${encodeURIComponent(team)}/backlog/${encodeURIComponent(key)}/status`;
    expect((await call(path, { method: 'PUT', body: { status: 'done' }, ifMatch: '"0"' })).status).toBe(200);
    await card.getByRole('button', { name: /to In progress$/ }).click();
    const conflict = page.locator('.bl-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('It is now Done; you moved it to In progress.');
    await page.locator(`[data-column="done"] .bl-card[data-key="${key}"]`).waitFor();
    await screenshot(page, 'backlog-conflict', false);
    expect((await backlog()).find((item) => item.key === key)?.status).toBe('done');
    await conflict.getByRole('button', { name: 'Move to In progress anyway' }).click();
    await page.locator(`[data-column="in-progress"] .bl-card[data-key="${key}"]`).waitFor();
    const stored = (await backlog()).find((item) => item.key === key);
    expect([stored?.status, stored?.statusVersion]).toEqual(['in-progress', 2]);
  });

  it('the CSV export link downloads the backlog: it parses and starts with the first item on screen', async () => {
    await page.goto(`${server.url}/backlog?view=list&strategy=roi`);
    await page.locator('.bl-row').first().waitFor();
    const first = (await rendered(page, '.bl-row'))[0];
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-format="csv"]').click()]);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    const [header = [], row = []] = parseCsv(text);
    expect(download.suggestedFilename()).toMatch(/^stepwise-backlog-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(`${row[header.indexOf('team')] ?? ''}|${row[header.indexOf('key')] ?? ''}`).toBe(first);
    const links = await page.$$eval('a[data-format]', (anchors) => anchors.map((anchor) => [anchor.getAttribute('data-format'), anchor.getAttribute('href')]));
    expect(links.map(([format]) => format)).toEqual(['csv', 'jira', 'github', 'md', 'json', 'xlsx']);
    for (const [format, href] of links) {
      const response = await fetch(`${server.url}${href ?? ''}`, { headers: { cookie: admin.cookie } });
      // Read each body: a response left unread keeps its connection, and the server's close would wait for it.
      expect([response.status, (await response.arrayBuffer()).byteLength > 0], format ?? '').toEqual([200, true]);
      expect(href).toContain('strategy=roi');
    }
  });

  it('move controls only for leads and admins: a lead of storefront who views payments moves only storefront items', async () => {
    const created = await call('/api/v1/users', { method: 'POST', body: { username: 'mixed', displayName: 'Mixed Roles', password: USER_PASSWORD, isAdmin: false, isAuditor: false } });
    expect(created.status).toBe(201);
    expect((await call(`/api/v1/teams/storefront/members/${(created.body as { id: string }).id}`, { method: 'PUT', body: { role: 'lead' } })).status).toBe(200);
    expect((await call(`/api/v1/teams/payments/members/${(created.body as { id: string }).id}`, { method: 'PUT', body: { role: 'viewer' } })).status).toBe(200);
    const lead = await openPage(await signInApi(server.url, 'mixed', USER_PASSWORD));
    await lead.page.goto(`${server.url}/backlog`);
    await lead.page.locator('.bl-card').first().waitFor();
    expect(new Set((await rendered(lead.page, '.bl-card')).map((entry) => entry.split('|')[0]))).toEqual(new Set(['payments', 'storefront']));
    expect(await lead.page.locator('.bl-card[data-team="payments"] .bl-move').count()).toBe(0);
    expect(await lead.page.locator('.bl-card[data-team="storefront"] .bl-move').count()).toBeGreaterThan(0);
    await lead.page.goto(`${server.url}/teams/payments/backlog?view=list`);
    await lead.page.locator('.bl-row').first().waitFor();
    expect(await lead.page.locator('h1').textContent()).toBe('Backlog of Payments');
    expect(await lead.page.locator('.bl-status-select').count()).toBe(0);
    expect(await lead.page.locator('.bl-hint').textContent()).toContain('You can read this backlog');
    await screenshot(lead.page, 'backlog-team-readonly', false);
    await lead.context.close();
  });

  it('the model matrix shows 10 domains × 3 levels with all 128 practices', async () => {
    await page.goto(`${server.url}/model`);
    await page.locator('[data-practice]').first().waitFor();
    expect(await page.locator('[data-domain-row]').count()).toBe(10);
    expect(await page.$$eval('[data-level-col]', (cells) => cells.map((cell) => cell.getAttribute('data-level-col')))).toEqual(['1', '2', '3']);
    expect(await page.locator('[data-practice]').count()).toBe(128);
    expect(await page.locator('#model-count').textContent()).toBe('128 practices');
    await screenshot(page, 'model', false);
  });

  it('search and an ISO 27001 mapping filter narrow the matrix in memory, without a request per keystroke', async () => {
    const model = (await call('/api/v1/models/current')).body as ModelJson;
    const before = seen.requests.filter((url) => url.includes('/api/')).length;
    await page.getByLabel('Search practices').pressSequentially('vault');
    const vault = model.practices.filter((practice) => `${practice.title}\n${practice.id}\n${practice.description}`.toLowerCase().includes('vault')).map((practice) => practice.id);
    await expect.poll(() => page.locator('[data-practice]').count()).toBe(vault.length);
    expect(await page.$$eval('[data-practice]', (cards) => cards.map((card) => card.getAttribute('data-practice')).sort())).toEqual([...vault].sort());
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('Mapping', { exact: true }).selectOption('iso27001');
    await page.getByLabel('ISO/IEC 27001:2022 control').fill('8.24');
    const iso = model.practices.filter((practice) => practice.mappings['iso27001']?.includes('8.24') === true).map((practice) => practice.id);
    expect(iso.length).toBeGreaterThan(0);
    expect(iso.length).toBeLessThan(128);
    await expect.poll(async () => (await page.$$eval('[data-practice]', (cards) => cards.map((card) => card.getAttribute('data-practice')))).sort()).toEqual([...iso].sort());
    expect(await page.locator('#model-count').textContent()).toBe(`${iso.length} of 128 practices`);
    expect(new URL(page.url()).searchParams.get('mapping')).toBe('iso27001:8.24');
    expect(seen.requests.filter((url) => url.includes('/api/')).length).toBe(before);
    await screenshot(page, 'model-filtered', false);
  });

  it("a practice page shows its dependencies both ways, mappings and the teams' answers from the API", async () => {
    const model = (await call('/api/v1/models/current')).body as ModelJson;
    const practice = model.practices.find((candidate) => candidate.dependsOn.length > 0 && model.practices.some((other) => other.dependsOn.includes(candidate.id)));
    expect(practice).toBeDefined();
    const target = practice ?? model.practices[0]!;
    await page.goto(`${server.url}/model?q=${encodeURIComponent(target.id)}`);
    await page.locator(`[data-practice="${target.id}"] a`).click();
    await page.waitForURL(`${server.url}/model/practices/${target.id}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(target.title);
    const title = (ids: readonly string[]): string[] => ids.map((dependency) => model.practices.find((candidate) => candidate.id === dependency)?.title ?? dependency).sort();
    expect((await page.locator('[data-section="depends-on"] > ul a').allTextContents()).sort()).toEqual(title(target.dependsOn));
    const dependents = model.practices.filter((other) => other.dependsOn.includes(target.id)).map((other) => other.id);
    expect((await page.locator('[data-section="depended-on-by"] a').allTextContents()).sort()).toEqual(title(dependents));
    const teams = ((await call(`/api/v1/practices/${target.id}/teams`)).body as { teams: { id: string; status: string }[] }).teams;
    await page.locator('.practice-teams tbody tr').first().waitFor();
    expect(await page.$$eval('.practice-teams tbody tr', (rows) => rows.map((row) => [row.getAttribute('data-team'), row.getAttribute('data-status')]))).toEqual(teams.map((team) => [team.id, team.status]));
    expect(teams.length).toBe(14);
    await screenshot(page, 'model-practice');
    await page.locator('[data-section="depends-on"] > ul a').first().click();
    await page.waitForURL(`${server.url}/model/practices/${target.dependsOn[0] ?? ''}`);
  });

  it('tablet width: board and model fit without a page-wide horizontal scroll', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.url}/backlog`);
    await page.locator('.bl-card').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'backlog-tablet', false);
    await page.goto(`${server.url}/model`);
    await page.locator('[data-practice]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'model-tablet', false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('S21 no console error other than the refused stale move, and no request left the origin', () => {
    expect(seen.errors.filter((error) => !error.includes('status of 412'))).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});
