import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { backlogExporters } from '../adapters/exporters/backlog/registry.js';
import { reportExporters } from '../adapters/exporters/report/registry.js';
import { scanExporters } from '../adapters/exporters/scan/registry.js';
import { createFsStore, findWorkspaceRoot } from '../adapters/workspace-files/fs-store.js';
import type { CliContext, Output } from '../cli/context.js';
import { VERSION, runCli } from '../cli/program.js';
import { terminalQuestioner } from '../cli/questioner.js';
import { CI_PARSERS } from '../scanner/ci/parsers.js';
import { DETECTORS } from '../scanner/detectors/registry.js';
import type { BuiltinModelSource } from '../services/workspace.js';
import { createRepositoryReader } from './repository-reader.js';

/** The package's built-in model file, found relative to this module (dist/main or src/main). */
export function builtinModelSource(): BuiltinModelSource {
  const file = fileURLToPath(new URL('../../model/builtin.yaml', import.meta.url));
  return { file: 'model/builtin.yaml (built-in)', read: () => Promise.resolve(readFileSync(file, 'utf8')) };
}

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
    questioner: () => terminalQuestioner(stdout, colors.dim),
  };
}

/** The `stepwise` binary. */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv, nodeCliContext());
}
