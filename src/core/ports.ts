import type { BacklogItem } from './backlog/backlog.js';
import type { Result } from './errors.js';
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
