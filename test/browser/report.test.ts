import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { stepwise, tempDir } from '../support/cli.js';
import { browserSkipReason, launchChromium, watchPage } from '../support/browser.js';
import type { PageWatch } from '../support/browser.js';
import { HOSTILE, hostileWorkspace, largeWorkspace } from '../support/workspaces.js';

const TODAY = '2026-11-27';
const skipReason = browserSkipReason();
if (skipReason !== null) console.warn(skipReason);

interface ReportJson {
  teams: { team: string; name: string; domains: { domain: string; level: number | null; basis: string }[] }[];
}

describe.skipIf(skipReason !== null)('the HTML report in Chromium', () => {
  let browser: Browser;
  let demoDir: string;
  let demoJson: ReportJson;

  beforeAll(async () => {
    browser = await launchChromium();
    demoDir = join(tempDir('stepwise-browser-'), 'demo');
    const demo = await stepwise(['demo', '--dir', demoDir], { cwd: tempDir(), today: TODAY });
    expect(demo.code).toBe(0);
    const json = await stepwise(['report', '--dir', demoDir, '--format', 'json'], { cwd: demoDir, today: TODAY });
    demoJson = JSON.parse(json.stdout) as ReportJson;
  }, 60_000);

  afterAll(async () => {
    await browser.close();
  });

  async function open(file: string): Promise<{ page: Page; watch: PageWatch; url: string }> {
    const page = await browser.newPage();
    const watch = watchPage(page);
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: 'load' });
    return { page, watch, url };
  }

  it('S5 opens the demo report with no console error and no request beyond the file itself', async () => {
    const { page, watch, url } = await open(join(demoDir, 'report.html'));
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([url]);
    expect(await page.title()).toBe('DevSecOps maturity: Northwind Payments');
    await page.close();
  });

  it('draws one heatmap cell per team and domain, each with the level of the JSON report', async () => {
    const { page } = await open(join(demoDir, 'report.html'));
    const cells = await page.$$eval('.chart.heatmap [data-team][data-domain]', (elements) =>
      elements.map((element) => ({ team: element.getAttribute('data-team'), domain: element.getAttribute('data-domain'), level: element.getAttribute('data-level') })),
    );
    const expected = demoJson.teams.flatMap((team) =>
      team.domains.map((domain) => ({ team: team.team, domain: domain.domain, level: domain.basis === 'unassessed' || domain.level === null ? '' : String(domain.level) })),
    );
    expect(cells.length).toBe(14 * 10);
    expect(cells.map((cell) => ({ ...cell, level: cell.level ?? '' })).sort(byTeamDomain)).toEqual(expected.sort(byTeamDomain));
    await page.close();
  });

  it('filters the heatmap, the team sections and the backlog by team name, closing the gaps', async () => {
    const { page } = await open(join(demoDir, 'report.html'));
    const fullHeight = await page.$eval('.chart.heatmap svg', (svg) => Number(svg.getAttribute('height')));
    await page.fill('#team-filter', 'payments');
    const visibleRows = await page.$$eval('.chart.heatmap g.hm-row', (rows) => rows.filter((row) => row.getAttribute('display') !== 'none').map((row) => row.getAttribute('data-team')));
    expect(visibleRows).toEqual(['payments']);
    const sections = await page.$$eval('section.team', (elements) => elements.filter((element) => !element.hasAttribute('hidden')).map((element) => element.getAttribute('data-team')));
    expect(sections).toEqual(['payments']);
    const backlogTeams = await page.$$eval('#backlog tbody tr', (rows) => [...new Set(rows.filter((row) => !row.hasAttribute('hidden')).map((row) => row.getAttribute('data-team')))]);
    expect(backlogTeams).toEqual(['payments']);
    expect(await page.textContent('#filter-count')).toBe('1 of 14 teams shown');
    const filteredHeight = await page.$eval('.chart.heatmap svg', (svg) => Number(svg.getAttribute('height')));
    expect(filteredHeight).toBeLessThan(fullHeight);
    await page.fill('#team-filter', '');
    expect(await page.$eval('.chart.heatmap svg', (svg) => Number(svg.getAttribute('height')))).toBe(fullHeight);
    await page.close();
  });

  it('orders the heatmap by name and by mean level, and back to groups', async () => {
    const { page } = await open(join(demoDir, 'report.html'));
    const order = () =>
      page.$$eval('.chart.heatmap g.hm-row', (rows) =>
        rows
          .filter((row) => row.getAttribute('display') !== 'none')
          .map((row) => ({ name: row.getAttribute('data-name') ?? '', y: Number(/translate\(0,([\d.]+)\)/.exec(row.getAttribute('transform') ?? '')?.[1]) }))
          .sort((a, b) => a.y - b.y)
          .map((row) => row.name),
      );
    const grouped = await order();
    await page.selectOption('#heatmap-sort', 'name');
    const byName = await order();
    expect(byName).toEqual([...grouped].sort((a, b) => a.localeCompare(b)));
    await page.selectOption('#heatmap-sort', 'level');
    const means = new Map(demoJson.teams.map((team) => [team.name, mean(team.domains.map((domain) => domain.level))]));
    const byLevel = await order();
    expect(byLevel.map((name) => means.get(name))).toEqual(byLevel.map((name) => means.get(name)).sort((a, b) => b! - a!));
    await page.selectOption('#heatmap-sort', 'group');
    expect(await order()).toEqual(grouped);
    await page.close();
  });

  it('sorts the backlog table by a column when its header is clicked', async () => {
    const { page } = await open(join(demoDir, 'report.html'));
    await page.click('#backlog thead th:nth-child(3)');
    const teams = await page.$$eval('#backlog tbody tr td:nth-child(3)', (cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(teams).toEqual([...teams].sort((a, b) => a.localeCompare(b)));
    await page.close();
  });

  it('S5 a report built from hostile team names, groups, raters and notes runs no injected script', async () => {
    const { root } = await hostileWorkspace();
    const out = join(root, 'hostile.html');
    const built = await stepwise(['report', '--dir', root, '--out', out], { cwd: root, today: TODAY });
    expect(built.stderr).toContain('wrote');
    const { page, watch, url } = await open(out);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([url]);
    expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(1);
    expect(await page.$$eval('img', (images) => images.length)).toBe(0);
    const names = await page.$$eval('section.team h3', (headings) => headings.map((heading) => heading.textContent));
    expect(names.sort()).toEqual([HOSTILE.script, HOSTILE.formula, HOSTILE.link].sort());
    await page.close();
  });

  it('S5 a report of more than 100 teams carries team sections as data and builds each as it scrolls into view', async () => {
    const { root } = await largeWorkspace(120, TODAY);
    const out = join(root, 'large.html');
    expect((await stepwise(['report', '--dir', root, '--out', out], { cwd: root, today: TODAY })).code).toBe(0);
    const { page, watch, url } = await open(out);
    const lazyAtLoad = await page.$$eval('section.team.lazy', (sections) => sections.length);
    expect(lazyAtLoad).toBeGreaterThan(100);
    expect(await page.$$eval('.team-bodies script', (blocks) => blocks.every((block) => block.getAttribute('type') === 'application/json'))).toBe(true);
    await page.locator('#team-t119').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('#team-t119 .pair svg') !== null);
    expect(await page.$$eval('#team-t119 h4', (headings) => headings.map((heading) => heading.textContent))).toContain('Gaps against targets');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.$$eval('section.team.lazy', (sections) => sections.length)).toBe(0);
    expect(await page.$$eval('section.team .pair svg.stepwise-radar', (charts) => charts.length)).toBe(120);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([url]);
    expect(await page.$$eval('img', (images) => images.length)).toBe(0);
    await page.close();
  }, 120_000);
});

function mean(levels: readonly (number | null)[]): number {
  const known = levels.filter((level): level is number => level !== null);
  return known.length === 0 ? -1 : known.reduce((sum, level) => sum + level, 0) / known.length;
}

function byTeamDomain(a: { team: string | null; domain: string | null }, b: { team: string | null; domain: string | null }): number {
  return `${a.team ?? ''}/${a.domain ?? ''}`.localeCompare(`${b.team ?? ''}/${b.domain ?? ''}`);
}
