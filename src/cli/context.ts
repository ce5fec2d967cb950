import type { BacklogExporter, Clock, FileStore, ReportExporter, ScanExporter, WorkbookReader } from '../core/ports.js';
import type { Questioner } from '../services/assess.js';
import type { RepositoryReader } from '../services/scan.js';
import type { CiParser } from '../scanner/ci/index.js';
import type { Detector } from '../scanner/contract.js';
import type { BuiltinModelSource } from '../services/workspace.js';

/** What `stepwise serve` was asked for. */
export interface ServeRequest {
  readonly db: string;
  readonly port: number;
  readonly host: string;
  readonly demo: boolean;
  readonly logRequests: boolean;
  readonly trustProxy: boolean;
}

/** A stream the CLI writes to. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns?: number | undefined;
}

/** What `stepwise push` sends: a JSON body POSTed to a server URL with a bearer token. */
export interface PushRequest {
  readonly url: string;
  readonly token: string;
  readonly body: unknown;
}

/** The server's answer (the body parsed as JSON when it is JSON, else its text), or why it could not be reached. */
export type PushResponse = { readonly kind: 'answered'; readonly status: number; readonly body: unknown } | { readonly kind: 'unreachable'; readonly reason: string };

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
  /** Runs the server until it is stopped (SIGTERM or SIGINT). */
  serve(request: ServeRequest): Promise<void>;
  /** Sends a push to a Stepwise server over HTTP(S). */
  push(request: PushRequest): Promise<PushResponse>;
}
