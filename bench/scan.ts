/**
 * bench:scan — on one synthetic repository (≥ 10,000 files, ≥ 80 MB), prints in one run: the time to
 * walk and read every file (the floor), the time and peak memory of a full scan (all detectors and
 * the secret rules), and recall/precision on the planted secrets.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepository } from './generate-repo.js';

const root = join(import.meta.dirname, 'out', 'scan-repository');
const cli = join(import.meta.dirname, '..', 'bin', 'stepwise.js');

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

interface Finding {
  detector: string;
  outcome: string;
  file: string | null;
  line: number | null;
  fixture: boolean;
}

function main(): void {
  const started = performance.now();
  const repository = generateRepository(root);
  console.log(`repository: ${repository.files} files, ${mib(repository.bytes)}, ${repository.planted.length} planted secrets (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  readEverything(root);
  const floorStart = performance.now();
  const floorBytes = readEverything(root);
  const floor = performance.now() - floorStart;
  console.log(`floor: walk + readFileSync of every file: ${floor.toFixed(0)} ms (${mib(floorBytes)})`);
  const out = join(import.meta.dirname, 'out', 'scan-result.json');
  const scanStart = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', 'peak-kib %M', 'node', cli, 'scan', root, '--format', 'json', '--out', out], { encoding: 'utf8' });
  const scan = performance.now() - scanStart;
  const peak = Number(/peak-kib (\d+)/.exec(run.stderr)?.[1] ?? 0) * 1024;
  const result = JSON.parse(readFileSync(out, 'utf8')) as { files: number; findings: Finding[] };
  console.log(`stepwise scan (whole process, all ${result.findings.length} findings): ${scan.toFixed(0)} ms = ${(scan / floor).toFixed(1)}× the floor; peak RSS ${mib(peak)}; result ${mib(statSync(out).size)}`);
  const secrets = result.findings.filter((finding) => (finding.detector === 'has-hardcoded-secret' || finding.detector === 'has-committed-private-key') && finding.outcome === 'negative');
  const key = (file: string | null, line: number | null) => `${file ?? ''}:${line ?? 0}`;
  const plantedKeys = new Set(repository.planted.map((secret) => key(secret.file, secret.line)));
  const foundKeys = new Set(secrets.map((finding) => key(finding.file, finding.line)));
  const recalled = repository.planted.filter((secret) => foundKeys.has(key(secret.file, secret.line)));
  const truePositives = secrets.filter((finding) => plantedKeys.has(key(finding.file, finding.line)));
  console.log(`secrets: recall ${recalled.length}/${repository.planted.length} = ${((recalled.length / repository.planted.length) * 100).toFixed(1)}%, precision ${truePositives.length}/${secrets.length} = ${((truePositives.length / Math.max(1, secrets.length)) * 100).toFixed(1)}%`);
  const missedKinds = repository.planted.filter((secret) => !foundKeys.has(key(secret.file, secret.line))).map((secret) => secret.kind);
  if (missedKinds.length > 0) console.log(`missed: ${[...new Set(missedKinds)].join(', ')}`);
  const fixtures = secrets.filter((finding) => finding.fixture).length;
  console.log(`fixture findings (reported, not capping): ${fixtures}`);
}

main();
