/**
 * Bitbucket Pipelines: `bitbucket-pipelines.yml`, read into the normalised CI model. Every `step`
 * of every pipeline becomes a job; each line of its script becomes a step, and a `pipe` a step
 * that uses it.
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
  optional,
  readYaml,
  shapeProblem,
  shellNeutralises,
  stringifyValue,
  stringifyValues,
} from './yaml-values.js';
import type { LineFinder, ParseOutcome, YamlPath, YamlRecord } from './yaml-values.js';

/** Bitbucket reads only this file at the root of the repository. */
const PIPELINE_PATH = /^bitbucket-pipelines\.yml$/;

/** The pipeline kinds in the order they are reported, with the event that starts each. */
const PIPELINE_KINDS = [
  { key: 'default', trigger: 'push' },
  { key: 'branches', trigger: 'push' },
  { key: 'pull-requests', trigger: 'pull_request' },
  { key: 'tags', trigger: 'tag' },
  { key: 'custom', trigger: 'manual' },
] as const;

export const bitbucketPipelinesParser: CiParser = {
  system: 'bitbucket-pipelines',
  matches: (path) => PIPELINE_PATH.test(path),
  parse(file) {
    const read = readYaml(file);
    if ('error' in read) return read;
    return readPipelineFile(read.yaml.value, file.path, read.lines);
  },
};

/** One pipeline: its label for job ids (`default`, `branches.main`), its items and where they are. */
interface Pipeline {
  readonly label: string;
  readonly items: unknown;
  readonly path: YamlPath;
}

interface Context {
  readonly image: string | undefined;
  readonly lines: LineFinder;
}

function readPipelineFile(root: unknown, file: string, lines: LineFinder): ParseOutcome {
  const config = asRecord(root);
  if (config === undefined) return { error: shapeProblem('file', 'a map at the top of the file', root, 1) };
  const pipelines = asRecord(config.pipelines);
  if (pipelines === undefined) return { error: shapeProblem('pipelines', 'a map of pipelines', config.pipelines, lines.ofKey(['pipelines'])) };
  const listed = listPipelines(pipelines);
  const invalid = listed.find((pipeline) => asList(pipeline.items) === undefined);
  if (invalid !== undefined) return { error: shapeProblem(invalid.path.join('.'), 'a list of steps', invalid.items, lines.ofKey(invalid.path)) };
  const context: Context = { image: imageName(config.image), lines };
  const jobs = listed.flatMap((pipeline) => readPipeline(pipeline, context));
  const tooMany = countProblem(jobs.length, MAX_JOBS_PER_FILE, 'steps') ?? countProblem(jobs.reduce((sum, job) => sum + job.steps.length, 0), MAX_STEPS_PER_FILE, 'script lines');
  if (tooMany !== null) return { error: tooMany };
  const workflow: CiWorkflow = { system: 'bitbucket-pipelines', file, triggers: readTriggers(pipelines), permissions: null, includes: [], jobs, orbs: {} };
  return { workflows: [workflow] };
}

/** `default` is one pipeline; `branches`, `pull-requests`, `tags` and `custom` map names or globs to pipelines. */
function listPipelines(pipelines: YamlRecord): Pipeline[] {
  return PIPELINE_KINDS.flatMap(({ key }): Pipeline[] => {
    const value = pipelines[key];
    if (value === undefined) return [];
    if (key === 'default') return [{ label: key, items: value, path: ['pipelines', key] }];
    return Object.entries(asRecord(value) ?? {}).map(([name, items]) => ({ label: `${key}.${name}`, items, path: ['pipelines', key, name] }));
  });
}

function readTriggers(pipelines: YamlRecord): string[] {
  const present = PIPELINE_KINDS.filter(({ key }) => pipelines[key] !== undefined).map(({ trigger }) => trigger);
  return [...new Set(present)];
}

/** `image: node:20` or `image: {name: node:20, username: …}`. */
function imageName(value: unknown): string | undefined {
  return typeof value === 'string' ? value : asString(asRecord(value)?.name);
}

/** A step found in a pipeline, with where it is. */
interface StepEntry {
  readonly step: YamlRecord;
  readonly path: YamlPath;
}

function readPipeline(pipeline: Pipeline, context: Context): CiJob[] {
  return stepEntries(pipeline.items, pipeline.path).map((entry, index) => readJob(entry, `${pipeline.label} #${index + 1}`, context));
}

/** Steps in pipeline order: `- step:`, `- parallel:` (a list, or `{steps: […]}`) and `- stage: {steps: […]}`. */
function stepEntries(items: unknown, path: YamlPath): StepEntry[] {
  return (asList(items) ?? []).flatMap((item, index): StepEntry[] => {
    const record = asRecord(item) ?? {};
    const itemPath = [...path, index];
    const step = asRecord(record.step);
    if (step !== undefined) return [{ step, path: [...itemPath, 'step'] }];
    const parallel = record.parallel;
    if (parallel !== undefined) return asList(parallel) === undefined ? stepEntries(asRecord(parallel)?.steps, [...itemPath, 'parallel', 'steps']) : stepEntries(parallel, [...itemPath, 'parallel']);
    const stage = asRecord(record.stage);
    return stage === undefined ? [] : stepEntries(stage.steps, [...itemPath, 'stage', 'steps']);
  });
}

function readJob(entry: StepEntry, fallbackId: string, context: Context): CiJob {
  const name = asString(entry.step.name);
  return {
    id: name ?? fallbackId,
    ...optional('name', name),
    ...optional('image', imageName(entry.step.image) ?? context.image),
    steps: [...readScript(entry, 'script', context.lines), ...readScript(entry, 'after-script', context.lines)],
    neutralised: false,
    permissions: null,
    // The line of `- step:` rather than of the step's first key.
    line: context.lines.at(entry.path.slice(0, -1)),
  };
}

/** Script lines and pipes; `after-script` runs after the step and its failures never fail the build. */
function readScript(entry: StepEntry, key: 'script' | 'after-script', lines: LineFinder): CiStep[] {
  return (asList(entry.step[key]) ?? []).map((item, index) => {
    const line = lines.at([...entry.path, key, index]);
    const pipe = asRecord(item);
    const afterScript = key === 'after-script';
    if (pipe === undefined) {
      const run = stringifyValue(item);
      return { run, with: {}, env: {}, neutralised: afterScript || shellNeutralises(run), line };
    }
    return { ...optional('uses', asString(pipe.pipe)), with: stringifyValues(pipe.variables), env: {}, neutralised: afterScript, line };
  });
}
