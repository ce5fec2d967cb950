import { parseYaml } from '../../../core/yaml/safe-yaml.js';
import { asRecord } from '../../ci/yaml-values.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { asRecords } from '../config-values.js';
import { parseShellCommands } from '../shell-commands.js';
import { secretScanOf } from './secret-scan-commands.js';
import type { SecretScan } from './secret-scan-commands.js';

const PRE_COMMIT_CONFIGS = new Set(['.pre-commit-config.yaml', '.pre-commit-config.yml']);
const LEFTHOOK_CONFIGS = new Set(['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook-local.yml', 'lefthook-local.yaml']);
/** A hook script directly under .husky/ (not the generated .husky/_/ helpers). */
const HUSKY_HOOK = /^\.husky\/[^/_][^/]*$/;
/** Hook ids of the secret scanners' pre-commit hooks (gitleaks, gitleaks-docker, detect-secrets, trufflehog, …). */
const SECRET_HOOK_ID = /^(?:gitleaks|detect-secrets|trufflehog|secretlint|git-secrets|ripsecrets|ggshield)(?:$|[-_])/i;
/** Stages that run when a developer commits or pushes; `manual` alone runs only on request. */
const COMMIT_STAGES = new Set(['pre-commit', 'commit', 'pre-push', 'push', 'pre-merge-commit', 'merge-commit']);
const LEFTHOOK_HOOKS = ['pre-commit', 'pre-push'];

export const detector: Detector = {
  id: 'scans-secrets-pre-commit',
  title: 'A git hook runs a secret scanner before changes are shared',
  domain: 'secrets',
  kind: 'positive',
  evidenceFor: ['secrets.leak-prevention-gate'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => PRE_COMMIT_CONFIGS.has(path) || LEFTHOOK_CONFIGS.has(path) || HUSKY_HOOK.test(path),
  analyze({ files }) {
    return files.flatMap((found) => {
      if (PRE_COMMIT_CONFIGS.has(found.path)) return preCommitFindings(found);
      if (LEFTHOOK_CONFIGS.has(found.path)) return lefthookFindings(found);
      return huskyFindings(found);
    });
  },
};

function preCommitFindings(file: ScanFile): DetectorFinding[] {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return [];
  const root = asRecord(parsed.value.value) ?? {};
  const hooks = asRecords(root.repos).flatMap((repo, repoIndex) => asRecords(repo.hooks).map((hook, hookIndex) => ({ hook, path: ['repos', repoIndex, 'hooks', hookIndex] })));
  const found = hooks.find(({ hook }) => secretHookScan(hook) !== undefined);
  const scan = found === undefined ? undefined : secretHookScan(found.hook);
  if (found === undefined || scan === undefined) return [];
  const line = parsed.value.locate(found.path).line ?? 1;
  const stages = stagesOf(found.hook.stages ?? root.default_stages);
  if (stages !== undefined && !stages.some((stage) => COMMIT_STAGES.has(stage))) {
    return [inconclusive(file.path, line, `${file.path} has a ${scan.tool} hook that runs only on request (stages: ${stages.join(', ')}), never on commit or push`)];
  }
  return [hookFinding(file.path, line, `pre-commit hook ${scan.tool}`, scan)];
}

/** The scan a pre-commit hook runs: a scanner's published hook by its id (they fail on a finding), or a local hook's entry command. */
function secretHookScan(hook: Readonly<Record<string, unknown>>): SecretScan | undefined {
  const id = typeof hook.id === 'string' ? hook.id : '';
  if (SECRET_HOOK_ID.test(id)) return { tool: id, failsOnFinding: true };
  return typeof hook.entry === 'string' ? firstSecretScan(hook.entry) : undefined;
}

function stagesOf(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((stage): stage is string => typeof stage === 'string') : undefined;
}

/** lefthook: `pre-commit:` / `pre-push:` with `commands: {name: {run}}` or `jobs: [{run}]`. */
function lefthookFindings(file: ScanFile): DetectorFinding[] {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return [];
  const root = asRecord(parsed.value.value) ?? {};
  for (const hookName of LEFTHOOK_HOOKS) {
    const hook = asRecord(root[hookName]) ?? {};
    const runs = [
      ...Object.entries(asRecord(hook.commands) ?? {}).map(([name, command]) => ({ run: asRecord(command)?.run, path: [hookName, 'commands', name] })),
      ...asRecords(hook.jobs).map((job, index) => ({ run: job.run, path: [hookName, 'jobs', index] })),
    ];
    for (const { run, path } of runs) {
      const scan = typeof run === 'string' ? firstSecretScan(run) : undefined;
      if (scan !== undefined) return [hookFinding(file.path, parsed.value.locate(path).line ?? 1, `lefthook ${hookName} command ${scan.tool}`, scan)];
    }
  }
  return [];
}

function huskyFindings(file: ScanFile): DetectorFinding[] {
  for (const command of parseShellCommands(file.text)) {
    const scan = secretScanOf(command);
    if (scan !== undefined) return [hookFinding(file.path, command.line, `husky hook running ${scan.tool}`, scan)];
  }
  return [];
}

/** The first secret scan the script runs, or undefined. */
function firstSecretScan(script: string): SecretScan | undefined {
  return parseShellCommands(script).map(secretScanOf).find((scan) => scan !== undefined);
}

/**
 * A hook that fails on a finding is the gate, as partial evidence: a local hook can be skipped
 * (`--no-verify`) or never installed. A hook whose scanner exits 0 on a finding blocks nothing.
 */
function hookFinding(file: string, line: number, what: string, scan: SecretScan): DetectorFinding {
  if (!scan.failsOnFinding) return inconclusive(file, line, `${file} runs a secret scan (${what}) that does not fail on a finding, so it blocks nothing`);
  return { outcome: 'positive', level: 3, status: 'partial', file, line, confidence: 'high', message: `${file} runs a secret scan before changes are shared (${what}); a local hook can be skipped, so also fail the CI scan` };
}

function inconclusive(file: string, line: number, message: string): DetectorFinding {
  return { outcome: 'not-applicable', file, line, confidence: 'high', message };
}
