/**
 * bench:report — for a workspace of 2,000 teams × 4 checkpoints, prints in one run:
 * - in process, after one load: the time to score every team (the baseline), to build the report data,
 *   to draw every chart, and to render each format (HTML, Markdown, JSON, workbook, heatmap SVG);
 * - through the built CLI, each format as its own process: wall time, peak RSS (from /usr/bin/time) and
 *   the size of the file written;
 * - in Chromium: how soon the 2,000-team HTML report paints and loads, and how long a team filter takes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { reportExporters } from '../src/adapters/exporters/report/registry.js';
import { createFsStore } from '../src/adapters/workspace-files/fs-store.js';
import type { ReportModel } from '../src/core/report/report-model.js';
import { buildReport } from '../src/services/report.js';
import { paintAllCharts, paintOneChart } from '../src/services/report-charts.js';
import { currentStandings } from '../src/services/scoring.js';
import { loadWorkspace } from '../src/services/workspace.js';
import type { Workspace } from '../src/services/workspace.js';
import { builtinModelSource } from '../src/main/cli.js';
import { generateWorkspace } from './generate-workspace.js';

const TEAMS = Number(process.env['BENCH_TEAMS'] ?? 2000);
const CHECKPOINTS = Number(process.env['BENCH_CHECKPOINTS'] ?? 4);
const TODAY = '2026-11-27';
const out = join(import.meta.dirname, 'out');
const dir = join(out, 'report-workspace');
const request = { today: TODAY, strategy: 'balanced' as const, toolVersion: 'bench' };

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function timed<T>(label: string, work: () => T | Promise<T>): Promise<{ label: string; ms: number; value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const value = await work();
  return { label, ms: performance.now() - start, value };
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function inProcess(workspace: Workspace): Promise<void> {
  const score = await timed('score every team (baseline)', () => currentStandings(workspace, TODAY));
  const data = await timed('report data (scores, history, backlog)', async () => must(await buildReport(workspace, request)));
  const charts = await timed('report data + every chart', async () => must(await buildReport(workspace, request, paintAllCharts)));
  const withCharts: ReportModel = charts.value;
  const rows: { label: string; ms: number }[] = [score, data, charts];
  for (const format of ['html', 'md', 'json', 'xlsx']) {
    const exporter = reportExporters.get(format)!;
    const report = exporter.charts === 'all' ? withCharts : data.value;
    rows.push(await timed(`render ${format} (from the report data)`, async () => must(await exporter.render(report, {}))));
  }
  const svg = await timed('heatmap SVG (data + chart + render)', async () => must(await buildReport(workspace, request, paintOneChart('heatmap', undefined))));
  rows.push(svg);
  console.log('\nin process, after loading the workspace once:');
  for (const row of rows) console.log(`  ${row.label.padEnd(44)} ${row.ms.toFixed(0).padStart(7)} ms   ${(row.ms / score.ms).toFixed(1).padStart(5)}× scoring`);
}

function viaCli(): Map<string, string> {
  const cli = join(import.meta.dirname, '..', 'bin', 'stepwise.js');
  const files = new Map<string, string>();
  console.log('\nthrough the built CLI, one process per output (load included):');
  const runs: [string, string[]][] = [
    ['score --json (baseline)', ['score', '--json']],
    ['report html', ['report', '--format', 'html', '--out', join(out, 'report.html')]],
    ['report md', ['report', '--format', 'md', '--out', join(out, 'report.md')]],
    ['report json', ['report', '--format', 'json', '--out', join(out, 'report.json')]],
    ['export xlsx', ['export', 'xlsx', '--out', join(out, 'report.xlsx')]],
    ['report svg heatmap', ['report', '--format', 'svg', '--chart', 'heatmap', '--out', join(out, 'heatmap.svg')]],
  ];
  for (const [label, args] of runs) {
    const start = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kib=%M', 'node', cli, ...args, '--dir', dir], {
      env: { ...process.env, STEPWISE_TODAY: TODAY },
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (run.status !== 0) throw new Error(`stepwise ${args.join(' ')} failed: ${run.stderr.toString()}`);
    const stderr = run.stderr.toString();
    const ms = performance.now() - start;
    const rss = Number(/peak-rss-kib=(\d+)/.exec(stderr)?.[1] ?? 0) * 1024;
    const file = args[args.indexOf('--out') + 1];
    const size = args.includes('--out') && file !== undefined && existsSync(file) ? statSync(file).size : 0;
    if (file !== undefined && args.includes('--out')) files.set(label, file);
    console.log(`  ${label.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(6)} s   peak RSS ${mib(rss).padStart(10)}   ${size > 0 ? `file ${mib(size)}` : ''}`);
  }
  return files;
}

async function inChromium(htmlFile: string): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) {
    console.log('\nChromium: /usr/bin/chromium missing, skipped (apt-get install -y chromium)');
    return;
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const start = performance.now();
  await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: 300_000 });
  const loadedAfter = performance.now() - start;
  const timing = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
    const navigation = performance.getEntriesByName(location.href)[0] as (PerformanceEntry & { domContentLoadedEventEnd?: number; loadEventEnd?: number }) | undefined;
    return { paint, domContentLoaded: navigation?.domContentLoadedEventEnd ?? -1, load: navigation?.loadEventEnd ?? -1 };
  });
  const heatmapCells = await page.$$eval('.chart.heatmap [data-domain]', (cells) => cells.length);
  const filterStart = performance.now();
  await page.fill('#team-filter', 'team 1999');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => { resolve(null); })));
  const filterMs = performance.now() - filterStart;
  const shown = await page.$$eval('.chart.heatmap g.hm-row', (rows) => rows.filter((row) => row.getAttribute('display') !== 'none').length);
  await browser.close();
  console.log('\nin Chromium (headless, 1400×900), the HTML report:');
  console.log(`  first contentful paint      ${timing.paint.toFixed(0).padStart(7)} ms`);
  console.log(`  DOMContentLoaded            ${timing.domContentLoaded.toFixed(0).padStart(7)} ms`);
  console.log(`  load event                  ${timing.load.toFixed(0).padStart(7)} ms   (goto returned after ${loadedAfter.toFixed(0)} ms)`);
  console.log(`  heatmap cells in the page   ${String(heatmapCells).padStart(7)}`);
  console.log(`  filter to one team          ${filterMs.toFixed(0).padStart(7)} ms   (${shown} row shown)`);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const generated = await timed('generate', () => generateWorkspace(dir, TEAMS, CHECKPOINTS, '2026-10-15'));
  console.log(`workspace: ${generated.value.teams} teams × ${CHECKPOINTS} checkpoints, ${generated.value.files} files, ${mib(generated.value.bytes)}`);
  const load = await timed('load', async () => must(await loadWorkspace(createFsStore(dir), builtinModelSource())));
  console.log(`loaded in ${(load.ms / 1000).toFixed(1)} s`);
  await inProcess(load.value);
  const files = viaCli();
  const html = files.get('report html');
  if (html !== undefined) await inChromium(html);
  const markdown = files.get('report md');
  if (markdown !== undefined) console.log(`\nMarkdown report: ${readFileSync(markdown, 'utf8').split('\n').length} lines`);
}

await main();
