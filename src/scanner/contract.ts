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

/** A detector: metadata, a cheap path filter and a pure analysis (DESIGN.md §2). */
export interface Detector {
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
  analyze(input: DetectorInput): readonly DetectorFinding[];
}
