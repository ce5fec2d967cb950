/**
 * bench:scan — on one synthetic repository (≥ 10,000 files, ≥ 80 MB), prints in one run: the time to
 * walk and read every file (the floor), the time and peak memory of a full `stepwise scan` (all
 * detectors and the secret rules, as a process, as a user runs it), the same for secretlint with its
 * recommended preset over the same files, and recall/precision on the planted secrets for both.
 * The floor and Stepwise's figures are the median of three runs after a warm-up, so one hiccup of a
 * busy machine does not decide them; secretlint, which takes minutes, runs once.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepository } from './generate-repo.js';
import type { PlantedSecret } from './generate-repo.js';

const root = join(import.meta.dirname, 'out', 'scan-repository');
const project = join(import.meta.dirname, '..');
const cli = join(project, 'bin', 'stepwise.js');
const RUNS = 3;
const TARGET_RATIO = 3;
const TARGET_PEAK_MIB = 200;

function readEverything(folder: string): number {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) bytes += readEverything(path);
    else if (entry.isFile()) bytes += readFileSync(path).length;
  }
  return bytes;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The floor: walk the tree and readFileSync every file, in this process, after one warm-up pass. */
function measureFloor(): { ms: number; cpuMs: number; bytes: number } {
  readEverything(root);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    bytes = readEverything(root);
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - started);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpuTimes), bytes };
}

interface ProcessRun {
  readonly ms: number;
  /** User + system CPU time of the process, all threads: less disturbed than wall time by other work on the machine. */
  readonly cpuMs: number;
  readonly peakBytes: number;
  readonly status: number | null;
  readonly stderr: string;
}

/** Runs a command under /usr/bin/time: wall time and peak resident memory of the whole process (its threads included). */
function timed(command: string, args: readonly string[], cwd = project): ProcessRun {
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', 'peak-kib %M cpu-s %U %S', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  const figures = /peak-kib (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(run.stderr);
  const peakBytes = Number(figures?.[1] ?? 0) * 1024;
  const cpuMs = (Number(figures?.[2] ?? 0) + Number(figures?.[3] ?? 0)) * 1000;
  return { ms, cpuMs, peakBytes, status: run.status, stderr: run.stderr.replace(/peak-kib \d+ cpu-s .*\s*$/, '').trim() };
}

/** Median time and the highest peak of a few runs, after a warm-up run. */
function repeated(command: string, args: readonly string[], cwd = project): ProcessRun {
  timed(command, args, cwd);
  const runs = Array.from({ length: RUNS }, () => timed(command, args, cwd));
  const last = runs.at(-1) ?? timed(command, args, cwd);
  return { ...last, ms: median(runs.map((run) => run.ms)), cpuMs: median(runs.map((run) => run.cpuMs)), peakBytes: Math.max(...runs.map((run) => run.peakBytes)) };
}

const key = (file: string | null, line: number | null) => `${file ?? ''}:${line ?? 0}`;

interface Score {
  readonly recalled: number;
  readonly reported: number;
  readonly truePositives: number;
  readonly missedKinds: string[];
}

function score(planted: readonly PlantedSecret[], found: readonly { file: string | null; line: number | null }[]): Score {
  const plantedKeys = new Set(planted.map((secret) => key(secret.file, secret.line)));
  const foundKeys = new Set(found.map((finding) => key(finding.file, finding.line)));
  const missed = planted.filter((secret) => !foundKeys.has(key(secret.file, secret.line)));
  return {
    recalled: planted.length - missed.length,
    reported: foundKeys.size,
    truePositives: [...foundKeys].filter((entry) => plantedKeys.has(entry)).length,
    missedKinds: [...new Set(missed.map((secret) => secret.kind))],
  };
}

function describeScore(label: string, planted: number, result: Score): string {
  const percent = (part: number, whole: number) => `${((part / Math.max(1, whole)) * 100).toFixed(1)}%`;
  const missed = result.missedKinds.length === 0 ? '' : `; missed kinds: ${result.missedKinds.join(', ')}`;
  return `${label}: recall ${result.recalled}/${planted} = ${percent(result.recalled, planted)}, precision ${result.truePositives}/${result.reported} = ${percent(result.truePositives, result.reported)}${missed}`;
}

interface StepwiseFinding {
  detector: string;
  outcome: string;
  file: string | null;
  line: number | null;
  fixture: boolean;
}

function benchStepwise(floor: number, floorCpu: number, planted: readonly PlantedSecret[]): { ms: number; score: Score } {
  const out = join(import.meta.dirname, 'out', 'scan-result.json');
  const empty = mkdtempSync(join(tmpdir(), 'stepwise-bench-empty-'));
  const startup = repeated('node', [cli, 'scan', empty, '--format', 'json', '--out', join(empty, 'result.json')]);
  rmSync(empty, { recursive: true, force: true });
  const scan = repeated('node', [cli, 'scan', root, '--format', 'json', '--out', out]);
  if (scan.status !== 0) throw new Error(`stepwise scan failed (${scan.status}): ${scan.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as { files: number; findings: StepwiseFinding[] };
  const secrets = result.findings.filter((finding) => (finding.detector === 'has-hardcoded-secret' || finding.detector === 'has-committed-private-key') && finding.outcome === 'negative');
  const ratio = scan.ms / floor;
  console.log(`stepwise scan (whole process, ${result.files} files, ${result.findings.length} findings): ${scan.ms.toFixed(0)} ms = ${ratio.toFixed(1)}× the floor (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'missed'}); peak RSS ${mib(scan.peakBytes)} (target ≤ ${TARGET_PEAK_MIB} MiB: ${scan.peakBytes <= TARGET_PEAK_MIB * 1024 * 1024 ? 'met' : 'missed'})`);
  console.log(`  of which start-up (the same command on an empty folder: Node, module loading, model): ${startup.ms.toFixed(0)} ms, peak RSS ${mib(startup.peakBytes)}; the scan's own work: ${(scan.ms - startup.ms).toFixed(0)} ms = ${((scan.ms - startup.ms) / floor).toFixed(1)}× the floor`);
  console.log(`  CPU time (user + system, all threads): ${scan.cpuMs.toFixed(0)} ms = ${(scan.cpuMs / floorCpu).toFixed(1)}× the floor's ${floorCpu.toFixed(0)} ms; start-up ${startup.cpuMs.toFixed(0)} ms`);
  const found = score(planted, secrets);
  console.log(describeScore('  secrets', planted.length, found));
  console.log(`  fixture findings (reported, not capping): ${secrets.filter((finding) => finding.fixture).length}`);
  return { ms: scan.ms, score: found };
}

interface SecretlintJson {
  filePath: string;
  messages: { loc?: { start?: { line?: number } } }[];
}

/**
 * secretlint's time grows with the square of the number of files it is given in one process (here:
 * 400 files 4 s, 1,600 files 71 s; all 10,500 had not finished after 25 minutes), so it is run over
 * the same files in batches, one process after another: times added up, the highest peak kept. That
 * is in its favour, and a user could do the same.
 */
const SECRETLINT_BATCH = 500;

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(join(folder, entry.name), path);
    return entry.isFile() ? [path] : [];
  });
}

/** secretlint with its recommended preset, as CLI processes with a config written to a temporary folder, over the same files. */
function benchSecretlint(floor: number, planted: readonly PlantedSecret[], ours: { ms: number; score: Score }): void {
  const bin = join(project, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const version = readVersion(join(project, 'node_modules', 'secretlint', 'package.json'));
  if (version === null) {
    console.log('secretlint: not installed (npm i -D secretlint @secretlint/secretlint-rule-preset-recommend), skipped');
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'stepwise-bench-secretlint-'));
  const config = join(folder, 'secretlintrc.json');
  writeFileSync(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  try {
    const files = listFiles(root).sort();
    let ms = 0;
    let peakBytes = 0;
    const found: { file: string; line: number | null }[] = [];
    for (let start = 0; start < files.length; start += SECRETLINT_BATCH) {
      const out = join(folder, 'result.json');
      const run = timed('node', [bin, '--no-glob', ...files.slice(start, start + SECRETLINT_BATCH), '--secretlintrc', config, '--format', 'json', '--output', out, '--no-color'], root);
      // Exit 1 means "found something"; anything else is a crash (for example an engine it does not support).
      if (run.status !== 0 && run.status !== 1) {
        console.log(`secretlint ${version}: does not run on Node ${process.versions.node} (exit ${run.status}): ${run.stderr.split('\n').slice(0, 3).join(' / ')}; skipped`);
        return;
      }
      ms += run.ms;
      peakBytes = Math.max(peakBytes, run.peakBytes);
      found.push(...secretlintFindings(readFileSync(out, 'utf8')));
    }
    const theirs = score(planted, found);
    console.log(`secretlint ${version} + preset-recommend (same files, ${Math.ceil(files.length / SECRETLINT_BATCH)} processes of ${SECRETLINT_BATCH} files): ${ms.toFixed(0)} ms = ${(ms / floor).toFixed(1)}× the floor; peak RSS ${mib(peakBytes)}`);
    console.log(describeScore('  secrets', planted.length, theirs));
    const faster = ours.ms < ms;
    const findsMore = ours.score.recalled > theirs.recalled;
    console.log(`stepwise vs secretlint: ${(ms / ours.ms).toFixed(1)}× ${faster ? 'faster' : 'slower'} (target: faster: ${faster ? 'met' : 'missed'}); recall ${ours.score.recalled} vs ${theirs.recalled} (target: more: ${findsMore ? 'met' : 'missed'})`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function secretlintFindings(json: string): { file: string; line: number | null }[] {
  const results = JSON.parse(json) as SecretlintJson[];
  return results.flatMap((entry) => entry.messages.map((message) => ({ file: relative(root, resolve(root, entry.filePath)), line: message.loc?.start?.line ?? null })));
}

function readVersion(packageJson: string): string | null {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function main(): void {
  const started = performance.now();
  mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
  const repository = generateRepository(root);
  console.log(`repository: ${repository.files} files, ${mib(repository.bytes)}, ${repository.planted.length} planted secrets (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  // Other work on the machine slows every figure here; the load says how much there was.
  console.log(`machine: ${availableParallelism()} cores, Node ${process.versions.node}, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  const floor = measureFloor();
  console.log(`floor: walk + readFileSync of every file: ${floor.ms.toFixed(0)} ms (${mib(floor.bytes)}; CPU ${floor.cpuMs.toFixed(0)} ms)`);
  const ours = benchStepwise(floor.ms, floor.cpuMs, repository.planted);
  // `--no-peer` leaves secretlint out, for a quick run while working on the scanner.
  if (process.argv.includes('--no-peer')) console.log('secretlint: left out (--no-peer)');
  else benchSecretlint(floor.ms, repository.planted, ours);
}

main();
