/**
 * bench:core — for a workspace of 2,000 teams × 4 checkpoints, prints in one run: the time to read the
 * files alone (the floor), to read and parse and validate them (load), to score every team, to build the
 * backlog, and the peak memory; then the same through the built CLI.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFsStore } from '../src/adapters/workspace-files/fs-store.js';
import { workspaceBacklog } from '../src/services/backlog.js';
import { currentStandings } from '../src/services/scoring.js';
import { loadWorkspace } from '../src/services/workspace.js';
import { builtinModelSource } from '../src/main/cli.js';
import { generateWorkspace } from './generate-workspace.js';

const TEAMS = Number(process.env['BENCH_TEAMS'] ?? 2000);
const CHECKPOINTS = Number(process.env['BENCH_CHECKPOINTS'] ?? 4);
const TODAY = '2026-11-27';
const dir = join(import.meta.dirname, 'out', 'core-workspace');

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

async function timed<T>(label: string, work: () => T | Promise<T>): Promise<{ label: string; ms: number; value: T }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { label, ms, value };
}

function readAllFiles(root: string): number {
  let bytes = 0;
  bytes += readFileSync(join(root, 'stepwise.yaml')).length;
  for (const team of readdirSync(join(root, 'assessments'))) {
    for (const file of readdirSync(join(root, 'assessments', team))) bytes += readFileSync(join(root, 'assessments', team, file), 'utf8').length;
  }
  return bytes;
}

async function main(): Promise<void> {
  const generation = await timed('generate', () => generateWorkspace(dir, TEAMS, CHECKPOINTS, '2026-10-15'));
  const info = generation.value;
  console.log(`workspace: ${info.teams} teams × ${CHECKPOINTS} checkpoints = ${info.files} files, ${mib(info.bytes)} (generated in ${(generation.ms / 1000).toFixed(1)} s)`);
  const read = await timed('read files (readFileSync, the floor)', () => readAllFiles(dir));
  const store = createFsStore(dir);
  const load = await timed('load: read + parse + validate', () => loadWorkspace(store, builtinModelSource()));
  if (!load.value.ok) throw new Error(load.value.error.message);
  const workspace = load.value.value;
  const score = await timed('score every team (latest checkpoint)', () => currentStandings(workspace, TODAY));
  const backlog = await timed('backlog (balanced, all teams)', () => workspaceBacklog(workspace, { strategy: 'balanced', today: TODAY }));
  const items = backlog.value.ok ? backlog.value.value.length : 0;
  const heapAfter = process.memoryUsage().heapUsed;
  const rows = [read, load, score, backlog];
  console.log('\nin process:');
  for (const row of rows) console.log(`  ${row.label.padEnd(42)} ${row.ms.toFixed(0).padStart(7)} ms   ${(row.ms / load.ms).toFixed(2)}× load`);
  console.log(`  scoring + backlog together: ${(score.ms + backlog.ms).toFixed(0)} ms = ${(((score.ms + backlog.ms) / load.ms) * 100).toFixed(0)}% of the load time`);
  console.log(`  backlog items: ${items}; heap in use after: ${mib(heapAfter)}; peak RSS: ${mib(peakRss)}`);
  clearInterval(sampler);
  const cli = join(import.meta.dirname, '..', 'bin', 'stepwise.js');
  console.log('\nthrough the built CLI (whole process, wall time):');
  for (const args of [['score', '--json'], ['backlog', '--format', 'json']]) {
    const start = performance.now();
    const output = execFileSync('node', [cli, ...args, '--dir', dir], { env: { ...process.env, STEPWISE_TODAY: TODAY }, maxBuffer: 1 << 30 });
    console.log(`  stepwise ${args.join(' ').padEnd(24)} ${(performance.now() - start).toFixed(0).padStart(7)} ms   ${mib(output.length)} of output`);
  }
}

await main();
