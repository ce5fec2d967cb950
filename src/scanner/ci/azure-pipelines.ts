/**
 * Azure Pipelines: `azure-pipelines.yml` and the YAML files under `.azure-pipelines/` and
 * `.pipelines/`, read into the normalised CI model. A pipeline is steps, jobs, or stages of jobs.
 */
import type { CiParser } from './index.js';
import type { CiInclude, CiJob, CiStep, CiWorkflow } from './model.js';
import {
  MAX_JOBS_PER_FILE,
  MAX_STEPS_PER_FILE,
  asList,
  asRecord,
  asString,
  countProblem,
  optional,
  readYaml,
  shapeProblem,
  shellNeutralises,
  stringifyValue,
  stringifyValues,
} from './yaml-values.js';
import type { LineFinder, ParseOutcome, YamlPath, YamlRecord } from './yaml-values.js';

/** `azure-pipelines.yml` (also `azure-pipelines-ci.yml`, `azure-pipelines.release.yml`) or a file of the conventional folders. */
const PIPELINE_FILE = /(?:^|\/)azure-pipelines(?:[.-][^/]+)?\.ya?ml$/;
const PIPELINE_FOLDER = /(?:^|\/)\.(?:azure-)?pipelines\/.+\.ya?ml$/;

export const azurePipelinesParser: CiParser = {
  system: 'azure-pipelines',
  matches: (path) => PIPELINE_FILE.test(path) || PIPELINE_FOLDER.test(path),
  parse(file) {
    const read = readYaml(file);
    if ('error' in read) return read;
    return readPipelineFile(read.yaml.value, file.path, read.lines);
  },
};

/** A list item with where it sits, after `${{ if … }}:` / `${{ each … }}:` blocks are opened. */
interface Item {
  readonly value: YamlRecord;
  readonly path: YamlPath;
}

/** Collects what the walk finds across stages and jobs. */
interface Found {
  readonly includes: CiInclude[];
  readonly jobs: CiJob[];
  readonly lines: LineFinder;
}

function readPipelineFile(root: unknown, file: string, lines: LineFinder): ParseOutcome {
  const pipeline = asRecord(root);
  if (pipeline === undefined) return { error: shapeProblem('pipeline', 'a map at the top of the file', root, 1) };
  const problem = findListProblem(pipeline, lines);
  if (problem !== null) return { error: problem };
  const found: Found = { includes: [], jobs: [], lines };
  collectExtends(pipeline, found);
  collectStages(pipeline.stages, ['stages'], found);
  collectJobs(pipeline.jobs, ['jobs'], found);
  if (pipeline.steps !== undefined) found.jobs.push(readJob('Job', pipeline, [], found));
  const tooMany = countProblem(found.jobs.length, MAX_JOBS_PER_FILE, 'jobs') ?? countProblem(found.jobs.reduce((sum, job) => sum + job.steps.length, 0), MAX_STEPS_PER_FILE, 'steps');
  if (tooMany !== null) return { error: tooMany };
  return { workflows: [readWorkflow(pipeline, file, found)] };
}

/** `stages`, `jobs` and `steps` are lists, or a template expression (`steps: ${{ parameters.steps }}`). */
function findListProblem(pipeline: YamlRecord, lines: LineFinder): string | null {
  for (const key of ['stages', 'jobs', 'steps']) {
    const value = pipeline[key];
    if (value === undefined || asList(value) !== undefined || isExpression(value)) continue;
    return shapeProblem(key, 'a list', value, lines.ofKey([key]));
  }
  return null;
}

function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${{');
}

function readWorkflow(pipeline: YamlRecord, file: string, found: Found): CiWorkflow {
  return {
    system: 'azure-pipelines',
    file,
    ...optional('name', asString(pipeline.name)),
    triggers: readTriggers(pipeline),
    permissions: null,
    includes: found.includes,
    jobs: found.jobs,
    orbs: {},
  };
}

/** `trigger` (push), `pr` (pull request) and `schedules`, unless set to `none`. */
function readTriggers(pipeline: YamlRecord): string[] {
  const declared = (value: unknown): boolean => value !== undefined && value !== 'none';
  return [
    ...(declared(pipeline.trigger) ? ['push'] : []),
    ...(declared(pipeline.pr) ? ['pull_request'] : []),
    ...((asList(pipeline.schedules)?.length ?? 0) > 0 ? ['schedule'] : []),
  ];
}

/** `extends: {template: x.yml}` or a top-level `template: x.yml`. */
function collectExtends(pipeline: YamlRecord, found: Found): void {
  const extended = asString(asRecord(pipeline.extends)?.template);
  if (extended !== undefined) found.includes.push({ ref: extended, line: found.lines.ofKey(['extends', 'template']) });
  else {
    const template = asString(pipeline.template);
    if (template !== undefined) found.includes.push({ ref: template, line: found.lines.ofKey(['template']) });
  }
}

/** The items of a list, opening conditional and loop blocks, which hold lists of the same items. */
function expandItems(value: unknown, path: YamlPath): Item[] {
  return (asList(value) ?? []).flatMap((item, index): Item[] => {
    const record = asRecord(item);
    if (record === undefined) return [];
    const keys = Object.keys(record);
    const [only] = keys;
    if (keys.length === 1 && only !== undefined && only.startsWith('${{')) return expandItems(record[only], [...path, index, only]);
    return [{ value: record, path: [...path, index] }];
  });
}

/** Templates are recorded as includes; other items are handed to `read`. */
function eachItem(value: unknown, path: YamlPath, found: Found, read: (item: Item) => void): void {
  for (const item of expandItems(value, path)) {
    const template = asString(item.value.template);
    if (template !== undefined) found.includes.push({ ref: template, line: found.lines.ofKey([...item.path, 'template']) });
    else read(item);
  }
}

function collectStages(value: unknown, path: YamlPath, found: Found): void {
  eachItem(value, path, found, (stage) => {
    collectJobs(stage.value.jobs, [...stage.path, 'jobs'], found);
  });
}

function collectJobs(value: unknown, path: YamlPath, found: Found): void {
  eachItem(value, path, found, (job) => {
    const id = asString(job.value.job) ?? asString(job.value.deployment) ?? 'Job';
    found.jobs.push(readJob(id, job.value, job.path, found));
  });
}

function readJob(id: string, job: YamlRecord, path: YamlPath, found: Found): CiJob {
  const steps = stepListPaths(job).flatMap((stepsPath) => readSteps(stepsPath, job, path, found));
  return {
    id,
    ...optional('name', asString(job.displayName)),
    ...optional('image', containerImage(job.container)),
    steps,
    neutralised: isAzureTrue(job.continueOnError),
    permissions: null,
    line: path.length === 0 ? found.lines.ofKey(['steps']) : found.lines.at(path),
  };
}

/** `container: ubuntu:22.04` or `container: {image: …}`; a name there refers to a container resource. */
function containerImage(container: unknown): string | undefined {
  return typeof container === 'string' ? container : asString(asRecord(container)?.image);
}

const DEPLOYMENT_STRATEGIES = ['runOnce', 'rolling', 'canary'];
const DEPLOYMENT_HOOKS = ['preDeploy', 'deploy', 'routeTraffic', 'postRouteTraffic'];

/** Where a job keeps steps: `steps`, or the lifecycle hooks of a deployment job's strategy. */
function stepListPaths(job: YamlRecord): YamlPath[] {
  const paths: YamlPath[] = job.steps === undefined ? [] : [['steps']];
  const strategy = asRecord(job.strategy) ?? {};
  for (const name of DEPLOYMENT_STRATEGIES) {
    const hooks = asRecord(strategy[name]);
    if (hooks === undefined) continue;
    for (const hook of DEPLOYMENT_HOOKS) if (asRecord(hooks[hook])?.steps !== undefined) paths.push(['strategy', name, hook, 'steps']);
    for (const outcome of ['failure', 'success']) if (asRecord(asRecord(hooks.on)?.[outcome])?.steps !== undefined) paths.push(['strategy', name, 'on', outcome, 'steps']);
  }
  return paths;
}

function readSteps(stepsPath: YamlPath, job: YamlRecord, jobPath: YamlPath, found: Found): CiStep[] {
  const steps: CiStep[] = [];
  eachItem(valueAt(job, stepsPath), [...jobPath, ...stepsPath], found, (step) => {
    const read = readStep(step.value, found.lines.at(step.path));
    if (read !== undefined) steps.push(read);
  });
  return steps;
}

function valueAt(record: YamlRecord, path: YamlPath): unknown {
  let value: unknown = record;
  for (const key of path) value = asRecord(value)?.[key];
  return value;
}

const SCRIPT_KEYS = ['script', 'bash', 'pwsh', 'powershell'];
/** Step shortcuts that are neither a task nor a script; `uses` names the keyword. */
const KEYWORD_STEPS = ['checkout', 'download', 'downloadBuild', 'publish', 'getPackage', 'reviewApp'];

/** A task, script or keyword step; a disabled step (`enabled: false`) does not run and is left out. */
function readStep(step: YamlRecord, line: number): CiStep | undefined {
  if (step.enabled === false) return undefined;
  const call = readCall(step);
  if (call === undefined) return undefined;
  return {
    ...optional('name', asString(step.displayName)),
    ...call,
    env: stringifyValues(step.env),
    neutralised: isAzureTrue(step.continueOnError) || shellNeutralises(call.run),
    line,
  };
}

function readCall(step: YamlRecord): { uses?: string; run?: string; with: Record<string, string> } | undefined {
  const task = asString(step.task);
  if (task !== undefined) return { uses: task, with: stringifyValues(step.inputs) };
  const scriptKey = SCRIPT_KEYS.find((key) => step[key] !== undefined);
  if (scriptKey !== undefined) return { run: stringifyValue(step[scriptKey]), with: {} };
  const keyword = KEYWORD_STEPS.find((key) => step[key] !== undefined);
  if (keyword !== undefined) return { uses: keyword, with: { [keyword]: stringifyValue(step[keyword]) } };
  return undefined;
}

/** Azure reads booleans loosely: true, yes, y and on, in any case. */
export function isAzureTrue(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && ['true', 'yes', 'y', 'on'].includes(value.toLowerCase());
}
