import { jsonScanExporter } from './json.js';
import { markdownScanExporter } from './markdown.js';
import { sarifScanExporter } from './sarif.js';
import type { ScanExporter } from '../../../core/ports.js';

/** Scan output formats by `--format` value. */
export const scanExporters: ReadonlyMap<string, ScanExporter> = new Map([jsonScanExporter, markdownScanExporter, sarifScanExporter].map((exporter) => [exporter.format, exporter]));
