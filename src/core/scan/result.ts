
/** The result contract of `stepwise scan --format json` (PRODUCT.md §7), shared by the scanner, exporters and services. */
export const SCAN_RESULT_VERSION = 1;

export type FindingOutcome = 'positive' | 'negative' | 'not-applicable' | 'error';
export type Confidence = 'high' | 'medium' | 'low';

/** One finding as reported (PRODUCT.md §7), with the detector, its domain and the fixture flag. */
export interface ScanFinding {
  readonly detector: string;
  readonly domain: string;
  readonly outcome: FindingOutcome;
  readonly file: string | null;
  readonly line: number | null;
  readonly fixture: boolean;
  readonly message: string;
  readonly confidence: Confidence;
  /** Level supported (positive) or cap (negative). */
  readonly level: number | null;
  readonly status: 'implemented' | 'partial' | null;
  readonly practices: readonly string[];
  readonly snippet: string | null;
  /** Stable identity of the finding across scans: detector, file, line and a digest of the message. */
  readonly fingerprint: string;
}

export interface DomainProposal {
  readonly domain: string;
  readonly applicable: boolean;
  /** null when the domain does not apply. */
  readonly proposedLevel: number | null;
  readonly confidence: Confidence;
  /** A negative finding holds the level at or below what the evidence alone would give. */
  readonly capped: boolean;
  /** Indexes into `findings` of what supports or caps the proposal. */
  readonly evidence: readonly number[];
}

export interface PracticeEvidence {
  readonly id: string;
  readonly status: 'implemented' | 'partial' | 'not-implemented';
  readonly evidence: readonly number[];
}

/** The `stepwise scan --format json` document (PRODUCT.md §7). */
export interface ScanResult {
  readonly version: number;
  readonly root: string;
  readonly files: number;
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly findings: readonly ScanFinding[];
  readonly domains: readonly DomainProposal[];
  readonly practices: readonly PracticeEvidence[];
}
