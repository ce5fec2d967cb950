import type { ReportExporter } from '../../../core/ports.js';
import { htmlReportExporter } from './html/index.js';
import { jsonReportExporter } from './json/index.js';
import { markdownReportExporter } from './md/index.js';
import { svgReportExporter } from './svg/index.js';
import { xlsxReportExporter } from './xlsx/index.js';

/** The one list of report exporters, sorted by format; registry.test.ts checks it against the folders. */
const EXPORTERS: readonly ReportExporter[] = [htmlReportExporter, jsonReportExporter, markdownReportExporter, svgReportExporter, xlsxReportExporter];

/** Report exporters by `--format` value. */
export const reportExporters: ReadonlyMap<string, ReportExporter> = new Map(EXPORTERS.map((exporter) => [exporter.format, exporter]));
