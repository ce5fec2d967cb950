import { resolve } from 'node:path';
import pc from 'picocolors';
import { backlogExporters } from '../adapters/exporters/backlog/registry.js';
import { reportExporters } from '../adapters/exporters/report/registry.js';
import { scanExporters } from '../adapters/exporters/scan/registry.js';
import { createFsStore, findWorkspaceRoot } from '../adapters/workspace-files/fs-store.js';
import type { CliContext, Output, PushRequest, PushResponse } from '../cli/context.js';
import { VERSION, runCli } from '../cli/program.js';
import { CI_PARSERS } from '../scanner/ci/parsers.js';
import { DETECTORS } from '../scanner/detectors/registry.js';
import type { Questioner } from '../services/assess.js';
import { builtinModelSource } from './builtin-model.js';
import { createRepositoryReader } from './repository-reader.js';

export { builtinModelSource };

function streamOutput(stream: NodeJS.WriteStream): Output {
  return {
    write: (text) => {
      stream.write(text);
    },
    isTTY: stream.isTTY,
    columns: stream.columns,
  };
}

/** Today in UTC, as `YYYY-MM-DD`; STEPWISE_TODAY overrides it for reproducible runs and tests. */
export function systemToday(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env['STEPWISE_TODAY'];
  return fixed !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? fixed : new Date().toISOString().slice(0, 10);
}

/** How long `stepwise push` waits for the server. */
const PUSH_TIMEOUT_MS = 120_000;

/** POSTs a push with Node's fetch; redirects are refused so the token never follows one to another host. */
async function httpPush(request: PushRequest): Promise<PushResponse> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
      body: JSON.stringify(request.body),
      redirect: 'error',
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    const text = await response.text();
    return { kind: 'answered', status: response.status, body: jsonOrText(text) };
  } catch (error) {
    return { kind: 'unreachable', reason: networkReason(error) };
  }
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The most telling part of a fetch failure: the system error code (ECONNREFUSED…) when there is one. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (error.name === 'TimeoutError') return `no answer within ${PUSH_TIMEOUT_MS / 1000} seconds`;
  return typeof cause?.message === 'string' ? cause.message : error.message;
}

/**
 * The terminal questionnaire, imported when the first question is asked: its prompt library takes
 * about 0.1 s to load, which every other command (a scan, a report) would pay for nothing.
 */
function questionerLoadedOnUse(load: () => Promise<Questioner>): Questioner {
  let loading: Promise<Questioner> | undefined;
  const real = () => (loading ??= load());
  return {
    startDomain: async (domain, index, total) => (await real()).startDomain(domain, index, total),
    status: async (question) => (await real()).status(question),
    justification: async (question) => (await real()).justification(question),
    note: async (question) => (await real()).note(question),
    link: async (question) => (await real()).link(question),
    domainScore: async (domain, levels, previous) => (await real()).domainScore(domain, levels, previous),
  };
}

/** Wires the real adapters into the CLI. */
export function nodeCliContext(cwd: string = process.cwd()): CliContext {
  const color = pc.isColorSupported && process.env['NO_COLOR'] === undefined;
  const colors = pc.createColors(color);
  const stdout = streamOutput(process.stdout);
  return {
    cwd,
    stdout,
    stderr: streamOutput(process.stderr),
    stdinIsTTY: process.stdin.isTTY,
    color,
    clock: { today: () => systemToday() },
    builtinModel: builtinModelSource(),
    backlogExporters,
    scanExporters,
    reportExporters,
    // Loaded on use: exceljs takes close to half a second to import.
    readWorkbook: async (bytes, read) => (await import('../adapters/workbook/index.js')).readWorkbook(bytes, read),
    detectors: DETECTORS,
    ciParsers: CI_PARSERS,
    readRepository: createRepositoryReader(),
    version: VERSION,
    openStore: (dir) => createFsStore(resolve(cwd, dir), { displayBase: cwd }),
    findWorkspace: (start) => findWorkspaceRoot(start),
    resolvePath: (path) => resolve(cwd, path),
    questioner: () => questionerLoadedOnUse(async () => (await import('../cli/questioner.js')).terminalQuestioner(stdout, colors.dim)),
    // Loaded on use so other commands do not pay for Fastify and the database drivers.
    serve: async (request) => {
      const { serveUntilStopped } = await import('./server.js');
      await serveUntilStopped({ ...request, config: { trustProxy: request.trustProxy } });
    },
    push: httpPush,
  };
}

/** The `stepwise` binary. */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv, nodeCliContext());
}
