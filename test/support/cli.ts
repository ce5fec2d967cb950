import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext, Output } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { nodeCliContext } from '../../src/main/cli.js';
import type { Questioner } from '../../src/services/assess.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd: string;
  readonly today?: string;
  readonly tty?: boolean;
  readonly questioner?: Questioner;
  /** Whether standard error is a terminal (progress lines appear only then). */
  readonly stderrTty?: boolean;
}

function capture(tty: boolean): Output & { text: () => string } {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
    },
    isTTY: tty,
    columns: 200,
    text: () => text,
  };
}

/** Runs the real CLI in this process with captured output, a fixed date and the real file adapters. */
export async function stepwise(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  const stdout = capture(options.tty ?? false);
  const stderr = capture(options.stderrTty ?? false);
  const base = nodeCliContext(options.cwd);
  const context: CliContext = {
    ...base,
    stdout,
    stderr,
    stdinIsTTY: options.questioner !== undefined,
    color: false,
    clock: { today: () => options.today ?? '2026-11-27' },
    questioner: () => options.questioner ?? base.questioner(),
  };
  const code = await runCli(['node', 'stepwise', ...args], context);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'stepwise-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
