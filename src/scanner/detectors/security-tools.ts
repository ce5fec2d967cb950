/**
 * Security tools in CI: which steps of the normalised CI model run which scanner, whether the step
 * may fail silently, and whether it carries a failing gate. Shared by the CI detectors of the
 * ci-security-testing, vulnerability-management and iac domains (DETECTORS.md rows 17–26, 30–31).
 *
 * Steps are matched on what they call, never on raw pipeline text: the action, task, orb, pipe or
 * Jenkins step name with its version cut off; GitLab template includes; a job's container image;
 * and shell commands read with a small shell lexer, so a tool name inside quoted text, a comment or
 * an `echo` never counts. Everything here is linear in the size of its input.
 */
import type { CiJob, CiModel, CiStep, CiWorkflow } from '../ci/model.js';
import type { DetectorFinding, DetectorInput } from '../contract.js';

// ---------------------------------------------------------------------------------------------
// Shell commands

/** What follows a command: `||`, `&&`, `|`, or a plain end (newline, `;`, `&`, a bracket, the end). */
export type CommandJoin = 'or' | 'and' | 'pipe' | 'end';

/** One simple command of a shell script: its words with quotes removed, and what joins it to the next. */
export interface ShellCommand {
  readonly words: readonly string[];
  readonly then: CommandJoin;
}

interface LexState {
  readonly commands: ShellCommand[];
  words: string[];
  word: string;
  inWord: boolean;
}

/**
 * Splits shell text into simple commands the way a POSIX shell would at `;`, `&`, `&&`, `||`, `|`,
 * newlines, brackets, backticks and `$(`, honouring quotes, backslashes and `#` comments. Heredoc
 * bodies are read as commands (a rare false positive, never a hang).
 */
export function shellCommands(text: string): ShellCommand[] {
  const state: LexState = { commands: [], words: [], word: '', inWord: false };
  let index = 0;
  while (index < text.length) index = lexAt(text, index, state);
  endCommand(state, 'end');
  return state.commands;
}

/** Reads the character at `index` (and what belongs to it) and returns where to go on. */
function lexAt(text: string, index: number, state: LexState): number {
  const char = text.charAt(index);
  const next = text.charAt(index + 1);
  if (char === "'" || char === '"') return readQuoted(text, index, state);
  if (char === '\\') return readEscape(text, index, state);
  if (char === '#' && !state.inWord) return skipComment(text, index);
  if (char === ' ' || char === '\t' || char === '\r') {
    endWord(state);
    return index + 1;
  }
  if (char === '$' && next === '(') {
    endCommand(state, 'end');
    return index + 2;
  }
  const join = separatorAt(text, index, state);
  if (join !== undefined) {
    endCommand(state, join.join);
    return index + join.length;
  }
  return readPlain(text, index, state);
}

/** Characters with no meaning to the lexer; a run of them is copied in one slice. */
const PLAIN_RUN = /[^'"\\#\s$|&;()`{}]+/y;

function readPlain(text: string, index: number, state: LexState): number {
  PLAIN_RUN.lastIndex = index;
  const end = PLAIN_RUN.test(text) ? PLAIN_RUN.lastIndex : index + 1;
  state.word += text.slice(index, end);
  state.inWord = true;
  return end;
}

function separatorAt(text: string, index: number, state: LexState): { join: CommandJoin; length: number } | undefined {
  const char = text.charAt(index);
  const next = text.charAt(index + 1);
  if (char === '|') return next === '|' ? { join: 'or', length: 2 } : { join: 'pipe', length: 1 };
  if (char === '&') {
    // `2>&1` and `&>file` are redirections, not separators.
    if (state.word.endsWith('>') || state.word.endsWith('<') || next === '>') return undefined;
    return next === '&' ? { join: 'and', length: 2 } : { join: 'end', length: 1 };
  }
  if (char === '\n' || char === ';' || char === '(' || char === ')' || char === '`' || char === '{' || char === '}') {
    if ((char === '{' || char === '}') && state.inWord) return undefined;
    return { join: 'end', length: 1 };
  }
  return undefined;
}

function readQuoted(text: string, start: number, state: LexState): number {
  const quote = text.charAt(start);
  state.inWord = true;
  if (quote === "'") {
    const end = text.indexOf("'", start + 1);
    state.word += text.slice(start + 1, end === -1 ? text.length : end);
    return end === -1 ? text.length : end + 1;
  }
  let index = start + 1;
  while (index < text.length && text.charAt(index) !== '"') {
    if (text.charAt(index) === '\\' && index + 1 < text.length) index += 1;
    state.word += text.charAt(index);
    index += 1;
  }
  return index + 1;
}

function readEscape(text: string, index: number, state: LexState): number {
  const next = text.charAt(index + 1);
  if (next === '\n') return index + 2;
  if (next === '\r' && text.charAt(index + 2) === '\n') return index + 3;
  state.word += next;
  state.inWord = true;
  return index + 2;
}

function skipComment(text: string, index: number): number {
  const end = text.indexOf('\n', index);
  return end === -1 ? text.length : end;
}

function endWord(state: LexState): void {
  if (state.inWord) state.words.push(state.word);
  state.word = '';
  state.inWord = false;
}

function endCommand(state: LexState, join: CommandJoin): void {
  endWord(state);
  if (state.words.length > 0) {
    state.commands.push({ words: state.words, then: join });
  } else if (join !== 'end') {
    // `(a) || b`: the bracket ended the command, the operator after it still joins it to the next.
    const last = state.commands.pop();
    if (last !== undefined) state.commands.push({ words: last.words, then: join });
  }
  state.words = [];
}

/** The program a word names: its last path segment without a version suffix or `.exe`, lower-cased. */
export function programName(word: string): string {
  const base = word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).toLowerCase();
  const at = base.indexOf('@');
  const name = at > 0 ? base.slice(0, at) : base;
  return name.endsWith('.exe') ? name.slice(0, -4) : name;
}

const PREFIX_WORDS = new Set(['sudo', 'exec', 'time', 'command', 'nohup', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'npx', 'pnpx', 'bunx', 'uvx', 'env']);
const TWO_WORD_RUNNERS = new Set(['pipx run', 'poetry run', 'pipenv run', 'uv run', 'pdm run', 'hatch run', 'pnpm dlx', 'pnpm exec', 'yarn dlx', 'yarn exec', 'npm exec', 'bundle exec', 'go run']);
const PYTHONS = new Set(['python', 'python3', 'py']);
const CONTAINER_CLIS = new Set(['docker', 'podman', 'nerdctl']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The words of the program a command really runs: wrappers (`sudo`, `npx`, `pipx run`,
 * `python -m`, variable assignments, `docker run <known scanner image>` …) are peeled off, so the
 * first word is the program and the rest are its arguments. Unknown container images are left alone.
 */
export function programWords(words: readonly string[]): readonly string[] {
  let index = 0;
  let flagsFollow = false;
  while (index < words.length) {
    const word = words[index] ?? '';
    if (flagsFollow && word.startsWith('-')) {
      index += 1;
      continue;
    }
    const skip = wrapperLength(words, index);
    if (skip === 0) break;
    if (skip < 0) return containerCommand(words, index);
    flagsFollow = PREFIX_WORDS.has(programName(word));
    index += skip;
  }
  return words.slice(index);
}

/** How many words of wrapper start at `index` (0: none; -1: a `docker run`). */
function wrapperLength(words: readonly string[], index: number): number {
  const word = words[index] ?? '';
  const name = programName(word);
  const following = words[index + 1] ?? '';
  if (ASSIGNMENT.test(word)) return 1;
  if (PREFIX_WORDS.has(name)) return 1;
  if (TWO_WORD_RUNNERS.has(`${name} ${following}`)) return 2 + flagCount(words, index + 2);
  if (PYTHONS.has(name) && following === '-m') return 2;
  if (PYTHONS.has(name) && following.endsWith('.py')) return 1;
  if (CONTAINER_CLIS.has(name) && following === 'run') return -1;
  return 0;
}

function flagCount(words: readonly string[], start: number): number {
  let count = 0;
  while ((words[start + count] ?? '').startsWith('-') && (words[start + count] ?? '') !== '--') count += 1;
  return (words[start + count] ?? '') === '--' ? count + 1 : count;
}

/** `docker run [options] <scanner image> [args]` → the scanner's program word and its arguments. */
function containerCommand(words: readonly string[], index: number): readonly string[] {
  for (let at = index + 2; at < words.length; at += 1) {
    const program = SCANNER_IMAGES.get(imageName(words[at] ?? ''));
    if (program === undefined) continue;
    const rest = words.slice(at + 1);
    return programName(rest[0] ?? '') === program ? [program, ...rest.slice(1)] : [program, ...rest];
  }
  return words.slice(index);
}

/** A container image reference without registry defaults, tag or digest, lower-cased. */
export function imageName(reference: string): string {
  let image = reference.trim().toLowerCase();
  const digest = image.indexOf('@');
  if (digest > 0) image = image.slice(0, digest);
  const tag = image.lastIndexOf(':');
  if (tag > image.lastIndexOf('/')) image = image.slice(0, tag);
  for (const prefix of ['docker.io/', 'index.docker.io/', 'registry.hub.docker.com/']) if (image.startsWith(prefix)) image = image.slice(prefix.length);
  return image.startsWith('library/') ? image.slice('library/'.length) : image;
}

/** Container images that run a scanner, and the program word they stand for. */
const SCANNER_IMAGES: ReadonlyMap<string, string> = new Map([
  ['aquasec/trivy', 'trivy'],
  ['ghcr.io/aquasecurity/trivy', 'trivy'],
  ['returntocorp/semgrep', 'semgrep'],
  ['semgrep/semgrep', 'semgrep'],
  ['owasp/dependency-check', 'dependency-check'],
  ['bridgecrew/checkov', 'checkov'],
  ['anchore/grype', 'grype'],
  ['checkmarx/kics', 'kics'],
  ['tenable/terrascan', 'terrascan'],
  ['accurics/terrascan', 'terrascan'],
  ['aquasec/tfsec', 'tfsec'],
  ['securego/gosec', 'gosec'],
  ['sonarsource/sonar-scanner-cli', 'sonar-scanner'],
  ['ghcr.io/zaproxy/zaproxy', 'zaproxy'],
  ['zaproxy/zap-stable', 'zaproxy'],
  ['zaproxy/zap-weekly', 'zaproxy'],
  ['owasp/zap2docker-stable', 'zaproxy'],
  ['owasp/zap2docker-weekly', 'zaproxy'],
  ['softwaresecurityproject/zap-stable', 'zaproxy'],
  ['projectdiscovery/nuclei', 'nuclei'],
  ['ghcr.io/google/osv-scanner', 'osv-scanner'],
  ['zricethezav/gitleaks', 'gitleaks'],
  ['ghcr.io/gitleaks/gitleaks', 'gitleaks'],
  ['trufflesecurity/trufflehog', 'trufflehog'],
  ['snyk/snyk', 'snyk'],
  ['rhysd/actionlint', 'actionlint'],
  ['ghcr.io/zizmorcore/zizmor', 'zizmor'],
  ['gcr.io/openssf/scorecard', 'scorecard'],
]);

// ---------------------------------------------------------------------------------------------
// Step calls

/** The inputs a matched tool was called with: step inputs (keys lower-cased), environment, arguments. */
export interface ToolCall {
  readonly inputs: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly args: readonly string[];
}

/** Inputs that carry extra command-line arguments for the wrapped scanner. */
const ARGUMENT_INPUTS = ['args', 'arguments', 'additionalarguments', 'extra_args', 'extra-args', 'cli_args', 'cliargs'];

/**
 * What a step `uses`, normalised for matching: lower-cased, `@ref`/`@1`/`:tag` cut off, `docker://`
 * images reduced to their name. (The CircleCI parser has already resolved orb aliases:
 * `snyk/scan` with orb `snyk/snyk@2` arrives as `snyk/snyk/scan`.)
 */
export function callName(uses: string): string {
  const raw = uses.trim();
  if (raw.toLowerCase().startsWith('docker://')) return imageName(raw.slice('docker://'.length));
  const at = raw.indexOf('@');
  const name = (at > 0 ? raw.slice(0, at) : raw).toLowerCase();
  const tag = name.lastIndexOf(':');
  return tag > name.lastIndexOf('/') ? name.slice(0, tag) : name;
}

function lowerKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  const lowered: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(record)) lowered[key.toLowerCase()] = value;
  return lowered;
}

function argumentWords(inputs: Readonly<Record<string, string>>): string[] {
  return ARGUMENT_INPUTS.flatMap((key) => (inputs[key] === undefined ? [] : shellCommands(inputs[key]).flatMap((command) => command.words)));
}

// ---------------------------------------------------------------------------------------------
// The tool table

/**
 * Which catalogue row a tool belongs to: `sast` is Scorecard's SAST list (row 17), `sonar` row 18,
 * `language-sast` row 19, `dast` 20, `sca` 21, `dependency-review` 16, `iac` 30, `container` 40,
 * `secrets` 6, `scorecard` 25, `workflow-lint` 26.
 */
export type ToolGroup = 'sast' | 'sonar' | 'language-sast' | 'dast' | 'sca' | 'dependency-review' | 'iac' | 'container' | 'secrets' | 'scorecard' | 'workflow-lint';

/** What a tool tests, which decides the practices a gate on it speaks to. */
export type ScanKind = 'code' | 'dynamic' | 'dependencies' | 'infrastructure' | 'image' | 'secrets' | 'posture';

/** A failing gate on a scanner step: what it fails on, and whether that is a severity threshold (row 22). */
export interface Gate {
  readonly detail: string;
  readonly threshold: boolean;
}

/** One way a tool shows up in a pipeline. */
export type ToolForm =
  | { readonly call: string; readonly prefix?: boolean; readonly except?: readonly string[]; readonly when?: (call: ToolCall) => boolean }
  | { readonly command: (words: readonly string[]) => boolean }
  | { readonly template: string }
  | { readonly component: string }
  | { readonly image: string };

export interface SecurityTool {
  readonly name: string;
  readonly group: ToolGroup;
  readonly kind: ScanKind;
  readonly forms: readonly ToolForm[];
  /** Why this call is weaker evidence than the group needs, when it is. */
  readonly partial?: (call: ToolCall) => string | undefined;
  /** A preparation step whose analysis another step of the same tool does (dropped when that step is in the job). */
  readonly setup?: boolean;
  /** A tool-specific input or flag that makes the step pass whatever it finds. */
  readonly softened?: (call: ToolCall) => string | undefined;
  readonly gate?: (call: ToolCall) => Gate | undefined;
}

const SEVERITIES = new Set(['unknown', 'negligible', 'info', 'low', 'moderate', 'medium', 'high', 'critical']);

/** The value of `--name value` or `--name=value` among the arguments. */
export function flagValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    for (const name of names) {
      if (arg === name) return args[index + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}

function hasArg(args: readonly string[], name: string): boolean {
  return args.some((arg) => arg === name || arg.startsWith(`${name}=`));
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function isFalse(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'false';
}

function severityList(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const levels = value.split(',').map((level) => level.trim().toLowerCase()).filter((level) => level !== '');
  return levels.length > 0 && levels.every((level) => SEVERITIES.has(level)) ? levels.join(',') : undefined;
}

function isCommand(words: readonly string[], ...names: string[]): boolean {
  return names.includes(programName(words[0] ?? ''));
}

/** The first argument from `start` that is not a flag: the subcommand of most CLIs. */
export function subcommand(words: readonly string[], start = 1): string | undefined {
  return words.slice(start).find((word) => !word.startsWith('-'))?.toLowerCase();
}

function cli(name: string, ...subcommands: string[]): ToolForm {
  return { command: (words) => isCommand(words, name) && (subcommands.length === 0 || subcommands.includes(subcommand(words) ?? '')) };
}

function uses(call: string, when?: (call: ToolCall) => boolean): ToolForm {
  return when === undefined ? { call } : { call, when };
}

function usesAny(prefix: string): ToolForm {
  return { call: prefix, prefix: true };
}

/** GitLab's security templates, in their `Security/` and `Jobs/` folders and `.latest` variants. */
function gitlabTemplates(...names: string[]): ToolForm[] {
  return names.flatMap((name) => ['security', 'jobs'].flatMap((folder) => [`${folder}/${name}.gitlab-ci.yml`, `${folder}/${name}.latest.gitlab-ci.yml`])).map((template) => ({ template: template.toLowerCase() }));
}

/** A GitLab CI/CD catalog component of the `components/<project>` group: `…/components/sast/sast@2`. */
function gitlabComponent(project: string): ToolForm {
  return { component: `components/${project}/` };
}

function input(call: ToolCall, key: string): string | undefined {
  return call.inputs[key];
}

// Gate readers (row 22, and row 31 for IaC). Each reads step inputs, flags and environment together.

function trivyExitAndSeverity(call: ToolCall): { exit: number; severity: string | undefined } {
  const exit = input(call, 'exit-code') ?? flagValue(call.args, ['--exit-code']) ?? call.env['TRIVY_EXIT_CODE'];
  const severity = severityList(input(call, 'severity') ?? flagValue(call.args, ['--severity', '-s']) ?? call.env['TRIVY_SEVERITY']);
  return { exit: Number.parseInt(exit ?? '0', 10) || 0, severity };
}

function trivyGate(call: ToolCall): Gate | undefined {
  const { exit, severity } = trivyExitAndSeverity(call);
  return exit !== 0 && severity !== undefined ? { detail: `exit code ${exit} on ${severity} findings`, threshold: true } : undefined;
}

/** Row 31: an IaC scan with a non-zero exit code is a gate; with a severity list it is also a threshold. */
function trivyConfigGate(call: ToolCall): Gate | undefined {
  const { exit, severity } = trivyExitAndSeverity(call);
  if (exit === 0) return undefined;
  return severity === undefined ? { detail: `exit code ${exit} on any misconfiguration`, threshold: false } : { detail: `exit code ${exit} on ${severity} findings`, threshold: true };
}

function auditLevelGate(call: ToolCall): Gate | undefined {
  const level = flagValue(call.args, ['--audit-level'])?.toLowerCase();
  return level !== undefined && ['low', 'moderate', 'high', 'critical'].includes(level) ? { detail: `--audit-level=${level}`, threshold: true } : undefined;
}

function snykGate(call: ToolCall): Gate | undefined {
  const threshold = severityList(flagValue(call.args, ['--severity-threshold']) ?? input(call, 'severity-threshold') ?? input(call, 'severity_threshold') ?? input(call, 'severitythreshold') ?? input(call, 'severity'));
  if (threshold === undefined || snykSoftened(call) !== undefined) return undefined;
  return { detail: `severity threshold ${threshold}`, threshold: true };
}

function snykSoftened(call: ToolCall): string | undefined {
  if (isFalse(input(call, 'fail-on-issues')) || isFalse(input(call, 'failonissues'))) return 'fail-on-issues: false';
  if (isTrue(input(call, 'dont_break_build'))) return 'DONT_BREAK_BUILD: true';
  return undefined;
}

function cvssGate(call: ToolCall): Gate | undefined {
  const raw = flagValue(call.args, ['--failOnCVSS', '-DfailBuildOnCVSS', '-PfailBuildOnCVSS']) ?? input(call, 'failoncvss');
  const score = Number.parseFloat(raw ?? '');
  // Dependency-Check's default of 11 means "never fail".
  return Number.isFinite(score) && score >= 0 && score <= 10 ? { detail: `fails on CVSS ${score} or higher`, threshold: true } : undefined;
}

/** Jenkins `dependencyCheckPublisher failedTotalCritical: 1` (and the other `failed…` limits) fails the build. */
function publisherGate(call: ToolCall): Gate | undefined {
  const limits = Object.entries(call.inputs).filter(([key, value]) => key.startsWith('failed') && /^\d+$/.test(value.trim()));
  return limits.length === 0 ? undefined : { detail: limits.map(([key, value]) => `${key} ${value.trim()}`).join(', '), threshold: true };
}

function anchoreGate(call: ToolCall): Gate | undefined {
  if (isFalse(input(call, 'fail-build'))) return undefined;
  return { detail: `fails at severity ${input(call, 'severity-cutoff') ?? 'medium'} or higher`, threshold: true };
}

function grypeGate(call: ToolCall): Gate | undefined {
  const level = severityList(flagValue(call.args, ['--fail-on', '-f']) ?? call.env['GRYPE_FAIL_ON_SEVERITY']);
  return level === undefined ? undefined : { detail: `--fail-on ${level}`, threshold: true };
}

function dependencyReviewGate(call: ToolCall): Gate | undefined {
  const level = severityList(input(call, 'fail-on-severity'));
  return level === undefined ? undefined : { detail: `fail-on-severity: ${level}`, threshold: true };
}

function kicsGate(call: ToolCall): Gate | undefined {
  const level = severityList(input(call, 'fail_on') ?? flagValue(call.args, ['--fail-on']));
  return level === undefined ? undefined : { detail: `fails on ${level} findings`, threshold: true };
}

function kicsSoftened(call: ToolCall): string | undefined {
  const ignored = (input(call, 'ignore_on_exit') ?? flagValue(call.args, ['--ignore-on-exit']))?.toLowerCase();
  return ignored === 'all' || ignored === 'results' ? `ignore_on_exit: ${ignored}` : undefined;
}

function checkovSoftened(call: ToolCall): string | undefined {
  if (isTrue(input(call, 'soft_fail'))) return 'soft_fail: true';
  return hasArg(call.args, '--soft-fail') ? '--soft-fail' : undefined;
}

function checkovGate(call: ToolCall): Gate | undefined {
  const hard = input(call, 'hard_fail_on') ?? flagValue(call.args, ['--hard-fail-on']);
  return { detail: hard === undefined ? 'fails on any failed check' : `fails on ${hard}`, threshold: true };
}

function tfsecSoftened(call: ToolCall): string | undefined {
  if (isTrue(input(call, 'soft_fail'))) return 'soft_fail: true';
  return hasArg(call.args, '--soft-fail') ? '--soft-fail' : undefined;
}

function tfsecGate(call: ToolCall): Gate | undefined {
  const minimum = flagValue(call.args, ['--minimum-severity', '-m']);
  return { detail: minimum === undefined ? 'fails on any finding' : `fails on ${minimum.toLowerCase()} findings or worse`, threshold: false };
}

function zapGate(call: ToolCall): Gate | undefined {
  return isTrue(input(call, 'fail_action')) ? { detail: 'fail_action: true', threshold: true } : undefined;
}

function sonarWaitGate(call: ToolCall): Gate | undefined {
  const wait = call.args.some((arg) => /^(?:-D|\/d:)sonar\.qualitygate\.wait=true$/i.test(arg)) || /sonar\.qualitygate\.wait=true/i.test(input(call, 'extraproperties') ?? '');
  return wait ? { detail: 'waits for the Sonar quality gate (sonar.qualitygate.wait=true)', threshold: true } : undefined;
}

function abortPipelineGate(call: ToolCall): Gate | undefined {
  return isTrue(input(call, 'abortpipeline')) ? { detail: 'waitForQualityGate abortPipeline: true', threshold: true } : undefined;
}

function qualityGateStep(): Gate {
  return { detail: 'fails when the Sonar quality gate fails', threshold: true };
}

function msdoGate(call: ToolCall): Gate | undefined {
  return isTrue(input(call, 'break')) ? { detail: 'break: true', threshold: true } : undefined;
}

function msdoCategories(...wanted: string[]): (call: ToolCall) => boolean {
  return (call) => {
    const categories = input(call, 'categories');
    if (categories === undefined || categories.trim() === '') return true;
    const listed = categories.split(',').map((category) => category.trim().toLowerCase());
    return wanted.some((category) => listed.includes(category));
  };
}

function snykActionCommand(call: ToolCall): string {
  return (input(call, 'command') ?? 'test').trim().toLowerCase();
}


const npmAudit: ToolForm = { command: (words) => isCommand(words, 'npm', 'pnpm') && subcommand(words) === 'audit' && subcommand(words, words.indexOf('audit') + 1) !== 'signatures' };
const yarnAudit: ToolForm = { command: (words) => isCommand(words, 'yarn') && (subcommand(words) === 'audit' || (subcommand(words) === 'npm' && subcommand(words, words.indexOf('npm') + 1) === 'audit')) };
const ZAP_SCRIPTS = ['zap-baseline.py', 'zap-full-scan.py', 'zap-api-scan.py', 'zap.sh'];
const GRYPE_SUBCOMMANDS = new Set(['db', 'version', 'completion', 'config', 'explain', 'help']);
const GRYPE_PATH_TARGET = /^(?:dir:|file:|sbom:|\.{1,2}(?:\/|$)|\/)/;

/** `grype dir:.`, `grype sbom:x.json`, `grype .` scan dependencies; `grype <image>` scans an image. */
function grypeScans(target: 'path' | 'image'): ToolForm {
  return {
    command: (words) => {
      const scanned = isCommand(words, 'grype') ? subcommand(words) : undefined;
      if (scanned === undefined || GRYPE_SUBCOMMANDS.has(scanned)) return false;
      return GRYPE_PATH_TARGET.test(scanned) === (target === 'path');
    },
  };
}

/** Every scanner the CI detectors recognise. Names are what findings show. */
export const SECURITY_TOOLS: readonly SecurityTool[] = [
  // Row 17: Scorecard's SAST list and the Azure CodeQL tasks.
  { name: 'CodeQL', group: 'sast', kind: 'code', forms: [uses('github/codeql-action/analyze'), uses('advancedsecurity-codeql-analyze')] },
  {
    name: 'CodeQL',
    group: 'sast',
    kind: 'code',
    setup: true,
    forms: [uses('advancedsecurity-codeql-init'), uses('advancedsecurity-codeql-autobuild')],
    partial: () => 'it prepares CodeQL, but no analysis task was found in the same job',
  },
  {
    name: 'Snyk',
    group: 'sast',
    kind: 'code',
    // Scorecard counts every Snyk action as SAST; only `command: code test` runs Snyk Code.
    forms: [{ call: 'snyk/actions/', prefix: true, except: ['snyk/actions/setup'] }],
    partial: (call) => (snykActionCommand(call).startsWith('code') ? undefined : 'this Snyk action does not run Snyk Code (set command: code test)'),
  },
  { name: 'Snyk Code', group: 'sast', kind: 'code', forms: [{ command: (words) => isCommand(words, 'snyk') && subcommand(words) === 'code' }], gate: snykGate },
  { name: 'Pysa', group: 'sast', kind: 'code', forms: [uses('facebook/pysa-action')] },
  { name: 'Qodana', group: 'sast', kind: 'code', forms: [uses('jetbrains/qodana-action')] },
  {
    name: 'hadolint',
    group: 'sast',
    kind: 'code',
    forms: [uses('hadolint/hadolint-action')],
    partial: () => 'hadolint lints Dockerfiles only',
    softened: (call) => (isTrue(input(call, 'no-fail')) ? 'no-fail: true' : undefined),
  },

  // Row 18: SonarQube / SonarCloud.
  {
    name: 'SonarQube',
    group: 'sonar',
    kind: 'code',
    forms: [uses('sonarsource/sonarqube-scan-action'), uses('sonarsource/sonarcloud-github-action'), uses('sonarsource/sonarcloud-github-c-cpp'), uses('sonarsource/sonarqube-github-c-cpp'), uses('sonarsource/sonarcloud-scan'), uses('sonarsource/sonarqube-scan'), usesAny('sonarsource/sonarcloud/')],
    gate: sonarWaitGate,
  },
  {
    name: 'SonarScanner',
    group: 'sonar',
    kind: 'code',
    forms: [
      { command: (words) => isCommand(words, 'sonar-scanner', 'sonar-scanner.bat') },
      { command: (words) => isCommand(words, 'mvn', 'mvnw', 'mvnw.cmd') && words.some((word) => /^(?:sonar|org\.sonarsource\.scanner\.maven:sonar-maven-plugin(?::[\w.-]+)?):sonar$/.test(word)) },
      { command: (words) => isCommand(words, 'gradle', 'gradlew', 'gradlew.bat') && words.slice(1).some((word) => /^:?(?:sonar|sonarqube)$/.test(word)) },
      { command: (words) => (isCommand(words, 'dotnet') && programName(words[1] ?? '') === 'sonarscanner' && words[2]?.toLowerCase() === 'begin') || (isCommand(words, 'dotnet-sonarscanner', 'sonarscanner.msbuild') && words[1]?.toLowerCase() === 'begin') },
    ],
    gate: sonarWaitGate,
  },
  { name: 'SonarQube', group: 'sonar', kind: 'code', forms: [uses('withsonarqubeenv'), uses('sonarcloudanalyze'), uses('sonarqubeanalyze')], gate: sonarWaitGate },
  { name: 'Sonar quality gate', group: 'sonar', kind: 'code', forms: [uses('waitforqualitygate')], gate: abortPipelineGate },
  { name: 'Sonar quality gate', group: 'sonar', kind: 'code', forms: [uses('sonarsource/sonarqube-quality-gate-action'), uses('sonarsource/sonarcloud-quality-gate'), uses('sonarsource/sonarqube-quality-gate')], gate: qualityGateStep },

  // Row 19: language SAST tools and templates.
  { name: 'Semgrep', group: 'language-sast', kind: 'code', forms: [uses('semgrep/semgrep-action'), uses('returntocorp/semgrep-action')] },
  { name: 'Semgrep', group: 'language-sast', kind: 'code', forms: [{ command: (words) => isCommand(words, 'semgrep') && (['ci', 'scan'].includes(subcommand(words) ?? '') || hasArg(words, '--config') || hasArg(words, '-c')) }] },
  { name: 'Bandit', group: 'language-sast', kind: 'code', forms: [uses('pycqa/bandit-action'), { command: (words) => isCommand(words, 'bandit') && (words.includes('-r') || words.includes('--recursive')) }] },
  { name: 'gosec', group: 'language-sast', kind: 'code', forms: [uses('securego/gosec'), cli('gosec')], softened: (call) => (hasArg(call.args, '-no-fail') ? '-no-fail' : undefined) },
  { name: 'Brakeman', group: 'language-sast', kind: 'code', forms: [cli('brakeman')], softened: (call) => (hasArg(call.args, '--no-exit-on-warn') ? '--no-exit-on-warn' : undefined) },
  { name: 'GitLab SAST', group: 'language-sast', kind: 'code', forms: [...gitlabTemplates('SAST'), gitlabComponent('sast')] },
  { name: 'Microsoft Security DevOps', group: 'language-sast', kind: 'code', forms: [uses('microsoftsecuritydevops', msdoCategories('code')), uses('microsoft/security-devops-action', msdoCategories('code'))], gate: msdoGate },

  // Row 20: DAST.
  { name: 'ZAP', group: 'dast', kind: 'dynamic', forms: [uses('zaproxy/action-baseline'), uses('zaproxy/action-full-scan'), uses('zaproxy/action-api-scan'), uses('zaproxy/action-af')], gate: zapGate },
  {
    name: 'ZAP',
    group: 'dast',
    kind: 'dynamic',
    forms: [{ command: (words) => ZAP_SCRIPTS.includes(programName(words[0] ?? '')) || isCommand(words, 'zaproxy') }, ...['ghcr.io/zaproxy/zaproxy', 'zaproxy/zap-stable', 'owasp/zap2docker-stable', 'softwaresecurityproject/zap-stable'].map((image) => ({ image }))],
  },
  { name: 'Nuclei', group: 'dast', kind: 'dynamic', forms: [uses('projectdiscovery/nuclei-action'), { command: (words) => isCommand(words, 'nuclei') && ['-u', '-target', '-l', '-list'].some((flag) => hasArg(words, flag)) }] },
  { name: 'StackHawk', group: 'dast', kind: 'dynamic', forms: [uses('stackhawk/hawkscan-action')] },
  { name: 'GitLab DAST', group: 'dast', kind: 'dynamic', forms: [{ template: 'dast.gitlab-ci.yml' }, { template: 'dast.latest.gitlab-ci.yml' }, ...gitlabTemplates('DAST', 'DAST-API')] },

  // Row 21: SCA.
  { name: 'npm audit', group: 'sca', kind: 'dependencies', forms: [npmAudit], gate: auditLevelGate },
  { name: 'yarn audit', group: 'sca', kind: 'dependencies', forms: [yarnAudit] },
  { name: 'OSV-Scanner', group: 'sca', kind: 'dependencies', forms: [usesAny('google/osv-scanner-action/'), cli('osv-scanner')] },
  { name: 'Trivy', group: 'sca', kind: 'dependencies', forms: [uses('aquasecurity/trivy-action', (call) => ['fs', 'repo', 'filesystem', 'repository'].includes((input(call, 'scan-type') ?? '').toLowerCase())), cli('trivy', 'fs', 'filesystem', 'repo', 'repository')], gate: trivyGate },
  {
    name: 'Snyk',
    group: 'sca',
    kind: 'dependencies',
    forms: [{ call: 'snyk/actions/', prefix: true, except: ['snyk/actions/setup', 'snyk/actions/docker', 'snyk/actions/iac'], when: (call) => ['test', 'monitor'].includes(snykActionCommand(call)) }, cli('snyk', 'test'), usesAny('snyk/snyk/'), uses('snyk/snyk-scan'), uses('snyksecurityscan'), uses('snyksecurity')],
    gate: snykGate,
    softened: snykSoftened,
  },
  {
    name: 'OWASP Dependency-Check',
    group: 'sca',
    kind: 'dependencies',
    // A bare `dependency-check` may be the unrelated npm package that lists unused modules: ask for an OWASP flag.
    forms: [uses('dependency-check/dependency-check_action'), uses('dependencycheck'), uses('dependency-check-build-task'), cli('dependency-check.sh'), cli('dependency-check.bat'), { command: (words) => isCommand(words, 'dependency-check') && ['--scan', '-s', '--project', '--updateonly', '--out', '-o'].some((flag) => hasArg(words, flag)) }],
    gate: cvssGate,
  },
  {
    name: 'OWASP Dependency-Check',
    group: 'sca',
    kind: 'dependencies',
    forms: [
      { command: (words) => isCommand(words, 'mvn', 'mvnw', 'mvnw.cmd') && words.some((word) => /^(?:org\.owasp:)?dependency-check(?:-maven)?(?::[\w.-]+)?:(?:check|aggregate)$/.test(word)) },
      { command: (words) => isCommand(words, 'gradle', 'gradlew', 'gradlew.bat') && words.some((word) => /^:?dependencyCheck(?:Analyze|Aggregate)$/.test(word)) },
    ],
    gate: cvssGate,
  },
  { name: 'OWASP Dependency-Check', group: 'sca', kind: 'dependencies', forms: [uses('dependencycheckpublisher')], gate: publisherGate },
  { name: 'Grype', group: 'sca', kind: 'dependencies', forms: [uses('anchore/scan-action', (call) => input(call, 'image') === undefined && (input(call, 'path') !== undefined || input(call, 'sbom') !== undefined))], gate: anchoreGate, softened: (call) => (isFalse(input(call, 'fail-build')) ? 'fail-build: false' : undefined) },
  { name: 'Grype', group: 'sca', kind: 'dependencies', forms: [grypeScans('path')], gate: grypeGate },
  { name: 'pip-audit', group: 'sca', kind: 'dependencies', forms: [uses('pypa/gh-action-pip-audit'), cli('pip-audit')] },
  { name: 'govulncheck', group: 'sca', kind: 'dependencies', forms: [uses('golang/govulncheck-action'), cli('govulncheck')] },
  { name: 'cargo audit', group: 'sca', kind: 'dependencies', forms: [uses('rustsec/audit-check'), uses('actions-rs/audit-check'), cli('cargo', 'audit'), cli('cargo-audit')] },
  { name: 'GitLab Dependency Scanning', group: 'sca', kind: 'dependencies', forms: [...gitlabTemplates('Dependency-Scanning'), gitlabComponent('dependency-scanning')] },
  { name: 'Advanced Security dependency scanning', group: 'sca', kind: 'dependencies', forms: [uses('advancedsecurity-dependency-scanning')] },
  {
    name: 'Mend Unified Agent',
    group: 'sca',
    kind: 'dependencies',
    // Only the agent itself: `java -jar wss-unified-agent.jar`. "Mend" as a word means nothing.
    forms: [{ command: (words) => isCommand(words, 'java') && /^wss-unified-agent[\w.-]*\.jar$/.test(programName(flagValue(words, ['-jar']) ?? '')) }],
  },

  // Row 16: dependency review (gates and neutralisation only; its own detector lives elsewhere).
  { name: 'dependency review', group: 'dependency-review', kind: 'dependencies', forms: [uses('actions/dependency-review-action')], gate: dependencyReviewGate, softened: (call) => (isTrue(input(call, 'warn-only')) ? 'warn-only: true' : undefined) },

  // Row 30: IaC scanners.
  { name: 'Checkov', group: 'iac', kind: 'infrastructure', forms: [uses('bridgecrewio/checkov-action'), { command: (words) => isCommand(words, 'checkov') && ['-d', '--directory', '-f', '--file'].some((flag) => hasArg(words, flag)) }], gate: checkovGate, softened: checkovSoftened },
  { name: 'tfsec', group: 'iac', kind: 'infrastructure', forms: [uses('aquasecurity/tfsec-action'), cli('tfsec')], gate: tfsecGate, softened: tfsecSoftened },
  { name: 'tfsec', group: 'iac', kind: 'infrastructure', forms: [uses('aquasecurity/tfsec-sarif-action'), uses('aquasecurity/tfsec-pr-commenter-action')] },
  { name: 'KICS', group: 'iac', kind: 'infrastructure', forms: [uses('checkmarx/kics-github-action'), cli('kics', 'scan')], gate: kicsGate, softened: kicsSoftened },
  { name: 'Terrascan', group: 'iac', kind: 'infrastructure', forms: [uses('tenable/terrascan-action'), uses('accurics/terrascan-action'), cli('terrascan', 'scan')], softened: (call) => (isTrue(input(call, 'only_warn')) ? 'only_warn: true' : undefined) },
  { name: 'Trivy', group: 'iac', kind: 'infrastructure', forms: [uses('aquasecurity/trivy-action', (call) => ['config', 'conf'].includes((input(call, 'scan-type') ?? '').toLowerCase())), cli('trivy', 'config', 'conf')], gate: trivyConfigGate },
  { name: 'GitLab IaC scanning', group: 'iac', kind: 'infrastructure', forms: gitlabTemplates('SAST-IaC') },
  { name: 'Snyk IaC', group: 'iac', kind: 'infrastructure', forms: [uses('snyk/actions/iac'), { command: (words) => isCommand(words, 'snyk') && subcommand(words) === 'iac' && subcommand(words, words.indexOf('iac') + 1) === 'test' }], gate: snykGate, softened: snykSoftened },
  { name: 'Microsoft Security DevOps', group: 'iac', kind: 'infrastructure', forms: [uses('microsoftsecuritydevops', msdoCategories('iac')), uses('microsoft/security-devops-action', msdoCategories('iac'))], gate: msdoGate },

  // Row 40: image scanners (gates and neutralisation only).
  { name: 'Trivy', group: 'container', kind: 'image', forms: [uses('aquasecurity/trivy-action', (call) => ['', 'image'].includes((input(call, 'scan-type') ?? '').toLowerCase())), cli('trivy', 'image', 'i')], gate: trivyGate },
  { name: 'Grype', group: 'container', kind: 'image', forms: [uses('anchore/scan-action', (call) => input(call, 'image') !== undefined)], gate: anchoreGate, softened: (call) => (isFalse(input(call, 'fail-build')) ? 'fail-build: false' : undefined) },
  { name: 'Grype', group: 'container', kind: 'image', forms: [grypeScans('image')], gate: grypeGate },
  { name: 'Snyk Container', group: 'container', kind: 'image', forms: [uses('snyk/actions/docker'), cli('snyk', 'container')], gate: snykGate, softened: snykSoftened },
  { name: 'Docker Scout', group: 'container', kind: 'image', forms: [uses('docker/scout-action'), { command: (words) => isCommand(words, 'docker') && subcommand(words) === 'scout' }] },
  { name: 'GitLab container scanning', group: 'container', kind: 'image', forms: [...gitlabTemplates('Container-Scanning'), gitlabComponent('container-scanning')] },

  // Row 6: secret scanners (neutralisation only).
  { name: 'Gitleaks', group: 'secrets', kind: 'secrets', forms: [uses('gitleaks/gitleaks-action'), cli('gitleaks', 'git', 'dir', 'detect', 'protect', 'stdin')] },
  { name: 'TruffleHog', group: 'secrets', kind: 'secrets', forms: [uses('trufflesecurity/trufflehog'), cli('trufflehog', 'git', 'filesystem', 'github', 'gitlab')] },
  { name: 'GitLab secret detection', group: 'secrets', kind: 'secrets', forms: [...gitlabTemplates('Secret-Detection'), gitlabComponent('secret-detection')] },
  { name: 'Microsoft Security DevOps', group: 'secrets', kind: 'secrets', forms: [uses('microsoftsecuritydevops', msdoCategories('secrets')), uses('microsoft/security-devops-action', msdoCategories('secrets'))], gate: msdoGate },

  // Rows 25 and 26: pipeline posture.
  { name: 'OpenSSF Scorecard', group: 'scorecard', kind: 'posture', forms: [uses('ossf/scorecard-action'), { command: (words) => isCommand(words, 'scorecard') && ['--repo', '--local'].some((flag) => hasArg(words, flag)) }] },
  { name: 'zizmor', group: 'workflow-lint', kind: 'posture', forms: [uses('zizmorcore/zizmor-action'), uses('woodruffw/zizmor-action'), cli('zizmor')] },
  { name: 'actionlint', group: 'workflow-lint', kind: 'posture', forms: [uses('rhysd/actionlint'), uses('reviewdog/action-actionlint'), uses('raven-actions/actionlint'), uses('devops-actions/actionlint'), cli('actionlint')] },
];

// ---------------------------------------------------------------------------------------------
// Finding tools in the CI model

/** One place where a pipeline runs a recognised tool: a step, a job, or a template include (at the line of its entry). */
export interface ToolHit {
  readonly tool: SecurityTool;
  readonly workflow: CiWorkflow;
  readonly job?: CiJob;
  readonly step?: CiStep;
  readonly line?: number;
  readonly call: ToolCall;
  /** The shell fallback after the command that swallows its failure (`true`, `echo` …), if any. */
  readonly fallback?: string;
}

const NO_CALL: ToolCall = { inputs: {}, env: {}, args: [] };

/** Every place the pipelines run a tool of the given groups, in pipeline order, each tool once per place. */
export function findToolHits(ci: CiModel, groups: readonly ToolGroup[]): ToolHit[] {
  const tools = SECURITY_TOOLS.filter((tool) => groups.includes(tool.group));
  const hits = ci.workflows.flatMap((workflow) => [...templateHits(workflow, tools), ...workflow.jobs.flatMap((job) => jobHits(workflow, job, tools))]);
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = `${placeKey(hit)}\u0000${SECURITY_TOOLS.indexOf(hit.tool)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function templateHits(workflow: CiWorkflow, tools: readonly SecurityTool[]): ToolHit[] {
  return workflow.includes.flatMap((include) => {
    const name = include.ref.trim().toLowerCase();
    return tools.filter((tool) => tool.forms.some((form) => includesForm(form, name))).map((tool) => ({ tool, workflow, line: include.line, call: NO_CALL }));
  });
}

function includesForm(form: ToolForm, include: string): boolean {
  if ('template' in form) return include === form.template || include.endsWith(`/${form.template}`);
  return 'component' in form && (include.startsWith(form.component) || include.includes(`/${form.component}`));
}

function jobHits(workflow: CiWorkflow, job: CiJob, tools: readonly SecurityTool[]): ToolHit[] {
  const steps = job.steps.flatMap((step) => stepHits(workflow, job, step, tools));
  const base = { workflow, job, line: job.line, call: NO_CALL };
  const called = job.uses === undefined ? [] : tools.filter((tool) => matchesCall(tool, callName(job.uses ?? ''), NO_CALL)).map((tool) => ({ ...base, tool }));
  const image = job.image === undefined ? '' : imageName(job.image);
  const imaged = tools.filter((tool) => tool.forms.some((form) => 'image' in form && form.image === image) && !steps.some((hit) => hit.tool.name === tool.name)).map((tool) => ({ ...base, tool }));
  const all = [...called, ...imaged, ...steps];
  return all.filter((hit) => !hit.tool.setup || !all.some((other) => other.tool.name === hit.tool.name && !other.tool.setup));
}

function stepHits(workflow: CiWorkflow, job: CiJob, step: CiStep, tools: readonly SecurityTool[]): ToolHit[] {
  const inputs = lowerKeys(step.with);
  const base = { workflow, job, step, line: step.line };
  const hits: ToolHit[] = [];
  const name = step.uses === undefined ? undefined : callName(step.uses);
  if (name !== undefined) {
    const call = { inputs, env: step.env, args: argumentWords(inputs) };
    for (const tool of tools) if (matchesCall(tool, name, call)) hits.push({ ...base, tool, call });
  }
  for (const command of stepCommands(step, name, inputs)) {
    const call = { inputs, env: step.env, args: command.words.slice(1) };
    for (const tool of tools) {
      if (!tool.forms.some((form) => 'command' in form && form.command(command.words))) continue;
      hits.push(command.fallback === undefined ? { ...base, tool, call } : { ...base, tool, call, fallback: command.fallback });
    }
  }
  return hits;
}

function matchesCall(tool: SecurityTool, name: string, call: ToolCall): boolean {
  return tool.forms.some((form) => {
    if (!('call' in form)) return false;
    const named = form.prefix === true ? name.startsWith(form.call) && !(form.except ?? []).includes(name) : name === form.call;
    return named && (form.when === undefined || form.when(call));
  });
}

/** The programs a step runs: its shell commands, and a known scanner image called as a `docker://` step. */
function stepCommands(step: CiStep, name: string | undefined, inputs: Readonly<Record<string, string>>): { words: readonly string[]; fallback?: string }[] {
  const commands = step.run === undefined ? [] : runCommands(step.run);
  const program = step.uses?.trim().toLowerCase().startsWith('docker://') === true && name !== undefined ? SCANNER_IMAGES.get(name) : undefined;
  return program === undefined ? commands : [...commands, { words: [program, ...argumentWords(inputs)] }];
}

const SWALLOWING_FALLBACKS = new Set(['true', ':', 'echo', 'printf']);
/** `tool --version` or `tool help` runs the tool but scans nothing. */
const VERSION_OR_HELP = new Set(['--version', '-version', 'version', '--help', '-help', '-h', 'help']);

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash']);
/** `bash -c "…"` inside `bash -c "…"` is read; deeper nesting is not (each level reads its text once more). */
const MAX_SHELL_DEPTH = 2;
/** Short shell options such as `-c`, `-ec`, `-lc` (one quantifier: linear). */
const SHELL_FLAGS = /^-[a-z]+$/;

function runCommands(run: string, depth = 0): { words: readonly string[]; fallback?: string }[] {
  const commands = shellCommands(run);
  return commands.flatMap((command, index) => {
    const words = programWords(command.words);
    if (VERSION_OR_HELP.has((words[1] ?? '').toLowerCase())) return [];
    const fallback = command.then === 'or' ? swallowingFallback(commands[index + 1]?.words ?? []) : undefined;
    const script = depth < MAX_SHELL_DEPTH ? shellScript(words) : undefined;
    if (script !== undefined) return runCommands(script, depth + 1).map((inner) => (fallback === undefined || inner.fallback !== undefined ? inner : { ...inner, fallback }));
    return fallback === undefined ? [{ words }] : [{ words, fallback }];
  });
}

/** The script of `sh -c '…'` (also `bash -ec`, `bash -lc`), or undefined. */
function shellScript(words: readonly string[]): string | undefined {
  if (!SHELLS.has(programName(words[0] ?? ''))) return undefined;
  const flag = words.findIndex((word, index) => index > 0 && SHELL_FLAGS.test(word) && word.includes('c'));
  return flag === -1 ? undefined : words[flag + 1];
}

function swallowingFallback(words: readonly string[]): string | undefined {
  const first = words[0] ?? '';
  if (SWALLOWING_FALLBACKS.has(first)) return first;
  return first === 'exit' && (words[1] ?? '0') === '0' ? 'exit 0' : undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading a hit

/** Why a hit may fail without failing the pipeline (the trap of DETECTORS.md §3), or undefined. */
export function neutralisedBy(hit: ToolHit): string | undefined {
  // The precise reason first: the parser also marks a step whose shell text has `|| true` somewhere.
  if (hit.fallback !== undefined) return `the command is followed by "|| ${hit.fallback}"`;
  if (hit.step?.neutralised === true) return `the step may fail without failing the pipeline (${failureSwitch(hit.workflow)})`;
  if (hit.job?.neutralised === true) return `its job may fail without failing the pipeline (${failureSwitch(hit.workflow)})`;
  const softened = hit.tool.softened?.(hit.call);
  return softened === undefined ? undefined : `it is set to pass whatever it finds (${softened})`;
}

function failureSwitch(workflow: CiWorkflow): string {
  if (workflow.system === 'github-actions') return 'continue-on-error, `|| true` or similar';
  if (workflow.system === 'gitlab-ci') return 'allow_failure, `|| true` or similar';
  if (workflow.system === 'azure-pipelines') return 'continueOnError, `|| true` or similar';
  if (workflow.system === 'jenkins') return 'catchError, warnError, `|| true` or similar';
  return '`|| true` or a similar setting';
}

/** The failing gate on a hit, or undefined; a neutralised step is never a gate. */
export function gateOf(hit: ToolHit): Gate | undefined {
  if (neutralisedBy(hit) !== undefined) return undefined;
  return hit.tool.gate?.(hit.call);
}

/** The gate a hit's inputs ask for, even when the step is neutralised (for near-miss messages). */
export function requestedGate(hit: ToolHit): Gate | undefined {
  return hit.tool.gate?.(hit.call);
}

/** Why the hit is weaker evidence than its group needs, or undefined. */
export function partialReason(hit: ToolHit): string | undefined {
  return hit.tool.partial?.(hit.call);
}

function placeKey(hit: ToolHit): string {
  return `${hit.workflow.file}\u0000${hit.line ?? 0}`;
}

/** Hits grouped by place (file and line), in order: the detectors report one finding per place. */
export function hitsByPlace(hits: readonly ToolHit[]): ToolHit[][] {
  const places = new Map<string, ToolHit[]>();
  for (const hit of hits) places.set(placeKey(hit), [...(places.get(placeKey(hit)) ?? []), hit]);
  return [...places.values()];
}

/** "Trivy and npm audit": the distinct tool names of some hits. */
export function toolNames(hits: readonly ToolHit[]): string {
  const names = [...new Set(hits.map((hit) => hit.tool.name))];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** Where a hit is, as a finding's file and line, with words for a message. */
export function hitLocation(hit: ToolHit): { file: string; line?: number; where: string } {
  const where = hit.line === undefined ? `${hit.workflow.file} (template include)` : `${hit.workflow.file}:${hit.line}`;
  return hit.line === undefined ? { file: hit.workflow.file, where } : { file: hit.workflow.file, line: hit.line, where };
}

/** Hits outside test fixtures: a pipeline under `fixtures/` is not the repository's pipeline. */
export function productHits(input: DetectorInput, groups: readonly ToolGroup[]): ToolHit[] {
  return findToolHits(input.ci, groups).filter((hit) => !input.isFixture(hit.workflow.file));
}

/**
 * The inconclusive answer when nothing was found but some pipeline files could not be read:
 * one `not-applicable` finding per unreadable file.
 */
export function unreadablePipelines(input: DetectorInput, question: string): DetectorFinding[] {
  return input.ci.unreadable
    .filter((entry) => !input.isFixture(entry.file))
    .map((entry): DetectorFinding => ({ outcome: 'not-applicable', file: entry.file, confidence: 'low', message: `${entry.file} could not be read (${entry.reason}), so whether ${question} is unknown` }));
}

/**
 * The positive findings of a "runs tool X in CI" detector: one per place, at `level`, partial when
 * the tool call is weaker than the group needs; a neutralised step is at most level-2 evidence.
 * With nothing found, unreadable pipelines make the answer inconclusive.
 */
export function runsToolFindings(input: DetectorInput, options: { groups: readonly ToolGroup[]; level: number; doing: string; question: string; partial?: string }): DetectorFinding[] {
  const places = hitsByPlace(productHits(input, options.groups));
  if (places.length === 0) return unreadablePipelines(input, options.question);
  return places.map((hits) => runsToolFinding(hits, options));
}

function runsToolFinding(hits: readonly ToolHit[], options: { level: number; doing: string; partial?: string }): DetectorFinding {
  const first = hits[0] as ToolHit;
  const { where, ...location } = hitLocation(first);
  const neutralised = hits.map(neutralisedBy).find((reason) => reason !== undefined);
  const weaker = hits.every((hit) => partialReason(hit) !== undefined) ? partialReason(first) : undefined;
  const level = neutralised === undefined ? options.level : Math.min(options.level, 2);
  const partial = weaker !== undefined || options.partial !== undefined || level < options.level;
  const notes = [weaker, options.partial, neutralised === undefined ? undefined : `${neutralised}, so it cannot block anything`].filter((note) => note !== undefined);
  const message = `${where} ${options.doing} with ${toolNames(hits)}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
  return { outcome: 'positive', ...location, confidence: 'high', level, ...(partial ? { status: 'partial' as const } : {}), message };
}
