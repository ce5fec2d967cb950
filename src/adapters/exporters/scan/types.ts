/**
 * Scan exporters render a scan result. They are adapters: they know the result's shape through
 * these types (kept in step with src/scanner/result.ts by the type-check of src/main, which passes
 * one to the other) and import nothing from other layers.
 */
export interface ScanFindingView {
  readonly detector: string;
  readonly domain: string;
  readonly outcome: 'positive' | 'negative' | 'not-applicable' | 'error';
  readonly file: string | null;
  readonly line: number | null;
  readonly fixture: boolean;
  readonly message: string;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly level: number | null;
  readonly snippet: string | null;
  readonly fingerprint: string;
}

export interface ScanResultView {
  readonly version: number;
  readonly root: string;
  readonly files: number;
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly findings: readonly ScanFindingView[];
  readonly domains: readonly { readonly domain: string; readonly applicable: boolean; readonly proposedLevel: number | null; readonly confidence: string; readonly capped: boolean }[];
  readonly practices: readonly { readonly id: string; readonly status: string; readonly evidence: readonly number[] }[];
}

export interface DetectorView {
  readonly id: string;
  readonly title: string;
  readonly domain: string;
  readonly kind: string;
  readonly version: number;
}

export interface ScanExportContext {
  readonly detectors: readonly DetectorView[];
  readonly domainNames: ReadonlyMap<string, string>;
  readonly toolVersion: string;
}

export interface ScanExporter {
  readonly format: string;
  readonly mediaType: string;
  readonly extension: string;
  readonly description: string;
  render(result: ScanResultView, context: ScanExportContext): string;
}
