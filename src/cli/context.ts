import type { BacklogExporter, Clock, FileStore, ReportExporter, ScanExporter, WorkbookReader } from '../core/ports.js';
import type { Questioner } from '../services/assess.js';
import type { RepositoryReader } from '../services/scan.js';
import type { CiParser } from '../scanner/ci/index.js';
import type { Detector } from '../scanner/contract.js';
import type { BuiltinModelSource } from '../services/workspace.js';

/** A stream the CLI writes to. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns?: number | undefined;
}

/** Everything the commands need from outside, chosen by the composition root in src/main. */
export interface CliContext {
  readonly cwd: string;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdinIsTTY: boolean;
  readonly color: boolean;
  readonly clock: Clock;
  readonly builtinModel: BuiltinModelSource;
  readonly backlogExporters: ReadonlyMap<string, BacklogExporter>;
  readonly scanExporters: ReadonlyMap<string, ScanExporter>;
  readonly reportExporters: ReadonlyMap<string, ReportExporter>;
  readonly readWorkbook: WorkbookReader;
  readonly detectors: readonly Detector[];
  readonly ciParsers: readonly CiParser[];
  readonly readRepository: RepositoryReader;
  readonly version: string;
  /** Opens the folder at `dir` (absolute or relative to cwd) as a file store. */
  openStore(dir: string): FileStore;
  /** The nearest folder upwards from `start` holding stepwise.yaml. */
  findWorkspace(start: string): string | null;
  /** Absolute form of a path given on the command line. */
  resolvePath(path: string): string;
  questioner(): Questioner;
}
