import type { Model } from '../core/model/model.js';
import type { CiParser } from './ci/index.js';
import { startCiModel } from './ci/index.js';
import { isFileDetector } from './contract.js';
import type { Detector, DetectorFinding, DetectorInput, FileContext, FileDetector, ScanFile, WholeInputDetector } from './contract.js';
import { practiceEvidence, proposeLevels } from './evaluation/rollup.js';
import { isFixturePath } from './fixtures.js';
import { rememberFileSecrets } from './secrets/rule-sets.js';
import type { FileSecrets } from './secrets/rule-sets.js';
import { SCAN_RESULT_VERSION } from '../core/scan/result.js';
import type { ScanFinding, ScanResult } from '../core/scan/result.js';

export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
}

/** What the file source gathered: the text files read once each, and what it passed over. */
export interface ScanSource {
  /** How the root is shown in the result. */
  readonly root: string;
  readonly files: readonly ScanFile[];
  readonly skipped: readonly SkippedPath[];
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

/**
 * One scan fed file by file, as a reader reads: file-by-file detectors and the CI parsers see each
 * file as it comes, and only the texts that whole-input detectors asked for are kept until `finish`.
 */
export interface ScanSession {
  /**
   * Takes the next text file, in path order. `secrets` is what every named rule set found in it
   * while it was read ({} for nothing); absent when it was not searched, and the secret detectors
   * then search it themselves.
   */
  addFile(file: ScanFile, secrets?: FileSecrets): void;
  /** After the last file: the whole-input detectors, the file-by-file detectors' verdicts, the roll-up. */
  finish(skipped: readonly SkippedPath[]): ScanResult;
}

/** Runs every detector over the files, isolating failures, and rolls the findings up into proposed levels. */
export function runScan(source: ScanSource, setup: ScanSetup): ScanResult {
  const paths = [...source.files.map((file) => file.path), ...source.skipped.map((entry) => entry.path)].sort();
  const session = startScan(source.root, paths, setup);
  for (const file of source.files) session.addFile(file, source.secrets === undefined ? undefined : (source.secrets.get(file.path) ?? NONE_FOUND));
  return session.finish(source.skipped);
}

const NONE_FOUND: FileSecrets = {};

/** What the engine keeps for one detector while the files come in. */
interface DetectorState {
  readonly detector: Detector;
  /** Whole-input detectors: the files they matched, texts kept until the end. */
  readonly files: ScanFile[];
  /** File-by-file detectors: the paths given and the findings so far. */
  readonly seen: string[];
  findings: DetectorFinding[];
  /** A file-by-file detector that threw is asked nothing more; its one finding is the error. */
  failed: boolean;
}

/**
 * Starts a scan of a repository whose paths (every path that will be read or reported as skipped,
 * sorted) are known up front.
 */
export function startScan(root: string, paths: readonly string[], setup: ScanSetup): ScanSession {
  const states = setup.detectors.map((detector): DetectorState => ({ detector, files: [], seen: [], findings: [], failed: false }));
  const ci = startCiModel(setup.ciParsers);
  const context: FileContext = { paths, isFixture: isFixturePath };
  let fileCount = 0;
  return {
    addFile(file, secrets) {
      fileCount += 1;
      if (secrets !== undefined) rememberFileSecrets(file, secrets);
      ci.add(file);
      for (const state of states) {
        if (matchesSafely(state.detector, file.path)) takeFile(state, file, context);
      }
    },
    finish(skipped) {
      const ciModel = ci.model();
      const findings: ScanFinding[] = [];
      for (const state of states) {
        const { detector } = state;
        const found = isFileDetector(detector) ? finishSafely(detector, state, context) : analyzeSafely(detector, { files: state.files, ci: ciModel, paths, isFixture: isFixturePath });
        for (const finding of found) findings.push(againstBaseline(toScanFinding(detector, finding), setup.baseline));
      }
      for (const entry of ciModel.unreadable) findings.push(unreadablePipeline(entry.file, entry.reason));
      const practices = practiceEvidence(findings);
      const domains = proposeLevels(setup.model, setup.detectors, findings, practices);
      return { version: SCAN_RESULT_VERSION, root, files: fileCount, skipped, findings, domains, practices };
    },
  };
}

/** A whole-input detector keeps the file; a file-by-file one looks at it now, and the text can go. */
function takeFile(state: DetectorState, file: ScanFile, context: FileContext): void {
  const { detector } = state;
  if (!isFileDetector(detector)) {
    state.files.push(file);
    return;
  }
  if (state.failed) return;
  state.seen.push(file.path);
  const found = guarded(() => detector.analyzeFile(file, context));
  if (found.failed) failWith(state, found.findings);
  else state.findings.push(...found.findings);
}

function failWith(state: DetectorState, findings: DetectorFinding[]): void {
  state.failed = true;
  state.findings = findings;
}

function matchesSafely(detector: Detector, path: string): boolean {
  try {
    return detector.matches(path);
  } catch {
    return false;
  }
}

/** A detector that throws becomes one `error` finding; the scan goes on. */
function guarded(run: () => readonly DetectorFinding[]): { readonly failed: boolean; readonly findings: DetectorFinding[] } {
  try {
    return { failed: false, findings: [...run()] };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unknown error';
    return { failed: true, findings: [{ outcome: 'error', confidence: 'low', message: `detector failed: ${reason.slice(0, 200)}` }] };
  }
}

function analyzeSafely(detector: WholeInputDetector, input: DetectorInput): readonly DetectorFinding[] {
  return guarded(() => detector.analyze(input)).findings;
}

/** The findings made file by file, then the detector's verdict over all of them (unless it failed). */
function finishSafely(detector: FileDetector, state: DetectorState, context: FileContext): readonly DetectorFinding[] {
  if (state.failed || detector.finish === undefined) return state.findings;
  const verdict = guarded(() => detector.finish?.({ ...context, filesSeen: state.seen, findings: state.findings }) ?? []);
  return verdict.failed ? verdict.findings : [...state.findings, ...verdict.findings];
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
