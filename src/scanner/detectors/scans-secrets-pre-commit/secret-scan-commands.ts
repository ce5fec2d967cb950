/**
 * Secret scanners as shell commands in git hooks (DETECTORS.md row 5: gitleaks, detect-secrets,
 * trufflehog, secretlint, git-secrets): which command runs a scan, and whether it fails (exits
 * non-zero) on a finding. CI steps are recognised by the shared tool table of security-tools.ts.
 */
import type { ShellCommand } from '../shell-commands.js';
import { flagValue, hasFlag } from '../shell-commands.js';

export interface SecretScan {
  readonly tool: string;
  /** True when a finding makes the command exit non-zero, so the commit or push is refused. */
  readonly failsOnFinding: boolean;
}

const GITLEAKS_SCANS = new Set(['git', 'dir', 'directory', 'detect', 'protect', 'stdin']);
const TRUFFLEHOG_SCANS = new Set(['git', 'filesystem', 'github', 'gitlab', 'docker', 's3', 'gcs', 'huggingface']);
const SCANNER_IMAGE = /(?:^|\/)(?:gitleaks\/gitleaks|zricethezav\/gitleaks|trufflesecurity\/trufflehog)(?:[:@]|$)/i;

/** The secret scan this command runs, or undefined when it runs none. */
export function secretScanOf(command: ShellCommand): SecretScan | undefined {
  const { program, argv } = command;
  const subcommand = argv[1] ?? '';
  if (program === 'gitleaks' && GITLEAKS_SCANS.has(subcommand)) return { tool: `gitleaks ${subcommand}`, failsOnFinding: gitleaksFails(command) };
  // trufflehog exits 0 on findings unless --fail is given.
  if (program === 'trufflehog' && TRUFFLEHOG_SCANS.has(subcommand)) return { tool: `trufflehog ${subcommand}`, failsOnFinding: hasFlag(command, '--fail') };
  if (program === 'secretlint') return { tool: 'secretlint', failsOnFinding: true };
  if (program === 'ggshield' && subcommand === 'secret') return { tool: 'ggshield secret', failsOnFinding: true };
  if (program === 'detect-secrets-hook') return { tool: 'detect-secrets-hook', failsOnFinding: true };
  // `detect-secrets scan` writes or refreshes a baseline; it does not fail on a new secret.
  if (program === 'detect-secrets' && subcommand === 'scan') return { tool: 'detect-secrets scan', failsOnFinding: false };
  if ((program === 'git-secrets' && subcommand.startsWith('--scan')) || (program === 'git' && subcommand === 'secrets' && (argv[2] ?? '').startsWith('--scan'))) {
    return { tool: 'git-secrets', failsOnFinding: true };
  }
  if (program === 'ripsecrets') return { tool: 'ripsecrets', failsOnFinding: true };
  if (program === 'docker' && subcommand === 'run') return dockerScan(command);
  return undefined;
}

/** gitleaks exits 1 on a leak unless `--exit-code 0` says otherwise. */
function gitleaksFails(command: ShellCommand): boolean {
  return flagValue(command, '--exit-code') !== '0';
}

function dockerScan(command: ShellCommand): SecretScan | undefined {
  const image = command.argv.find((word) => SCANNER_IMAGE.test(word));
  if (image === undefined) return undefined;
  const isGitleaks = /gitleaks/i.test(image);
  return isGitleaks ? { tool: 'gitleaks (docker)', failsOnFinding: gitleaksFails(command) } : { tool: 'trufflehog (docker)', failsOnFinding: hasFlag(command, '--fail') };
}
