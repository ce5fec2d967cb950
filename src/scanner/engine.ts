import type { Model } from '../core/model/model.js';
import type { CiParser } from './ci/index.js';
import { buildCiModel } from './ci/index.js';
import type { Detector, DetectorFinding, DetectorInput, ScanFile } from './contract.js';
import { practiceEvidence, proposeLevels } from './evaluation/rollup.js';
import { isFixturePath } from './fixtures.js';
import { rememberFileSecrets } from './secrets/rule-sets.js';
import type { FileSecrets } from './secrets/rule-sets.js';
import { SCAN_RESULT_VERSION } from '../core/scan/result.js';
import type { ScanFinding, ScanResult } from '../core/scan/result.js';

/** What the file source gathered: the text files read once each, and what it passed over. */
export interface ScanSource {
  /** How the root is shown in the result. */
  readonly root: string;
  readonly files: readonly ScanFile[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /**
   * Secrets the source found while it read the files (every named rule set over every file), by
   * path; a file it read but left out had none. Absent when the source did not search: the secret
   * detectors then search themselves.
   */
  readonly secrets?: ReadonlyMap<string, FileSecrets>;
}

export interface ScanSetup {
  readonly model: Model;
  readonly detectors: readonly Detector[];
  readonly ciParsers: readonly CiParser[];
  /** Fingerprints of negative findings accepted in a baseline: reported as known, they neither cap nor fail a gate. */
  readonly baseline?: ReadonlySet<string>;
}

/** Runs every detector over the files, isolating failures, and rolls the findings up into proposed levels. */
export function runScan(source: ScanSource, setup: ScanSetup): ScanResult {
  if (source.secrets !== undefined) rememberAll(source.files, source.secrets);
  const ci = buildCiModel(source.files, setup.ciParsers);
  const paths = [...source.files.map((file) => file.path), ...source.skipped.map((entry) => entry.path)].sort();
  const routed = routeFiles(source.files, setup.detectors);
  const findings: ScanFinding[] = [];
  for (const detector of setup.detectors) {
    const input: DetectorInput = { files: routed.get(detector.id) ?? [], ci, paths, isFixture: isFixturePath };
    for (const finding of analyzeSafely(detector, input)) findings.push(againstBaseline(toScanFinding(detector, finding), setup.baseline));
  }
  for (const entry of ci.unreadable) findings.push(unreadablePipeline(entry.file, entry.reason));
  const practices = practiceEvidence(findings);
  const domains = proposeLevels(setup.model, setup.detectors, findings, practices);
  return { version: SCAN_RESULT_VERSION, root: source.root, files: source.files.length, skipped: source.skipped, findings, domains, practices };
}

/** Hands the secrets found while reading to the secrets engine, so the detectors do not search the files again. */
function rememberAll(files: readonly ScanFile[], secrets: ReadonlyMap<string, FileSecrets>): void {
  for (const file of files) rememberFileSecrets(file, secrets.get(file.path) ?? NONE_FOUND);
}

const NONE_FOUND: FileSecrets = {};

/** Asks each detector once per path, so the engine reads nothing twice and detectors see only their files. */
function routeFiles(files: readonly ScanFile[], detectors: readonly Detector[]): Map<string, ScanFile[]> {
  const routed = new Map<string, ScanFile[]>(detectors.map((detector) => [detector.id, []]));
  for (const file of files) {
    for (const detector of detectors) if (matchesSafely(detector, file.path)) routed.get(detector.id)?.push(file);
  }
  return routed;
}

function matchesSafely(detector: Detector, path: string): boolean {
  try {
    return detector.matches(path);
  } catch {
    return false;
  }
}

/** A detector that throws becomes one `error` finding; the scan goes on. */
function analyzeSafely(detector: Detector, input: DetectorInput): readonly DetectorFinding[] {
  try {
    return detector.analyze(input);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unknown error';
    return [{ outcome: 'error', confidence: 'low', message: `detector failed: ${reason.slice(0, 200)}` }];
  }
}

function toScanFinding(detector: Detector, finding: DetectorFinding): ScanFinding {
  const file = finding.file ?? null;
  const line = finding.line ?? null;
  return {
    detector: detector.id,
    domain: detector.domain,
    outcome: finding.outcome,
    file,
    line,
    fixture: file !== null && detector.testPathsAreEvidence !== true && isFixturePath(file),
    message: finding.message,
    confidence: finding.confidence,
    level: finding.level ?? null,
    status: finding.outcome === 'positive' ? (finding.status ?? 'implemented') : null,
    practices: finding.practices ?? detector.evidenceFor,
    snippet: finding.snippet ?? null,
    fingerprint: fingerprintOf(detector.id, file, line, finding.message),
  };
}

function againstBaseline(finding: ScanFinding, baseline: ReadonlySet<string> | undefined): ScanFinding {
  if (baseline === undefined || finding.outcome !== 'negative' || !baseline.has(finding.fingerprint)) return finding;
  return { ...finding, outcome: 'not-applicable', message: `${finding.message} (already in the baseline)` };
}

function unreadablePipeline(file: string, reason: string): ScanFinding {
  return {
    detector: 'ci-model',
    domain: 'ci-security-testing',
    outcome: 'error',
    file,
    line: null,
    fixture: isFixturePath(file),
    message: reason,
    confidence: 'low',
    level: null,
    status: null,
    practices: [],
    snippet: null,
    fingerprint: fingerprintOf('ci-model', file, null, reason),
  };
}

/** FNV-1a over the finding's identity, as 16 hex digits: stable across scans and machines. */
export function fingerprintOf(detector: string, file: string | null, line: number | null, message: string): string {
  const text = `${detector}\u0000${file ?? ''}\u0000${line ?? 0}\u0000${message}`;
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let index = 0; index < text.length; index += 1) {
    low ^= text.charCodeAt(index);
    const productLow = Math.imul(low, 0x1b3);
    const carry = Math.floor((low >>> 0) * 0x1b3 / 0x100000000);
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
    low = productLow >>> 0;
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}
