/**
 * bench:ui — the web UI's weight and speed:
 * 1. size of what the first page loads (the scripts and stylesheets index.html names), raw, gzip
 *    and brotli (node:zlib), against the target of 100 KB gzip;
 * 2. for 100, 500 and 2,000 teams (seeded straight through the persistence port by bench/api-seed.ts,
 *    4 quarterly checkpoints each), the real server in a child process (bench/api-process.ts) and
 *    Chromium signed in as the admin: time from navigation start to the heatmap painted, the heatmap
 *    request alone (its resource timing), and the time from the data arriving to the paint, against
 *    the target of 500 ms for 2,000 teams. Median of RUNS page loads after one warm-up load.
 * Knobs: BENCH_UI_TEAMS (100,500,2000), BENCH_UI_RUNS (5), BENCH_UI_DEBUG (print the page's console
 * and responses). Needs `npm run build` (the script runs it) and /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { openPersistence } from '../src/adapters/persistence/open.js';
import { browserSkipReason, launchChromium } from '../test/support/browser.js';
import { ROOT, signInAdmin, startServerProcess } from './api-process.js';
import { seedOrganisation } from './api-seed.js';

const TEAMS = (process.env['BENCH_UI_TEAMS'] ?? '100,500,2000').split(',').map(Number);
const RUNS = Number(process.env['BENCH_UI_RUNS'] ?? 5);
const WEB = join(ROOT, 'dist', 'web');
const DEBUG = process.env['BENCH_UI_DEBUG'] !== undefined;
const TARGETS = { gzipKiB: 100, paintAfterDataMs: 500, paintTeams: 2000 } as const;

interface FileSize {
  readonly path: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The scripts, module preloads and stylesheets index.html loads: everything the first page needs. */
function initialFiles(): string[] {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const references = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="(\/[^"]+)"/g)].map((match) => match[1] ?? '');
  return ['/index.html', ...references.filter((path) => /\.(js|css)$/.test(path))];
}

function sizeOf(path: string): FileSize {
  const bytes = readFileSync(join(WEB, path));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { path, raw: bytes.length, gzip, brotli };
}

function reportSizes(): boolean {
  const files = initialFiles().map(sizeOf);
  console.log('== initial route: what index.html loads');
  for (const file of files) console.log(`  ${file.path.padEnd(36)} ${kib(file.raw).padStart(10)} raw ${kib(file.gzip).padStart(10)} gzip ${kib(file.brotli).padStart(10)} brotli`);
  const total = files.reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip, brotli: sum.brotli + file.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const scriptsAndStyles = files.filter((file) => file.path !== '/index.html');
  const jsCss = scriptsAndStyles.reduce((sum, file) => sum + file.gzip, 0);
  const pass = jsCss <= TARGETS.gzipKiB * 1024;
  console.log(`  ${'total'.padEnd(36)} ${kib(total.raw).padStart(10)} raw ${kib(total.gzip).padStart(10)} gzip ${kib(total.brotli).padStart(10)} brotli`);
  console.log(`  JS + CSS gzip ${kib(jsCss)} (target ≤ ${TARGETS.gzipKiB} KiB): ${pass ? 'PASS' : 'MISS'}`);
  return pass;
}

interface PageTiming {
  /** Navigation start → first frame painted with heatmap rows. */
  readonly painted: number;
  /** The GET /api/v1/heatmap request alone (resource timing: request start → response end). */
  readonly request: number;
  /** Response end of the heatmap data → the painted frame. */
  readonly afterData: number;
  /** Team rows in the DOM (virtualised: far fewer than the teams). */
  readonly rows: number;
}

/** Runs in the page before its own scripts: notes the first frame after heatmap rows appear. */
function watchForHeatmap(): void {
  const probe = window as unknown as { heatmapPainted?: number };
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-team-row]') === null) return;
    observer.disconnect();
    // rAF runs before the frame is painted; a task queued from it runs after.
    requestAnimationFrame(() => {
      setTimeout(() => {
        probe.heatmapPainted = performance.now();
      }, 0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function timePageLoads(browser: Browser, url: string, cookie: string): Promise<PageTiming[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url }]);
  const page = await context.newPage();
  await page.addInitScript(watchForHeatmap);
  if (DEBUG) {
    page.on('console', (message) => {
      console.log('console', message.type(), message.text());
    });
    page.on('response', (response) => {
      console.log('response', response.status(), response.url());
    });
  }
  const timings: PageTiming[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    await page.goto(`${url}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => (window as unknown as { heatmapPainted?: number }).heatmapPainted !== undefined, undefined, { timeout: 60_000 }).catch(async (error: unknown) => {
      const shown = await page.evaluate(() => `${document.readyState} ${location.href}: ${document.body.innerText.slice(0, 300)}`);
      throw new Error(`the heatmap never painted; the page shows: ${shown}`, { cause: error });
    });
    const timing = await page.evaluate(() => {
      const painted = (window as unknown as { heatmapPainted: number }).heatmapPainted;
      const entry = performance.getEntriesByType('resource').find((candidate) => candidate.name.endsWith('/api/v1/heatmap')) as PerformanceResourceTiming | undefined;
      const responseEnd = entry?.responseEnd ?? Number.NaN;
      return { painted, request: responseEnd - (entry?.startTime ?? Number.NaN), afterData: painted - responseEnd, rows: document.querySelectorAll('[data-team-row]').length };
    });
    if (run > 0) timings.push(timing);
  }
  await context.close();
  return timings;
}

interface Figures {
  readonly teams: number;
  readonly seedSeconds: number;
  readonly coldRequest: number;
  readonly timing: PageTiming;
}

async function measure(browser: Browser, teams: number): Promise<Figures> {
  const folder = mkdtempSync(join(tmpdir(), 'stepwise-bench-ui-'));
  const db = `sqlite:${join(folder, 'stepwise.db')}`;
  const store = await openPersistence(db);
  const seeded = await seedOrganisation(store, { teams, finalCheckpoints: 4, openCheckpoints: 0, today: new Date().toISOString().slice(0, 10) }).finally(() => store.close());
  const server = await startServerProcess(db);
  try {
    const session = await signInAdmin(server.url, server.setupToken);
    // The first heatmap fills the server's score cache; page loads then see the warm path.
    const start = performance.now();
    const cold = await fetch(`${server.url}/api/v1/heatmap`, { headers: { cookie: session.cookie } });
    await cold.arrayBuffer();
    const coldRequest = performance.now() - start;
    const timings = await timePageLoads(browser, server.url, session.cookie);
    const timing = {
      painted: median(timings.map((entry) => entry.painted)),
      request: median(timings.map((entry) => entry.request)),
      afterData: median(timings.map((entry) => entry.afterData)),
      rows: Math.max(...timings.map((entry) => entry.rows)),
    };
    return { teams, seedSeconds: seeded.seconds, coldRequest, timing };
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

function reportTimings(figures: readonly Figures[]): boolean {
  console.log(`== heatmap in Chromium (median of ${RUNS} loads after a warm-up; server score cache warm)`);
  console.log(`  ${'teams'.padStart(6)} ${'navigation→painted'.padStart(19)} ${'heatmap request'.padStart(16)} ${'data→painted'.padStart(13)} ${'rows in DOM'.padStart(12)} ${'cold request'.padStart(13)} ${'seed'.padStart(7)}`);
  for (const { teams, seedSeconds, coldRequest, timing } of figures) {
    console.log(
      `  ${String(teams).padStart(6)} ${`${timing.painted.toFixed(0)} ms`.padStart(19)} ${`${timing.request.toFixed(0)} ms`.padStart(16)} ${`${timing.afterData.toFixed(0)} ms`.padStart(13)} ${String(timing.rows).padStart(12)} ${`${coldRequest.toFixed(0)} ms`.padStart(13)} ${`${seedSeconds.toFixed(1)} s`.padStart(7)}`,
    );
  }
  const largest = figures.find((entry) => entry.teams === TARGETS.paintTeams);
  if (largest === undefined) return true;
  const pass = largest.timing.afterData <= TARGETS.paintAfterDataMs;
  console.log(`  ${TARGETS.paintTeams} teams painted ${largest.timing.afterData.toFixed(0)} ms after the data arrived (target ≤ ${TARGETS.paintAfterDataMs} ms): ${pass ? 'PASS' : 'MISS'}`);
  return pass;
}

async function main(): Promise<void> {
  if (!existsSync(join(WEB, 'index.html'))) throw new Error(`${WEB}/index.html is missing: run \`npm run build\` first`);
  const sizesPass = reportSizes();
  const skip = browserSkipReason();
  if (skip !== null) {
    console.log(skip);
    return;
  }
  const browser = await launchChromium();
  const figures: Figures[] = [];
  try {
    for (const teams of TEAMS) figures.push(await measure(browser, teams));
  } finally {
    await browser.close();
  }
  const timingsPass = reportTimings(figures);
  console.log(`== ${sizesPass && timingsPass ? 'all targets met' : 'some targets missed'}`);
}

await main();
