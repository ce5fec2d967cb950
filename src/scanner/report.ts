import type { Detector } from './contract.js';
import type { ScanResult } from './result.js';

export interface ScanExportContext {
  readonly detectors: readonly Detector[];
  readonly domainNames: ReadonlyMap<string, string>;
  readonly toolVersion: string;
}

/** Renders a scan result in one output format; implementations live in src/adapters/exporters/scan. */
export interface ScanExporter {
  readonly format: string;
  readonly mediaType: string;
  readonly extension: string;
  readonly description: string;
  render(result: ScanResult, context: ScanExportContext): string;
}
