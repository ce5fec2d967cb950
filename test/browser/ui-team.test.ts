import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInAdmin } from '../../bench/api-process.js';
import { contrastRatio } from '../../src/charts/color.js';
import type { Session } from '../../bench/api-process.js';
import { launchChromium, watchPage } from '../support/browser.js';
import type { PageWatch } from '../support/browser.js';
import { hexOf, openContext, screenshot, sendAs, signInApi, startUiServer, uiSkipReason } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

/**
 * The Teams list and a team's page in Chromium: a real server (temp SQLite, demo organisation)
 * serving the built UI. Every number the page shows is checked against the API answer it came
 * from. Screenshots go to test/browser/artifacts/team-*.png.
 */

const TEAM_A = 'payments';
const TEAM_B = 'checkout';
const SENTINEL = 'SENTINEL-B-7f3a';
const VIEWER = { username: 'vera', displayName: 'Vera Viewer', password: 'amber-lantern-orchard-42' } as const;
const HOSTILE = { id: 'hostile', name: '<img src=/x onerror=alert(1)>Evil', group: '<b>Group</b>' } as const;

const reason = uiSkipReason();

interface Summary {
  team: { id: string; name: string };
  domains: { id: string; name: string }[];
  scores: { domain: string; level: number | null; applicable: boolean; basis: string; target: number | null }[];
  radar: { domain: string; current: number | null; target: number | null; previous: number | null }[];
  trend: { date: string; levels: (number | null)[] }[];
}

interface Checkpoints {
  checkpoints: { id: string; date: string; state: string }[];
}

interface Comparison {
  from: string;
  to: string;
  domains: { domain: string; delta: number | null }[];
  gained: { practice: string }[];
  lost: { practice: string }[];
  targetsReached: string[];
}

/** The organisation the tests need: a viewer of team A, team B renamed with a sentinel, a hostile never-assessed team. */
async function prepare(url: string, admin: Session): Promise<void> {
  const user = (await (await sendAs(url, admin, 'POST', '/api/v1/users', VIEWER)).json()) as { id: string };
  expect((await sendAs(url, admin, 'PUT', `/api/v1/teams/${TEAM_A}/members/${user.id}`, { role: 'viewer' })).status).toBe(200);
  const teamB = await sendAs(url, admin, 'GET', `/api/v1/teams/${TEAM_B}`);
  expect((await sendAs(url, admin, 'PATCH', `/api/v1/teams/${TEAM_B}`, { name: `Checkout ${SENTINEL}` }, teamB.headers.get('etag') ?? '')).status).toBe(200);
  expect((await sendAs(url, admin, 'POST', '/api/v1/teams', HOSTILE)).status).toBe(201);
}

function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (address) => (await fetch(address)).json() as Promise<T>, path);
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await screenshot(page, `team-${name}`, fullPage);
}

describe.skipIf(reason !== null)('the Teams list and the team page in Chromium (built UI, real server)', () => {
  let server: UiServer;
  let browser: Browser;
  let admin: Session;
  let context: BrowserContext;
  let page: Page;
  let seen: PageWatch;
  let summary: Summary;

  beforeAll(async () => {
    server = await startUiServer({ name: 'ui-team', demo: true });
    admin = await signInAdmin(server.url, server.server.setupToken);
    await prepare(server.url, admin);
    browser = await launchChromium();
    context = await openContext(browser, server.url, admin);
    page = await context.newPage();
    seen = watchPage(page);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('shows the radar with the current levels of the summary API (never-assessed domains left out)', async () => {
    await page.goto(`${server.url}/teams/${TEAM_A}`);
    await page.locator('.stepwise-radar').waitFor();
    summary = await getJson<Summary>(page, `/api/v1/teams/${TEAM_A}/summary`);
    expect(await page.locator('h1').textContent()).toBe(summary.team.name);
    const scores = new Map(summary.scores.map((score) => [score.domain, score]));
    const expected = summary.radar
      .filter((entry) => scores.get(entry.domain)?.basis !== 'unassessed' && entry.current !== null)
      .map((entry) => `${entry.domain}=${String(entry.current)}`)
      .sort();
    const drawn = await page.$$eval('.stepwise-radar .rd-point', (points) => points.map((point) => `${point.getAttribute('data-domain') ?? ''}=${point.getAttribute('data-level') ?? ''}`));
    expect(expected.length).toBe(summary.domains.length);
    expect(drawn.sort()).toEqual(expected);
    expect(await page.locator('.stepwise-radar .rd-target').count()).toBe(1);
    expect(await page.locator('.stepwise-radar .rd-previous').count()).toBe(1);
  });

  it('shows the trend with every level of every final checkpoint of the summary API', async () => {
    const expected = summary.trend.flatMap((point) => point.levels.flatMap((level, index) => (level === null ? [] : [`${summary.domains[index]?.id ?? '?'}@${point.date}=${level}`]))).sort();
    const drawn = await page.$$eval('.stepwise-trend .tr-point', (points) => points.map((point) => `${point.getAttribute('data-series') ?? ''}@${point.getAttribute('data-date') ?? ''}=${point.getAttribute('data-level') ?? ''}`));
    expect(summary.trend.length).toBeGreaterThanOrEqual(4);
    expect(drawn.sort()).toEqual(expected);
    await shot(page, 'page');
  });

  it('the domain table prints each level, target and gap of the summary; the charts turn into tables of the same numbers', async () => {
    const rows = await page.$$eval('table.scores tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-domain'), tr.querySelector('.level-cell')?.getAttribute('data-level'), tr.children[3]?.textContent] as const));
    expect(rows).toEqual(summary.scores.map((score) => [score.domain, score.basis === 'unassessed' || score.level === null ? '' : String(score.level), score.target === null ? '—' : String(score.target)]));
    const radarCard = page.locator('.chart-radar');
    await radarCard.getByRole('button', { name: 'Show as table' }).click();
    const cells = await radarCard.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-domain'), ...[...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    expect(cells).toEqual(summary.radar.map((entry) => [entry.domain, String(entry.current), String(entry.target), String(entry.previous)]));
    await page.locator('.chart-trend').getByRole('button', { name: 'Show as table' }).click();
    const trendHead = await page.locator('.chart-trend thead th').allTextContents();
    expect(trendHead.slice(1)).toEqual(summary.trend.map((point) => point.date));
    await shot(page, 'page-tables');
    await radarCard.getByRole('button', { name: 'Show as chart' }).click();
    await page.locator('.chart-trend').getByRole('button', { name: 'Show as chart' }).click();
    expect(await page.locator('.stepwise-radar').count()).toBe(1);
  });

  it('keyboard: the chart toggles work from the keyboard and keep focus; charts are named images; every control is labelled', async () => {
    const toggle = page.locator('.chart-radar .card-head button');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('.chart-radar table').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Show as chart');
    await page.keyboard.press('Space');
    await page.locator('.chart-radar svg').waitFor();
    for (const kind of ['radar', 'trend']) {
      expect(await page.locator(`svg.stepwise-${kind}`).getAttribute('role')).toBe('img');
      expect(await page.locator(`svg.stepwise-${kind}`).getAttribute('aria-label')).not.toBe('');
    }
    const unlabelled = await page.$$eval('main select, main input', (controls) => controls.filter((control) => (control as HTMLSelectElement).labels?.length === 0).map((control) => control.id));
    expect(unlabelled).toEqual([]);
  });

  it('WCAG AA: level swatches, badges and flags keep 4.5:1 between text and fill', async () => {
    const painted = await page.$$eval('main .swatch, main .badge, main .flag', (elements) =>
      elements.map((element) => {
        const style = getComputedStyle(element);
        return [element.textContent.trim(), style.color, style.backgroundColor] as const;
      }),
    );
    expect(painted.length).toBeGreaterThan(30);
    expect(painted.filter(([, color, background]) => contrastRatio(hexOf(color), hexOf(background)) < 4.5)).toEqual([]);
  });

  it('the history lists every checkpoint of the team, newest first, each linking to its page', async () => {
    const list = await getJson<Checkpoints>(page, `/api/v1/teams/${TEAM_A}/checkpoints`);
    const rows = await page.$$eval('table.history tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-checkpoint'), tr.querySelector('a')?.textContent, tr.querySelector('a')?.getAttribute('href')] as const));
    expect(rows).toEqual([...list.checkpoints].reverse().map((entry) => [entry.id, entry.date, `/checkpoints/${entry.id}`]));
    expect(rows.length).toBeGreaterThanOrEqual(4);
  });

  it('compares two chosen checkpoints with the same deltas, gains, losses and targets as the API', async () => {
    const list = await getJson<Checkpoints>(page, `/api/v1/teams/${TEAM_A}/checkpoints`);
    const from = list.checkpoints[0]!;
    const to = list.checkpoints.at(-1)!;
    const api = await getJson<Comparison>(page, `/api/v1/teams/${TEAM_A}/checkpoints/compare?from=${from.id}&to=${to.id}`);
    await page.locator('#compare-from').selectOption(from.id);
    await page.locator('#compare-to').selectOption(to.id);
    await expect.poll(() => page.locator('.deltas thead th').nth(1).textContent()).toBe(api.from);
    const deltas = await page.$$eval('.deltas tbody tr', (trs) => trs.map((tr) => `${tr.getAttribute('data-domain') ?? ''}=${tr.querySelector('.delta')?.getAttribute('data-delta') ?? ''}`));
    expect(deltas.sort()).toEqual(api.domains.map((domain) => `${domain.domain}=${domain.delta === null ? '' : String(domain.delta)}`).sort());
    const practices = (kind: string): Promise<string[]> => page.$$eval(`.changes-${kind} li`, (items) => items.map((item) => item.getAttribute('data-practice') ?? ''));
    expect(await practices('gained')).toEqual(api.gained.map((change) => change.practice));
    expect(await practices('lost')).toEqual(api.lost.map((change) => change.practice));
    expect(api.gained.length).toBeGreaterThan(0);
    const reached = await page.$$eval('.deltas tr:has(.badge-reached)', (trs) => trs.map((tr) => tr.getAttribute('data-domain')));
    expect(reached.sort()).toEqual([...api.targetsReached].sort());
    await page.locator('.comparison').scrollIntoViewIfNeeded();
    await shot(page, 'compare', false);
  });

  it('?domain= scrolls to that domain and highlights its row', async () => {
    await page.goto(`${server.url}/teams/${TEAM_A}?domain=container-cloud`);
    const row = page.locator('tr.focus-row');
    await row.waitFor();
    expect(await row.getAttribute('data-domain')).toBe('container-cloud');
    expect(await page.locator('tr.focus-row').count()).toBe(1);
    expect(await row.getAttribute('aria-current')).toBe('true');
    const box = await row.boundingBox();
    expect(box !== null && box.y >= 0 && box.y + box.height <= 900).toBe(true);
    await shot(page, 'domain-focus', false);
  });

  it('a domain that does not apply reads "n/a", never 0', async () => {
    await page.goto(`${server.url}/teams/data-lake`);
    const row = page.locator('table.scores tr[data-domain="container-cloud"]');
    await row.waitFor();
    expect(await row.locator('.swatch').textContent()).toBe('n/a');
    expect(await row.locator('.level-cell').getAttribute('data-level')).toBe('');
    expect(await page.locator('.stepwise-radar .rd-point[data-domain="container-cloud"]').count()).toBe(0);
    expect(await page.locator('.stepwise-radar .rd-na-badge').count()).toBe(1);
  });

  it('the Teams list shows every team with its latest date, levels of /api/v1/heatmap and due badges; search and group narrow it', async () => {
    await page.goto(`${server.url}/teams`);
    await page.locator('table.teams-table tbody tr').first().waitFor();
    const heatmap = await getJson<{ cellFields: string[]; teams: { id: string; date: string | null; group: string | null; cells: unknown[][] }[] }>(page, '/api/v1/heatmap');
    expect(await page.locator('table.teams-table tbody tr').count()).toBe(heatmap.teams.length);
    const level = heatmap.cellFields.indexOf('level');
    const state = heatmap.cellFields.indexOf('state');
    for (const team of heatmap.teams.filter((candidate) => candidate.date !== null)) {
      const shown = await page.locator(`tr[data-team="${team.id}"] .mini-cell`).allTextContents();
      expect(shown.map((text) => text.replace('?', '')), team.id).toEqual(team.cells.map((cell) => (cell[state] === 'n/a' ? 'n/a' : cell[state] === 'unassessed' ? '–' : String(cell[level]))));
      expect(await page.locator(`tr[data-team="${team.id}"] td`).nth(2).textContent()).toBe(team.date);
    }
    expect(await page.locator('tr[data-team="loyalty"] .badge').textContent()).toBe('Overdue');
    expect(await page.locator(`tr[data-team="${HOSTILE.id}"] .badge`).textContent()).toBe('Never assessed');
    await shot(page, 'list');
    const cells = await page.$$eval('.mini-cell, table.teams-table .badge', (elements) => elements.map((element) => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor] as const));
    expect(cells.filter(([color, background]) => contrastRatio(hexOf(color), hexOf(background)) < 4.5)).toEqual([]);
    await page.getByLabel('Search').fill('pay');
    await expect.poll(() => page.locator('table.teams-table tbody tr').count()).toBe(1);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Group').selectOption('Data');
    const data = heatmap.teams.filter((team) => team.group === 'Data').map((team) => team.id);
    await expect.poll(async () => (await page.$$eval('table.teams-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-team')))).sort()).toEqual(data.sort());
    expect(await page.locator('#teams-count').textContent()).toBe(`${data.length} of ${heatmap.teams.length} teams`);
    await page.getByLabel('Search').fill('no such team at all');
    await expect.poll(() => page.getByText('No team matches').count()).toBe(1);
    await shot(page, 'list-empty', false);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Group').selectOption('');
  });

  it('S23 a hostile team name is text on the list and on its page, which says it was never assessed and links to assess', async () => {
    await page.goto(`${server.url}/teams`);
    await page.locator(`tr[data-team="${HOSTILE.id}"]`).waitFor();
    expect(await page.locator(`tr[data-team="${HOSTILE.id}"] a`).textContent()).toBe(HOSTILE.name);
    expect(await page.locator(`tr[data-team="${HOSTILE.id}"] td`).nth(1).textContent()).toBe(HOSTILE.group);
    await page.locator(`tr[data-team="${HOSTILE.id}"] a`).click();
    await page.waitForURL(`${server.url}/teams/${HOSTILE.id}`);
    await page.locator('#never-heading').waitFor();
    expect(await page.locator('h1').textContent()).toBe(HOSTILE.name);
    expect(await page.locator('.empty-state a').getAttribute('href')).toBe(`/teams/${HOSTILE.id}/assess`);
    expect(await page.locator('.page-head a').allTextContents()).toEqual(['Backlog', 'API tokens', 'Start an assessment']);
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await page.locator('.stepwise-radar').count()).toBe(0);
    expect(await page.locator('table.scores .level-cell').evaluateAll((cells) => cells.map((cell) => cell.textContent.trim()))).toEqual(Array.from({ length: 10 }, () => '– not assessed'));
    expect(seen.requests.filter((url) => url.endsWith('/x'))).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    await shot(page, 'never-assessed');
  });

  it('shows a loading state, then an error that says what to do, and recovers with Try again', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/teams/payments/summary', async (route) => {
      await held;
      await route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'the database is busy', correlationId: 'corr-123' }) });
    });
    try {
      await page.goto(`${server.url}/teams/${TEAM_A}`);
      // The app first loads the session, then the page's code, then the team: wait for the team's own loading state.
      await page.locator('.loading', { hasText: 'Loading the team…' }).waitFor();
      expect(await page.locator('.loading').textContent()).toBe('Loading the team…');
      await shot(page, 'loading', false);
    } finally {
      release();
    }
    await page.locator('.problem').waitFor();
    expect(await page.locator('.problem').textContent()).toContain('corr-123');
    await shot(page, 'error', false);
    await page.unroute('**/api/v1/teams/payments/summary');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.stepwise-radar').waitFor();
  });

  it('keeps the team page and the list usable at tablet width: no page-wide horizontal scroll', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.url}/teams/${TEAM_A}`);
    await page.locator('.stepwise-radar').waitFor();
    await page.locator('table.history').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'page-tablet');
    await page.goto(`${server.url}/teams`);
    await page.locator('table.teams-table tbody tr').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'list-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('S14 a viewer of team A sees team B as not found, and no response carries team B data', async () => {
    const viewer = await signInApi(server.url, VIEWER.username, VIEWER.password);
    const viewerContext = await openContext(browser, server.url, viewer);
    const viewerPage = await viewerContext.newPage();
    const bodies: Promise<string>[] = [];
    const urls: string[] = [];
    viewerPage.on('response', (response) => {
      urls.push(response.url());
      bodies.push(response.text().catch(() => ''));
    });
    await viewerPage.goto(`${server.url}/teams/${TEAM_B}`);
    await expect.poll(() => viewerPage.locator('h1').textContent()).toBe('Team not found');
    await shot(viewerPage, 'not-found', false);
    await viewerPage.goto(`${server.url}/teams`);
    await viewerPage.locator('table.teams-table tbody tr').first().waitFor();
    expect(await viewerPage.$$eval('table.teams-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-team')))).toEqual([TEAM_A]);
    await viewerPage.locator(`tr[data-team="${TEAM_A}"] a`).click();
    await viewerPage.locator('.stepwise-radar').waitFor();
    await viewerPage.locator('.members li').first().waitFor();
    expect(await viewerPage.locator('.members li').allTextContents()).toEqual([`${VIEWER.displayName} @${VIEWER.username} viewer`]);
    expect(await viewerPage.locator('.page-head a').allTextContents()).toEqual(['Backlog']);
    const texts = await Promise.all(bodies);
    expect(texts.filter((text) => text.includes(SENTINEL))).toEqual([]);
    expect(urls.filter((url) => url.includes(`/api/v1/teams/${TEAM_B}/`) && !url.endsWith('/summary'))).toEqual([]);
    await viewerContext.close();
  });

  it('S21 no console error other than the refused requests of the error test, and no request left the origin', () => {
    expect(seen.errors.filter((text) => !text.includes('status of 503'))).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  });
});
