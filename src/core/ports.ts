import type { BacklogItem } from './backlog/backlog.js';
import type { Result } from './errors.js';
import type { IsoDate } from './dates.js';
import type { Model } from './model/model.js';
import type { ReportModel } from './report/report-model.js';
import type { Checkpoint } from './workspace/schema.js';
import type { ScanResult } from './scan/result.js';

/**
 * The ports through which services reach the outside world. Adapters implement them; only the
 * composition roots in src/main choose which.
 */

/** A tree of text files addressed by workspace-relative paths with forward slashes. */
export interface FileStore {
  /** The text of a file, or null when it does not exist; a file above the size limit or outside the root is an error. */
  readText(path: string): Promise<Result<string | null>>;
  /** Names directly inside a folder (files and folders), sorted; empty when it does not exist. */
  /** The bytes of a file (a workbook), or null when it does not exist; larger than `maxBytes` is an error. */
  readBytes(path: string, maxBytes?: number): Promise<Result<Uint8Array | null>>;
  list(folder: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /** Writes every file or none: each is written to a temporary file first and renamed into place. */
  writeAll(files: readonly { readonly path: string; readonly text: string | Uint8Array }[]): Promise<Result<null>>;
  /** Removes a folder and everything in it (used to regenerate a demo workspace). */
  removeFolder(folder: string): Promise<Result<null>>;
  /** A path as a person would recognise it in messages. */
  describe(path: string): string;
}

/** Today's date as `YYYY-MM-DD`. */
export interface Clock {
  today(): string;
}

/** Renders a prioritised backlog in one output format (CSV, Jira CSV, GitHub issues, Markdown, JSON). */
export interface BacklogExporter {
  /** The value of `--format`. */
  readonly format: string;
  readonly mediaType: string;
  readonly extension: string;
  readonly description: string;
  render(items: readonly BacklogItem[], context: BacklogExportContext): string;
}

export interface BacklogExportContext {
  readonly organisation: string;
  /** Team id → display name. */
  readonly teamNames: ReadonlyMap<string, string>;
  /** Domain id → display name. */
  readonly domainNames: ReadonlyMap<string, string>;
}

/** What a scan exporter needs to know of a detector to describe it (a SARIF rule, a table row). */
export interface DetectorSummary {
  readonly id: string;
  readonly title: string;
  readonly domain: string;
  readonly kind: string;
  readonly version: number;
}

export interface ScanExportContext {
  readonly detectors: readonly DetectorSummary[];
  readonly domainNames: ReadonlyMap<string, string>;
  readonly toolVersion: string;
}

/** Renders a scan result in one output format (JSON, SARIF, Markdown). */
export interface ScanExporter {
  readonly format: string;
  readonly mediaType: string;
  readonly extension: string;
  readonly description: string;
  render(result: ScanResult, context: ScanExportContext): string;
}

/** The charts a report can draw on its own (`stepwise report --format svg --chart …`). */
export const REPORT_CHARTS = ['heatmap', 'radar', 'trend', 'disagreement'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

/** How heatmap rows are ordered: by team group (with group headers), by name, or by mean level (highest first). */
export const REPORT_ORDERS = ['group', 'name', 'level'] as const;
export type ReportOrder = (typeof REPORT_ORDERS)[number];

export interface ReportRenderOptions {
  /** For single-chart formats: which chart, and for team charts which team. */
  readonly chart?: ReportChart;
  readonly team?: string;
  /** For the workbook: team sheets left empty for a person to fill in. */
  readonly blank?: boolean;
  /** For the workbook: a sheet per team even for a very large organisation. */
  readonly allTeamSheets?: boolean;
}

/** Renders a report (HTML, Markdown, JSON, SVG, workbook) from the report model; lays out, computes nothing. */
export interface ReportExporter {
  readonly format: string;
  readonly mediaType: string;
  readonly extension: string;
  readonly description: string;
  /** Binary output is never printed to a terminal; it needs --out. */
  readonly binary: boolean;
  /** Which charts the report model must carry for this format. */
  readonly charts: 'none' | 'all' | 'one';
  render(report: ReportModel, options: ReportRenderOptions): Promise<Result<string | Uint8Array>>;
}

export interface WorkbookReadContext {
  /** The file as shown in messages. */
  readonly file: string;
  readonly model: Model;
  /** The date of a team sheet whose date cell was left empty (a blank workbook filled in). */
  readonly defaultDate: IsoDate;
}

/** Reads the team sheets of a filled workbook back into validated checkpoints (S2: bounded, values only). */
export type WorkbookReader = (bytes: Uint8Array, context: WorkbookReadContext) => Promise<Result<Checkpoint[]>>;
