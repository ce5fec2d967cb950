/**
 * CircleCI: `.circleci/config.yml`, read into the normalised CI model. Jobs and reusable commands
 * become jobs; orb jobs called from `workflows` become jobs that use the orb job.
 */
import type { CiParser } from './index.js';
import type { CiJob, CiStep, CiWorkflow } from './model.js';
import {
  MAX_JOBS_PER_FILE,
  MAX_STEPS_PER_FILE,
  asList,
  asRecord,
  asString,
  countProblem,
  field,
  optional,
  readYaml,
  shapeProblem,
  shellNeutralises,
  stringifyValues,
} from './yaml-values.js';
import type { LineFinder, ParseOutcome, YamlPath, YamlRecord } from './yaml-values.js';

const CONFIG_PATH = /^\.circleci\/config\.ya?ml$/;
/** Keys of a workflow's job entry that configure the call, not parameters of the job. */
const WORKFLOW_JOB_OPTIONS = new Set(['requires', 'context', 'filters', 'matrix', 'name', 'type', 'pre-steps', 'post-steps', 'serial-group', 'override-with']);
/** Conditional steps hold more steps. */
const CONDITIONAL_STEPS = new Set(['when', 'unless']);
/** Bounds the nesting of `when`/`unless` steps followed (the YAML itself is at most 64 deep). */
const MAX_CONDITIONAL_NESTING = 16;

export const circleciParser: CiParser = {
  system: 'circleci',
  matches: (path) => CONFIG_PATH.test(path),
  parse(file) {
    const read = readYaml(file);
    if ('error' in read) return read;
    return readConfigFile(read.yaml.value, file.path, read.lines);
  },
};

interface Context {
  readonly orbs: Readonly<Record<string, string>>;
  readonly executors: YamlRecord;
  readonly lines: LineFinder;
}

function readConfigFile(root: unknown, file: string, lines: LineFinder): ParseOutcome {
  const config = asRecord(root);
  if (config === undefined) return { error: shapeProblem('config', 'a map at the top of the file', root, 1) };
  const problem = findSectionProblem(config, 'jobs', lines) ?? findSectionProblem(config, 'commands', lines);
  if (problem !== null) return { error: problem };
  const context: Context = { orbs: readOrbs(config.orbs), executors: asRecord(config.executors) ?? {}, lines };
  const jobs = [...readJobs(config, context), ...readCommands(config, context), ...readOrbJobCalls(config.workflows, context)];
  const tooMany = countProblem(jobs.length, MAX_JOBS_PER_FILE, 'jobs') ?? countProblem(jobs.reduce((sum, job) => sum + job.steps.length, 0), MAX_STEPS_PER_FILE, 'steps');
  if (tooMany !== null) return { error: tooMany };
  const workflow: CiWorkflow = { system: 'circleci', file, triggers: [], permissions: null, includes: [], jobs, orbs: context.orbs };
  return { workflows: [workflow] };
}

/** `jobs` and `commands` are maps of maps, each with a list of steps when it has steps. */
function findSectionProblem(config: YamlRecord, section: string, lines: LineFinder): string | null {
  const value = config[section];
  if (value === undefined) return null;
  const entries = asRecord(value);
  if (entries === undefined) return shapeProblem(section, `a map of ${section}`, value, lines.ofKey([section]));
  for (const [id, entry] of Object.entries(entries)) {
    const definition = asRecord(entry);
    if (definition === undefined) return shapeProblem(`${section}.${id}`, 'a map', entry, lines.ofKey([section, id]));
    if (definition.steps !== undefined && asList(definition.steps) === undefined) {
      return shapeProblem(`${section}.${id}.steps`, 'a list of steps', definition.steps, lines.ofKey([section, id, 'steps']));
    }
  }
  return null;
}

/** Alias → `namespace/orb@version`; inline orb definitions (maps) are left out. */
function readOrbs(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(asRecord(value) ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function readJobs(config: YamlRecord, context: Context): CiJob[] {
  return Object.entries(asRecord(config.jobs) ?? {}).map(([id, value]) => {
    const job = asRecord(value) ?? {};
    return {
      id,
      ...optional('image', jobImage(job, context.executors)),
      steps: readSteps(job.steps, ['jobs', id, 'steps'], stringifyValues(job.environment), context),
      neutralised: false,
      permissions: null,
      line: context.lines.ofKey(['jobs', id]),
    };
  });
}

/** Reusable commands hold steps like jobs do; they are listed as jobs `commands.<name>`. */
function readCommands(config: YamlRecord, context: Context): CiJob[] {
  return Object.entries(asRecord(config.commands) ?? {}).map(([name, value]) => ({
    id: `commands.${name}`,
    steps: readSteps(asRecord(value)?.steps, ['commands', name, 'steps'], {}, context),
    neutralised: false,
    permissions: null,
    line: context.lines.ofKey(['commands', name]),
  }));
}

/** The first Docker image of the job, or of the executor it names (`executor: node` or `{name: node}`). */
function jobImage(job: YamlRecord, executors: YamlRecord): string | undefined {
  const own = firstDockerImage(job.docker);
  if (own !== undefined) return own;
  const executor = asString(job.executor) ?? asString(asRecord(job.executor)?.name);
  return executor === undefined ? undefined : firstDockerImage(asRecord(field(executors, executor))?.docker);
}

function firstDockerImage(docker: unknown): string | undefined {
  return asString(asRecord(asList(docker)?.[0])?.image);
}

function readSteps(value: unknown, path: YamlPath, env: Readonly<Record<string, string>>, context: Context, depth = 0): CiStep[] {
  return (asList(value) ?? []).flatMap((item, index) => {
    const itemPath = [...path, index];
    const conditional = conditionalSteps(item);
    if (conditional !== undefined) {
      return depth >= MAX_CONDITIONAL_NESTING ? [] : readSteps(conditional.steps, [...itemPath, conditional.key, 'steps'], env, context, depth + 1);
    }
    const step = readStep(item, env, context);
    return step === undefined ? [] : [{ ...step, line: context.lines.at(itemPath) }];
  });
}

function conditionalSteps(item: unknown): { key: string; steps: unknown } | undefined {
  const [key, body] = singleEntry(item) ?? [];
  if (key === undefined || !CONDITIONAL_STEPS.has(key)) return undefined;
  return { key, steps: asRecord(body)?.steps };
}

/** The one key of a step map (`run: …`, `snyk/scan: {…}`). */
function singleEntry(item: unknown): [string, unknown] | undefined {
  const entries = Object.entries(asRecord(item) ?? {});
  return entries.length === 1 ? entries[0] : undefined;
}

/** `checkout`, `run: …`, `run: {command, name, environment}`, or a command with parameters. */
function readStep(item: unknown, env: Readonly<Record<string, string>>, context: Context): Omit<CiStep, 'line'> | undefined {
  if (typeof item === 'string') return { uses: resolveCommand(item, context.orbs), with: {}, env: { ...env }, neutralised: false };
  const [key, body] = singleEntry(item) ?? [];
  if (key === undefined) return undefined;
  if (key === 'run') return readRun(body, env);
  return { uses: resolveCommand(key, context.orbs), with: stringifyValues(body), env: { ...env }, neutralised: false };
}

function readRun(body: unknown, env: Readonly<Record<string, string>>): Omit<CiStep, 'line'> {
  const details = asRecord(body);
  const run = asString(details === undefined ? body : details.command) ?? '';
  return {
    ...optional('name', asString(details?.name)),
    run,
    with: {},
    env: { ...env, ...stringifyValues(details?.environment) },
    neutralised: shellNeutralises(run),
  };
}

/** `snyk/scan` with orb `snyk: snyk/snyk@2.0.0` → `snyk/snyk/scan`; unknown aliases and local commands as written. */
export function resolveCommand(reference: string, orbs: Readonly<Record<string, string>>): string {
  const slash = reference.indexOf('/');
  if (slash === -1) return reference;
  const orb = field(orbs, reference.slice(0, slash));
  if (typeof orb !== 'string') return reference;
  return `${orb.replace(/@.*$/, '')}${reference.slice(slash)}`;
}

/** Orb jobs called by workflows (`- snyk/scan: {severity-threshold: high}`): a job using it, its parameters on one step. */
function readOrbJobCalls(value: unknown, context: Context): CiJob[] {
  return Object.entries(asRecord(value) ?? {}).flatMap(([workflowName, workflow]) =>
    (asList(asRecord(workflow)?.jobs) ?? []).flatMap((entry, index) => readOrbJobCall(entry, ['workflows', workflowName, 'jobs', index], context)),
  );
}

function readOrbJobCall(entry: unknown, path: YamlPath, context: Context): CiJob[] {
  const [reference, body] = typeof entry === 'string' ? [entry, undefined] : (singleEntry(entry) ?? []);
  if (reference === undefined || !reference.includes('/')) return [];
  const uses = resolveCommand(reference, context.orbs);
  const parameters = Object.entries(stringifyValues(body)).filter(([key]) => !WORKFLOW_JOB_OPTIONS.has(key));
  const line = context.lines.at(path);
  const step: CiStep = { uses, with: Object.fromEntries(parameters), env: {}, neutralised: false, line };
  return [{ id: asString(asRecord(body)?.name) ?? reference, uses, steps: [step], neutralised: false, permissions: null, line }];
}
