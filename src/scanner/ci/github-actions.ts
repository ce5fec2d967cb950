/**
 * GitHub Actions: workflows under `.github/workflows/` and composite actions (`action.yml` whose
 * `runs.using` is `composite`), read into the normalised CI model.
 */
import type { CiParser } from './index.js';
import type { CiJob, CiPermissions, CiStep, CiWorkflow } from './model.js';
import {
  MAX_JOBS_PER_FILE,
  MAX_STEPS_PER_FILE,
  asList,
  asRecord,
  asString,
  countProblem,
  shapeProblem,
  shellNeutralises,
  stringifyValues,
  optional,
  readYaml,
} from './yaml-values.js';
import type { LineFinder, ParseOutcome, YamlPath, YamlRecord } from './yaml-values.js';

/** GitHub reads workflows only directly under the repository's `.github/workflows/`. */
const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION_PATH = /(?:^|\/)action\.ya?ml$/;
/** Folders of the other CI systems, whose `action.yml` files are theirs. */
const OTHER_CI_FOLDER = /(?:^|\/)(?:\.gitlab\/ci|\.azure-pipelines|\.pipelines|\.circleci)\//;

export const githubActionsParser: CiParser = {
  system: 'github-actions',
  matches: (path) => WORKFLOW_PATH.test(path) || isActionPath(path),
  parse(file) {
    const read = readYaml(file);
    if ('error' in read) return read;
    return isActionPath(file.path) ? readCompositeAction(read.yaml.value, file.path, read.lines) : readWorkflowFile(read.yaml.value, file.path, read.lines);
  },
};

function isActionPath(path: string): boolean {
  return ACTION_PATH.test(path) && !WORKFLOW_PATH.test(path) && !OTHER_CI_FOLDER.test(path);
}

function readWorkflowFile(root: unknown, file: string, lines: LineFinder): ParseOutcome {
  const problem = findWorkflowProblem(root, lines);
  if (problem !== null) return { error: problem };
  return { workflows: [readWorkflow(asRecord(root) ?? {}, file, lines)] };
}

function findWorkflowProblem(root: unknown, lines: LineFinder): string | null {
  const workflow = asRecord(root);
  if (workflow === undefined) return shapeProblem('workflow', 'a map at the top of the file', root, 1);
  const jobs = asRecord(workflow.jobs);
  if (jobs === undefined) return shapeProblem('jobs', 'a map of jobs', workflow.jobs, lines.ofKey(['jobs']));
  const entries = Object.entries(jobs);
  const tooMany = countProblem(entries.length, MAX_JOBS_PER_FILE, 'jobs');
  if (tooMany !== null) return tooMany;
  let steps = 0;
  for (const [id, job] of entries) {
    const problem = findJobProblem(job, ['jobs', id], lines);
    if (problem !== null) return problem;
    steps += asList(asRecord(job)?.steps)?.length ?? 0;
  }
  return countProblem(steps, MAX_STEPS_PER_FILE, 'steps');
}

function findJobProblem(value: unknown, path: YamlPath, lines: LineFinder): string | null {
  const job = asRecord(value);
  if (job === undefined) return shapeProblem(path.join('.'), 'a map', value, lines.ofKey(path));
  return findStepsProblem(job.steps, [...path, 'steps'], lines);
}

function findStepsProblem(value: unknown, path: YamlPath, lines: LineFinder): string | null {
  if (value === undefined) return null;
  const steps = asList(value);
  if (steps === undefined) return shapeProblem(path.join('.'), 'a list of steps', value, lines.ofKey(path));
  const index = steps.findIndex((step) => asRecord(step) === undefined);
  if (index === -1) return null;
  return shapeProblem(`${path.join('.')}[${index}]`, 'a map', steps[index], lines.at([...path, index]));
}

function readWorkflow(workflow: YamlRecord, file: string, lines: LineFinder): CiWorkflow {
  const env = stringifyValues(workflow.env);
  const jobs = Object.entries(asRecord(workflow.jobs) ?? {}).map(([id, job]) => readJob(id, asRecord(job) ?? {}, env, lines));
  return {
    system: 'github-actions',
    file,
    ...optional('name', asString(workflow.name)),
    triggers: readTriggers(workflow.on),
    permissions: readPermissions(workflow.permissions),
    ...(workflow.permissions === undefined ? {} : { permissionsLine: lines.ofKey(['permissions']) }),
    includes: [],
    jobs,
    orbs: {},
  };
}

/** Event names of `on`: one event, a list of events, or a map keyed by event. */
function readTriggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  const list = asList(on);
  if (list !== undefined) return list.filter((event) => typeof event === 'string');
  return Object.keys(asRecord(on) ?? {});
}

const PERMISSION_LEVELS = new Set(['read', 'write', 'none']);

/** `read-all`, `write-all`, or a map of scopes (`{}` sets every scope to none); anything else null. */
function readPermissions(value: unknown): CiPermissions | null {
  if (value === 'read-all' || value === 'write-all') return value;
  const scopes = asRecord(value);
  if (scopes === undefined) return null;
  const levels = Object.entries(scopes).filter((entry): entry is [string, 'read' | 'write' | 'none'] => typeof entry[1] === 'string' && PERMISSION_LEVELS.has(entry[1]));
  return Object.fromEntries(levels);
}

function readJob(id: string, job: YamlRecord, workflowEnv: Readonly<Record<string, string>>, lines: LineFinder): CiJob {
  const env = { ...workflowEnv, ...stringifyValues(job.env) };
  return {
    id,
    ...optional('name', asString(job.name)),
    ...optional('image', containerImage(job.container)),
    ...optional('uses', asString(job.uses)),
    steps: readSteps(job.steps, ['jobs', id, 'steps'], env, lines),
    neutralised: job['continue-on-error'] === true,
    permissions: readPermissions(job.permissions),
    ...(job.permissions === undefined ? {} : { permissionsLine: lines.ofKey(['jobs', id, 'permissions']) }),
    line: lines.ofKey(['jobs', id]),
  };
}

/** `container: node:20` or `container: {image: node:20}`. */
function containerImage(container: unknown): string | undefined {
  return typeof container === 'string' ? container : asString(asRecord(container)?.image);
}

function readSteps(value: unknown, path: YamlPath, env: Readonly<Record<string, string>>, lines: LineFinder): CiStep[] {
  return (asList(value) ?? []).map((step, index) => readStep(asRecord(step) ?? {}, env, lines.at([...path, index])));
}

/** A step; its env is what the step sees: the workflow's, the job's and its own, the nearest winning. */
function readStep(step: YamlRecord, env: Readonly<Record<string, string>>, line: number): CiStep {
  const run = asString(step.run);
  return {
    ...optional('name', asString(step.name)),
    ...optional('uses', asString(step.uses)),
    ...optional('run', run),
    with: stringifyValues(step.with),
    env: { ...env, ...stringifyValues(step.env) },
    // Only a literal true: an expression may well evaluate to false.
    neutralised: step['continue-on-error'] === true || shellNeutralises(run),
    line,
  };
}

function readCompositeAction(root: unknown, file: string, lines: LineFinder): ParseOutcome {
  const runs = asRecord(asRecord(root)?.runs);
  // Other actions (JavaScript, Docker) and unrelated files called action.yml have no pipeline.
  if (runs === undefined || asString(runs.using)?.toLowerCase() !== 'composite') return { workflows: [] };
  const problem = findStepsProblem(runs.steps, ['runs', 'steps'], lines) ?? countProblem(asList(runs.steps)?.length ?? 0, MAX_STEPS_PER_FILE, 'steps');
  if (problem !== null) return { error: problem };
  const action = asRecord(root) ?? {};
  const job: CiJob = {
    id: 'composite',
    ...optional('name', asString(action.name)),
    steps: readSteps(runs.steps, ['runs', 'steps'], {}, lines),
    neutralised: false,
    permissions: null,
    line: lines.ofKey(['runs']),
  };
  return { workflows: [{ system: 'github-actions', file, ...optional('name', asString(action.name)), triggers: [], permissions: null, includes: [], jobs: [job], orbs: {} }] };
}

