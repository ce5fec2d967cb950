/**
 * The rules of DETECTORS.md row 12 on parsed shell commands: package installs without a pinned
 * version or hashes, `go install …@latest`, a download piped into a shell, and a downloaded script
 * that is then run. Messages name the tool and the package, never a URL (it may carry a token).
 */
import type { ShellCommand } from '../shell-commands.js';
import { flagValue, hasFlag } from '../shell-commands.js';

export interface UnpinnedInstall {
  readonly line: number;
  readonly message: string;
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'python', 'python3', 'perl', 'ruby', 'node', 'pwsh']);
const SOURCING = new Set(['eval', 'source', '.']);
const DOWNLOADERS = new Set(['curl', 'wget']);
/** Program → the subcommands that add packages. */
const NPM_LIKE: ReadonlyMap<string, readonly string[]> = new Map([['npm', ['install', 'i', 'in', 'add']], ['pnpm', ['add']], ['yarn', ['add']], ['bun', ['add']]]);
const PIP = /^pip(?:\d(?:\.\d+)?)?$/;
/** npm/yarn/pnpm options that take the next word as their value. */
const NPM_VALUE_FLAGS = new Set(['--prefix', '--registry', '-w', '--workspace', '--cache', '--userconfig', '--omit', '--include', '--tag', '-C', '--dir', '--filter', '--install-strategy']);
/** pip options that take the next word as their value. */
const PIP_VALUE_FLAGS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--trusted-host', '--cert',
  '--client-cert', '--cache-dir', '--src', '--upgrade-strategy', '--progress-bar', '--log', '--proxy', '--retries', '--timeout',
  '--exists-action', '--no-binary', '--only-binary', '-C', '--config-settings', '--global-option', '--python', '--report',
]);
const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][\w.+-]+)?$/;
const FULL_SHA_SUFFIX = /[#@][0-9a-f]{40}$/i;
const PIP_EXACT = /^[A-Za-z0-9][\w.[\],-]*===?[\w.!+-]+$/;
const FLOATING_GO_VERSION = /@(?:latest|master|main|HEAD)$/;
const SHORT_FLAGS = /^-[A-Za-z]/;
const SUBSTITUTED_DOWNLOAD = /(?:\$\(|<\(|`)\s*(?:curl|wget)\s/;

export interface UnpinnedOptions {
  /**
   * The repository commits an npm lockfile, so a bare `npm install` (no package named), which may
   * resolve other versions and rewrite the lockfile, is flagged too: `npm ci` installs exactly the
   * lockfile. Without a lockfile that is has-lockfile's finding, not this one.
   */
  readonly npmLockfile?: string;
}

/** Every unpinned install or download-and-run among the commands of one script. */
export function findUnpinnedInstalls(commands: readonly ShellCommand[], options: UnpinnedOptions = {}): UnpinnedInstall[] {
  const found: UnpinnedInstall[] = [];
  const downloaded = new Set<string>();
  commands.forEach((command, index) => {
    const message = unpinnedPackages(command) ?? bareNpmInstall(command, options) ?? goFloating(command) ?? pipedDownload(commands, index) ?? substitutedDownload(command) ?? runsDownloaded(command, downloaded);
    if (message !== undefined) found.push({ line: command.line, message });
    for (const name of downloadedFiles(command)) downloaded.add(name);
  });
  return found;
}

function unpinnedPackages(command: ShellCommand): string | undefined {
  const npm = npmInstallArgs(command);
  if (npm !== undefined) return unpinnedMessage(command, npm.filter((spec) => !isPinnedNpmSpec(spec)), 'without an exact version');
  const pip = pipInstallArgs(command);
  if (pip !== undefined) return unpinnedMessage(command, pip.filter((spec) => !isPinnedPipSpec(spec)), 'without an exact version or --require-hashes');
  return undefined;
}

function bareNpmInstall(command: ShellCommand, options: UnpinnedOptions): string | undefined {
  if (options.npmLockfile === undefined || command.program !== 'npm') return undefined;
  if (npmInstallArgs(command)?.length !== 0) return undefined;
  return `\`${command.argv.slice(0, 2).join(' ')}\` may install other versions than ${options.npmLockfile} and rewrite it: use \`npm ci\``;
}

function unpinnedMessage(command: ShellCommand, unpinned: readonly string[], why: string): string | undefined {
  if (unpinned.length === 0) return undefined;
  const shown = unpinned.slice(0, 3).map(shownSpec).join(', ') + (unpinned.length > 3 ? ` and ${unpinned.length - 3} more` : '');
  return `\`${command.argv.slice(0, 2).join(' ')}\` installs ${shown} ${why}`;
}

/** A URL spec may carry credentials (`git+https://user:token@host/…`): it is never shown. */
function shownSpec(spec: string): string {
  return spec.includes('://') ? 'a package from a URL' : spec;
}

/** The package arguments of `npm install <pkg>` (and `pnpm/yarn/bun add`), or undefined for another command. */
function npmInstallArgs(command: ShellCommand): string[] | undefined {
  const subcommands = NPM_LIKE.get(command.program);
  if (subcommands === undefined) return undefined;
  const offset = command.program === 'yarn' && command.argv[1] === 'global' ? 2 : 1;
  if (!subcommands.includes(command.argv[offset] ?? '')) return undefined;
  return positionalArgs(command.argv.slice(offset + 1), NPM_VALUE_FLAGS).filter((spec) => !isLocalPath(spec));
}

/** The requirement arguments of `pip install` / `uv pip install`, or undefined; [] when hashes are required. */
function pipInstallArgs(command: ShellCommand): string[] | undefined {
  const offset = command.program === 'uv' && command.argv[1] === 'pip' ? 2 : 1;
  const isPip = PIP.test(command.program) || offset === 2;
  if (!isPip || command.argv[offset] !== 'install') return undefined;
  if (hasFlag(command, '--require-hashes')) return [];
  return positionalArgs(command.argv.slice(offset + 1), PIP_VALUE_FLAGS).filter((spec) => !isLocalPath(spec));
}

function positionalArgs(words: readonly string[], valueFlags: ReadonlySet<string>): string[] {
  const args: string[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (valueFlags.has(word)) index += 1;
    else if (!word.startsWith('-') && word !== '' && !word.startsWith('$')) args.push(word);
  }
  return args;
}

function isLocalPath(spec: string): boolean {
  return /^(?:\.|\/|~|file:)/.test(spec) || /\.(?:tgz|whl|tar\.gz|zip)$/.test(spec);
}

/** `name@1.2.3`, `@scope/name@1.2.3`, or a git spec ending in a full commit SHA. */
function isPinnedNpmSpec(spec: string): boolean {
  if (FULL_SHA_SUFFIX.test(spec)) return true;
  const at = spec.lastIndexOf('@');
  return at > 0 && EXACT_SEMVER.test(spec.slice(at + 1));
}

/** `name==1.2.3` (no wildcard), or a URL pinned to a commit or carrying a sha256 hash. */
function isPinnedPipSpec(spec: string): boolean {
  if (spec.includes('://')) return FULL_SHA_SUFFIX.test(spec) || spec.includes('#sha256=');
  return PIP_EXACT.test(spec);
}

function goFloating(command: ShellCommand): string | undefined {
  if (command.program !== 'go' || (command.argv[1] !== 'install' && command.argv[1] !== 'get')) return undefined;
  const floating = command.argv.slice(2).find((word) => FLOATING_GO_VERSION.test(word));
  return floating === undefined ? undefined : `\`go ${command.argv[1]}\` installs ${floating} at a moving version`;
}

/** `curl … | sh`: a later command of the same pipeline is a shell or interpreter. */
function pipedDownload(commands: readonly ShellCommand[], index: number): string | undefined {
  const command = commands[index];
  if (command === undefined || !SHELLS.has(command.program)) return undefined;
  const source = commands.slice(0, index).find((earlier) => earlier.pipeline === command.pipeline && DOWNLOADERS.has(earlier.program));
  return source === undefined ? undefined : `pipes a download from ${source.program} into ${command.program}`;
}

/** `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget …)"`. */
function substitutedDownload(command: ShellCommand): string | undefined {
  if (!SHELLS.has(command.program) && !SOURCING.has(command.program)) return undefined;
  const word = command.argv.slice(1).find((argument) => SUBSTITUTED_DOWNLOAD.test(argument));
  return word === undefined ? undefined : `runs a downloaded script with ${command.program} without checking it`;
}

/** `sh install.sh`, `./install.sh` or `source install.sh` after the same file was downloaded. */
function runsDownloaded(command: ShellCommand, downloaded: ReadonlySet<string>): string | undefined {
  if (downloaded.size === 0) return undefined;
  const target = SHELLS.has(command.program) || SOURCING.has(command.program) ? command.argv.slice(1).find((word) => !word.startsWith('-')) : command.argv[0];
  const name = target === undefined ? '' : fileName(target);
  return downloaded.has(name) ? `runs ${name} right after downloading it, without checking a hash or signature` : undefined;
}

/** Files a curl or wget command writes: `-o FILE`, `--output FILE`, wget `-O FILE`, or the URL's name for `curl -O` and plain wget. */
function downloadedFiles(command: ShellCommand): string[] {
  if (!DOWNLOADERS.has(command.program)) return [];
  const named = command.program === 'curl' ? (flagValue(command, '--output') ?? shortFlagValue(command, 'o')) : (flagValue(command, '--output-document') ?? shortFlagValue(command, 'O'));
  if (named !== undefined) return named === '-' ? [] : [fileName(named)];
  const remoteName = command.program === 'wget' || hasFlag(command, '-O', '--remote-name');
  const url = command.argv.find((word) => word.includes('://'));
  return remoteName && url !== undefined ? [fileName(url.split(/[?#]/)[0] ?? '')] : [];
}

/** The value of a short option, also inside a bundle: `-o x`, `-sSLo x`, `-qO-`. */
function shortFlagValue(command: ShellCommand, letter: string): string | undefined {
  for (let index = 1; index < command.argv.length; index += 1) {
    const word = command.argv[index] ?? '';
    if (!SHORT_FLAGS.test(word)) continue;
    const at = word.indexOf(letter);
    if (at === -1) continue;
    return at === word.length - 1 ? command.argv[index + 1] : word.slice(at + 1);
  }
  return undefined;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
