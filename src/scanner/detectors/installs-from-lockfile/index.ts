import type { CiStep } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';
import { isCompiledRequirements, mayBeCompiledRequirements } from '../pip-requirements.js';
import { pipelineSteps } from '../pipeline-steps.js';
import { flagValue, hasFlag, parseShellCommands } from '../shell-commands.js';
import type { ShellCommand } from '../shell-commands.js';
import { callName, unreadablePipelines } from '../security-tools.js';

const NPM_CI = new Set(['ci', 'clean-install', 'ic', 'install-clean']);
const INSTALL = new Set(['install', 'i']);
const PIP = /^pip(?:\d(?:\.\d+)?)?$/;

/** Each rule names the command form it recognises (DETECTORS.md row 11). */
const RULES: readonly { readonly form: string; readonly test: (command: ShellCommand) => boolean }[] = [
  { form: 'npm ci', test: (command) => command.program === 'npm' && NPM_CI.has(command.argv[1] ?? '') },
  { form: 'yarn --frozen-lockfile / --immutable', test: (command) => command.program === 'yarn' && hasFlag(command, '--frozen-lockfile', '--immutable') },
  { form: 'pnpm install --frozen-lockfile', test: (command) => command.program === 'pnpm' && INSTALL.has(command.argv[1] ?? '') && hasFlag(command, '--frozen-lockfile') },
  { form: 'bun install --frozen-lockfile', test: (command) => command.program === 'bun' && INSTALL.has(command.argv[1] ?? '') && hasFlag(command, '--frozen-lockfile') },
  { form: 'pip install --require-hashes', test: (command) => PIP.test(command.program) && command.argv[1] === 'install' && hasFlag(command, '--require-hashes') },
  { form: 'uv sync --locked / --frozen', test: (command) => command.program === 'uv' && command.argv[1] === 'sync' && hasFlag(command, '--locked', '--frozen') },
  { form: 'pip-sync / uv pip sync (pip-tools)', test: (command) => command.program === 'pip-sync' || (command.program === 'uv' && command.argv[1] === 'pip' && command.argv[2] === 'sync') },
  { form: 'pipenv install --deploy / pipenv sync', test: (command) => command.program === 'pipenv' && (command.argv[1] === 'sync' || hasFlag(command, '--deploy')) },
  { form: 'cargo --locked / --frozen', test: (command) => command.program === 'cargo' && hasFlag(command, '--locked', '--frozen') },
  { form: 'restore --locked-mode', test: (command) => (command.program === 'dotnet' || command.program === 'nuget') && hasFlag(command, '--locked-mode', '-LockedMode') },
  { form: 'bundle install --frozen / --deployment', test: (command) => command.program === 'bundle' && command.argv[1] === 'install' && hasFlag(command, '--frozen', '--deployment') },
];

export const detector: Detector = {
  id: 'installs-from-lockfile',
  title: 'CI installs dependencies strictly from the lockfile',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: ['supply-chain.pinned-installs'],
  version: 1,
  lifecycle: 'stable',
  // Requirements files are read to tell a compiled pip-tools lockfile from a hand-written list.
  matches: mayBeCompiledRequirements,
  analyze(input) {
    const locks = new Set(input.files.filter((file) => isCompiledRequirements(file.text)).map((file) => file.path));
    const findings = pipelineSteps(input).flatMap(({ workflow, step }): DetectorFinding[] => {
      const form = lockedInstallForm(step, locks);
      if (form === undefined) return [];
      return [{ outcome: 'positive', level: 2, file: workflow.file, line: step.line, confidence: 'high', message: `CI installs dependencies from the lockfile (${form}) in ${workflow.file}` }];
    });
    return findings.length > 0 ? findings : unreadablePipelines(input, 'CI installs dependencies from the lockfile');
  },
};

function lockedInstallForm(step: CiStep, requirementLocks: ReadonlySet<string>): string | undefined {
  if (step.uses !== undefined && callName(step.uses) === 'npm' && step.with.command === 'ci') return 'Azure Npm task, command ci';
  if (step.run === undefined) return undefined;
  for (const command of parseShellCommands(step.run)) {
    const rule = RULES.find((candidate) => candidate.test(command));
    if (rule !== undefined) return rule.form;
    const compiled = compiledRequirementsInstalled(command, requirementLocks);
    if (compiled !== undefined) return `pip install -r ${compiled}, compiled by pip-tools`;
  }
  return undefined;
}

/** `pip install -r requirements.txt` where that file (path from the repository root) is a compiled pip-tools lockfile. */
function compiledRequirementsInstalled(command: ShellCommand, requirementLocks: ReadonlySet<string>): string | undefined {
  if (!PIP.test(command.program) || command.argv[1] !== 'install') return undefined;
  const file = flagValue(command, '-r', '--requirement')?.replace(/^\.\//, '');
  return file !== undefined && requirementLocks.has(file) ? file : undefined;
}
