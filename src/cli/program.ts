import { Command, CommanderError } from 'commander';
import type { CliContext } from './context.js';
import { registerAssess } from './command-assess.js';
import { registerBacklog } from './command-backlog.js';
import { registerCompare } from './command-compare.js';
import { registerDemo } from './command-demo.js';
import { registerDue } from './command-due.js';
import { registerInit } from './command-init.js';
import { registerModel } from './command-model.js';
import { registerPush } from './command-push.js';
import { registerScan } from './command-scan.js';
import { registerReport } from './command-report.js';
import { registerScore } from './command-score.js';
import { registerServe } from './command-serve.js';
import { registerTransfer } from './command-transfer.js';
import { EXIT_OK, EXIT_USAGE_OR_INPUT, Failure, exitCodeFor, failureLine } from './failure.js';

export const VERSION = '0.1.0';

/** Runs one command line and returns its exit code; never lets a stack trace reach the person. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(context, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return handleError(error, context);
  }
}

function handleError(error: unknown, context: CliContext): number {
  if (error instanceof Failure) {
    context.stderr.write(failureLine(error.error));
    return exitCodeFor(error.error);
  }
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE_OR_INPUT;
  }
  if (isPromptCancelled(error)) {
    context.stderr.write('stepwise: cancelled; nothing was written\n');
    return EXIT_USAGE_OR_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(`stepwise: internal error: ${message.split('\n')[0] ?? ''} (please report it)\n`);
  return 70;
}

function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/** The command tree; `setExitCode` lets a command report a gate failure without throwing. */
export function buildProgram(context: CliContext, setExitCode: (code: number) => void): Command {
  const program = new Command('stepwise');
  program
    .description('Measure DevSecOps maturity per team, see the gaps, and turn them into a prioritised backlog.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => {
        context.stdout.write(text);
      },
      writeErr: (text) => {
        context.stderr.write(text);
      },
    });
  registerDemo(program, context);
  registerInit(program, context);
  registerModel(program, context);
  registerAssess(program, context);
  registerScore(program, context);
  registerBacklog(program, context);
  registerReport(program, context);
  registerCompare(program, context);
  registerDue(program, context, setExitCode);
  registerScan(program, context, setExitCode);
  registerTransfer(program, context);
  registerServe(program, context);
  registerPush(program, context);
  return program;
}
