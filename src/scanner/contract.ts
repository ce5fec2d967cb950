import type { AnswerStatus } from '../core/workspace/answer-status.js';
import type { CiModel } from './ci/model.js';

/** One text file of the scanned repository: a path relative to the root with forward slashes. */
export interface ScanFile {
  readonly path: string;
  readonly text: string;
}

export type { Confidence, FindingOutcome } from '../core/scan/result.js';
import type { Confidence, FindingOutcome } from '../core/scan/result.js';

/** What a detector reports. The engine adds the detector id, domain and the fixture flag. */
export interface DetectorFinding {
  readonly outcome: FindingOutcome;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly confidence: Confidence;
  /**
   * The level this evidence supports (1–3) for a positive finding, or the level a negative finding
   * caps its domain at (0 = the domain cannot rise above 0; 1 = not above 1 …). Defaults: positive →
   * the level of the practices evidenced; negative → 0.
   */
  readonly level?: number;
  /** How far the evidence goes for its practices: implemented (default for positive) or partial. */
  readonly status?: Extract<AnswerStatus, 'implemented' | 'partial'>;
  /** The practices this finding speaks to; defaults to the detector's evidenceFor. */
  readonly practices?: readonly string[];
  /** A short, redacted excerpt that shows what was found (never a whole secret). */
  readonly snippet?: string;
}

/** What a detector gets: the files it asked for, the normalised CI model and every path scanned. */
export interface DetectorInput {
  readonly files: readonly ScanFile[];
  readonly ci: CiModel;
  /** Every path of the scan (files read or skipped), sorted; for applicability and neighbour checks. */
  readonly paths: readonly string[];
  /** True for test fixtures and examples, which neither count as evidence nor cap a level. */
  isFixture(path: string): boolean;
}

export type Lifecycle = 'experimental' | 'stable';

/**
 * positive: its findings show a practice in place. negative: its findings contradict a practice and
 * cap the domain. applicability: decides whether the domain applies at all (a `not-applicable`
 * finding when the repository has nothing of the kind).
 */
export type DetectorKind = 'positive' | 'negative' | 'applicability';

/** What every detector declares: metadata and a cheap path filter (DESIGN.md §2). */
interface DetectorMetadata {
  /** kebab-case yes/no question, e.g. `pins-actions-by-sha`; equals its folder name. */
  readonly id: string;
  readonly title: string;
  /** The built-in domain this detector speaks to. */
  readonly domain: string;
  readonly kind: DetectorKind;
  /** Practices of the built-in model that its positive findings evidence (or its negative ones contradict). */
  readonly evidenceFor: readonly string[];
  /** Bumped whenever what a finding means changes. */
  readonly version: number;
  readonly lifecycle: Lifecycle;
  /** Test files are this detector's evidence (fuzz targets, test suites), so its findings there are not fixtures. */
  readonly testPathsAreEvidence?: boolean;
  /** Which files it wants to read (called once per path; keep it cheap). CI-only detectors return false. */
  matches(path: string): boolean;
}

/**
 * A detector that judges everything it asked for at once: the files it matched, the CI model and
 * every path. The engine keeps the texts of its files until the last file is read, so a detector
 * whose `matches` takes many files should look at them one by one instead (FileDetector).
 */
export interface WholeInputDetector extends DetectorMetadata {
  analyze(input: DetectorInput): readonly DetectorFinding[];
}

/** What a file-by-file detector knows besides the file: the same for every file of one scan. */
export interface FileContext {
  /** Every path of the scan (files read or skipped), sorted. */
  readonly paths: readonly string[];
  isFixture(path: string): boolean;
}

/** What `finish` gets: the context, the files it was given (paths, in order) and what it found in them. */
export interface FinishContext extends FileContext {
  readonly filesSeen: readonly string[];
  readonly findings: readonly DetectorFinding[];
}

/**
 * A detector that judges each file on its own, as it is read, so the file's text can be let go
 * right after (the secret detectors, fuzz targets: thousands of files). `finish` runs once after
 * the last file, for a verdict over all of them; it sees the paths and findings, not the texts.
 */
export interface FileDetector extends DetectorMetadata {
  analyzeFile(file: ScanFile, context: FileContext): readonly DetectorFinding[];
  finish?(context: FinishContext): readonly DetectorFinding[];
}

/** A detector: metadata, a cheap path filter and a pure analysis, of all its input or file by file. */
export type Detector = WholeInputDetector | FileDetector;

/** True for a detector that looks at one file at a time. */
export function isFileDetector(detector: Detector): detector is FileDetector {
  return 'analyzeFile' in detector;
}
