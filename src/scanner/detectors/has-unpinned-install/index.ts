import { allSteps } from '../../ci/model.js';
import type { CiModel } from '../../ci/model.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { isDockerfilePath, parseDockerfile } from '../dockerfile.js';
import { parseShellCommands } from '../shell-commands.js';
import { findUnpinnedInstalls } from './unpinned-rules.js';

/** Negative evidence caps supply-chain at 1 (DETECTORS.md row 12). */
const CAP = 1;
/** One option of RUN (`--mount=…`, `--network=…`) before its command. */
const RUN_OPTION = /^--[\w-]+=\S*\s*/;
const SHELL_SCRIPT = /\.(?:sh|bash)$/i;
const VENDORED = /(?:^|\/)(?:node_modules|vendor)\//;
const NPM_LOCKFILE = /(?:^|\/)(?:package-lock|npm-shrinkwrap)\.json$/;

export const detector: Detector = {
  id: 'has-unpinned-install',
  title: 'A build step installs unpinned packages or runs a downloaded script',
  domain: 'supply-chain',
  kind: 'negative',
  evidenceFor: ['supply-chain.pinned-installs'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => !VENDORED.test(path) && (isDockerfilePath(path) || SHELL_SCRIPT.test(path)),
  analyze(input) {
    const { files, ci, paths } = input;
    const npmLockfile = paths.find((path) => NPM_LOCKFILE.test(path) && !VENDORED.test(path) && !input.isFixture(path));
    return [...ciFindings(ci, npmLockfile), ...files.flatMap(fileFindings)];
  },
};

/** One finding per CI step, at the step's line: the run text carries no line of its own. A bare `npm install` counts when an npm lockfile is committed. */
function ciFindings(ci: CiModel, npmLockfile: string | undefined): DetectorFinding[] {
  const options = npmLockfile === undefined ? {} : { npmLockfile };
  return allSteps(ci).flatMap(({ workflow, step }) => {
    if (step.run === undefined) return [];
    const [first, ...more] = findUnpinnedInstalls(parseShellCommands(step.run, step.line), options);
    if (first === undefined) return [];
    const where = step.name === undefined ? '' : ` in step "${step.name}"`;
    const extra = more.length === 0 ? '' : ` (and ${more.length} more in the same step)`;
    return [negative(workflow.file, step.line, `${first.message}${where}${extra}`)];
  });
}

function fileFindings(file: ScanFile): DetectorFinding[] {
  if (isDockerfilePath(file.path)) {
    return parseDockerfile(file).instructions.flatMap((instruction) => {
      if (instruction.keyword !== 'RUN') return [];
      const [first] = findUnpinnedInstalls(parseShellCommands(runScript(instruction.args), instruction.line));
      return first === undefined ? [] : [negative(file.path, instruction.line, `RUN ${first.message}`)];
    });
  }
  const seenLines = new Set<number>();
  return findUnpinnedInstalls(parseShellCommands(file.text)).flatMap((found) => {
    if (seenLines.has(found.line)) return [];
    seenLines.add(found.line);
    return [negative(file.path, found.line, found.message)];
  });
}

/** The shell text of a RUN: options dropped, a heredoc's body (appended by the reader after a newline), or the exec form's `sh -c` script. */
function runScript(args: string): string {
  const command = withoutOptions(args);
  if (command.startsWith('<<')) return command.slice(command.indexOf('\n') + 1);
  if (!command.startsWith('[')) return command;
  const words = execFormWords(command);
  if (words === undefined) return command;
  return words[1] === '-c' && words[2] !== undefined ? words[2] : words.join(' ');
}

function withoutOptions(args: string): string {
  let rest = args;
  for (let option = RUN_OPTION.exec(rest); option !== null; option = RUN_OPTION.exec(rest)) rest = rest.slice(option[0].length);
  return rest;
}

function execFormWords(command: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(command);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

function negative(file: string, line: number, message: string): DetectorFinding {
  return { outcome: 'negative', level: CAP, file, line, confidence: 'high', message };
}
