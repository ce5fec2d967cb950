/**
 * GitLab CI: `.gitlab-ci.yml`, `*.gitlab-ci.yml` and files under `.gitlab/ci/`, read into the
 * normalised CI model. Each job's before_script, script and after_script become one step.
 */
import { parseYaml, parseYamlDocuments } from '../../core/yaml/safe-yaml.js';
import type { ParsedYaml } from '../../core/yaml/safe-yaml.js';
import type { ScanFile } from '../contract.js';
import type { CiParser } from './index.js';
import type { CiInclude, CiJob, CiStep, CiWorkflow } from './model.js';
import {
  MAX_JOBS_PER_FILE,
  asList,
  asRecord,
  asString,
  countProblem,
  field,
  lineFinder,
  optional,
  shapeProblem,
  shellNeutralises,
  stringifyValue,
  stringsOf,
  yamlProblem,
} from './yaml-values.js';
import type { LineFinder, YamlPath, YamlRecord } from './yaml-values.js';

/** `.gitlab-ci.yml`, `build.gitlab-ci.yml`, and any YAML file under `.gitlab/ci/`. */
const PIPELINE_FILE = /(?:^|\/)[^/]*\.gitlab-ci\.ya?ml$/;
const PIPELINE_FOLDER = /(?:^|\/)\.gitlab\/ci\/.+\.ya?ml$/;
/** Top-level keywords that configure the pipeline; every other key is a job (`pages` too). */
const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'before_script', 'after_script', 'cache', 'types', 'spec']);
/** GitLab flattens nested script lists (and follows `!reference`s) up to this depth. */
const MAX_SCRIPT_NESTING = 10;
/** GitLab refuses deeper `extends` chains. */
const MAX_EXTENDS_DEPTH = 11;
/**
 * `!reference [.job, script]`, the one custom tag of GitLab, which the safe parser refuses like any
 * other. It is rewritten to the core `!!seq` tag of the same length (lines and columns stay), and
 * scripts then follow the reference.
 */
const REFERENCE_TAG = /(^|[\s:,[-])!reference(?=[ \t]+\[)/gm;
const SEQ_TAG = '!!seq     ';

export const gitlabCiParser: CiParser = {
  system: 'gitlab-ci',
  matches: (path) => PIPELINE_FILE.test(path) || PIPELINE_FOLDER.test(path),
  parse(file) {
    const text = file.text.replace(REFERENCE_TAG, (_tag, before: string) => `${before}${SEQ_TAG}`);
    const read = readPipelineYaml({ path: file.path, text });
    if ('error' in read) return read;
    const lines = lineFinder(read.yaml, text);
    const problem = findPipelineProblem(read.yaml.value, lines);
    if (problem !== null) return { error: problem };
    return { workflows: [readPipeline(asRecord(read.yaml.value) ?? {}, file.path, lines)] };
  },
};

/** One document, or a `spec:` header document followed by the pipeline (CI/CD inputs). */
function readPipelineYaml(file: ScanFile): { readonly yaml: ParsedYaml } | { readonly error: string } {
  const single = parseYaml(file.text, file.path);
  if (single.ok) return { yaml: single.value };
  if (!single.error.message.startsWith('expected one YAML document')) return { error: yamlProblem(single.error) };
  const documents = parseYamlDocuments(file.text, file.path);
  if (!documents.ok) return { error: yamlProblem(documents.error) };
  const [header, body] = documents.value;
  if (documents.value.length !== 2 || body === undefined || asRecord(header?.value)?.spec === undefined) return { error: yamlProblem(single.error) };
  return { yaml: body };
}

function findPipelineProblem(root: unknown, lines: LineFinder): string | null {
  const pipeline = asRecord(root);
  if (pipeline === undefined) return shapeProblem('pipeline', 'a map at the top of the file', root, 1);
  const jobIds = Object.keys(pipeline).filter(isJobKey);
  const tooMany = countProblem(jobIds.length, MAX_JOBS_PER_FILE, 'jobs');
  if (tooMany !== null) return tooMany;
  const invalid = jobIds.find((id) => !id.startsWith('.') && asRecord(pipeline[id]) === undefined);
  return invalid === undefined ? null : shapeProblem(`job ${invalid}`, 'a map', pipeline[invalid], lines.ofKey([invalid]));
}

function isJobKey(key: string): boolean {
  return !GLOBAL_KEYWORDS.has(key);
}

/** What jobs inherit from the top of the file unless `inherit:` says otherwise. */
interface Defaults {
  readonly image: unknown;
  readonly before_script: unknown;
  readonly after_script: unknown;
  readonly variables: Readonly<Record<string, string>>;
}

interface Context {
  readonly pipeline: YamlRecord;
  readonly defaults: Defaults;
  readonly lines: LineFinder;
  /** Jobs with the templates they extend merged in, by id. */
  readonly resolved: Map<string, YamlRecord>;
  /** Jobs being resolved, so that a cycle of `extends` stops. */
  readonly resolving: Set<string>;
}

function readPipeline(pipeline: YamlRecord, file: string, lines: LineFinder): CiWorkflow {
  const defaultSection = asRecord(pipeline.default) ?? {};
  const defaults: Defaults = {
    image: defaultSection.image ?? pipeline.image,
    before_script: defaultSection.before_script ?? pipeline.before_script,
    after_script: defaultSection.after_script ?? pipeline.after_script,
    variables: readVariables(pipeline.variables),
  };
  const context: Context = { pipeline, defaults, lines, resolved: new Map(), resolving: new Set() };
  // Hidden jobs (`.name`) are templates; those that are not maps are YAML anchors for lists or text.
  const jobs = Object.keys(pipeline)
    .filter((id) => isJobKey(id) && asRecord(pipeline[id]) !== undefined)
    .map((id) => readJob(id, context));
  return {
    system: 'gitlab-ci',
    file,
    ...optional('name', asString(asRecord(pipeline.workflow)?.name)),
    triggers: [],
    permissions: null,
    includes: readIncludes(pipeline.include, ['include'], lines),
    jobs,
    orbs: {},
  };
}

/**
 * Every `include:` form as written — local paths, remote URLs, template names, components, project
 * files — each with the line of its entry (a list item's dash, or the key of a single include).
 */
export function readIncludes(value: unknown, path: YamlPath, lines: LineFinder): CiInclude[] {
  if (typeof value === 'string') return [{ ref: value, line: lines.ofKey(path) }];
  const list = asList(value);
  if (list !== undefined) return list.flatMap((item, index) => (Array.isArray(item) ? [] : readIncludes(item, [...path, index], lines)));
  const include = asRecord(value);
  if (include === undefined) return [];
  const line = typeof path.at(-1) === 'number' ? lines.at(path) : lines.ofKey(path);
  for (const key of ['template', 'local', 'remote', 'component']) {
    const reference = asString(include[key]);
    if (reference !== undefined) return [{ ref: reference, line }];
  }
  return projectIncludes(include, path, line, lines);
}

/** `project: group/templates` + `file: /ci/sast.yml` (or a list of files, each at its own line) → `group/templates/ci/sast.yml`. */
function projectIncludes(include: YamlRecord, path: YamlPath, line: number, lines: LineFinder): CiInclude[] {
  const project = asString(include.project);
  if (project === undefined) return [];
  const files = stringsOf(include.file);
  if (files.length === 0) return [{ ref: project, line }];
  const listed = Array.isArray(include.file);
  return files.map((file, index) => ({ ref: `${project}/${file.replace(/^\/+/, '')}`, line: listed ? lines.at([...path, 'file', index]) : line }));
}

/**
 * The job as GitLab runs it: the templates of this file it `extends` merged in first (maps merged
 * key by key, anything else replaced), then its own keys. Templates from included files are unknown
 * here, so their keys are missing; `uses` still names them.
 */
function resolvedJob(id: string, context: Context, depth = 0): YamlRecord {
  const cached = context.resolved.get(id);
  if (cached !== undefined) return cached;
  const own = asRecord(field(context.pipeline, id)) ?? {};
  context.resolving.add(id);
  const parents = depth >= MAX_EXTENDS_DEPTH ? [] : stringsOf(own.extends).filter((parent) => !context.resolving.has(parent) && asRecord(field(context.pipeline, parent)) !== undefined);
  const inherited = parents.reduce<YamlRecord>((base, parent) => mergeMaps(base, resolvedJob(parent, context, depth + 1)), {});
  context.resolving.delete(id);
  const job = mergeMaps(inherited, own);
  context.resolved.set(id, job);
  return job;
}

/** `extends` merging: maps key by key (recursively), any other value replaced by the later one. */
function mergeMaps(base: YamlRecord, override: YamlRecord): YamlRecord {
  const keys = new Set([...Object.keys(base), ...Object.keys(override)]);
  return Object.fromEntries(
    [...keys].map((key) => {
      const later = field(override, key);
      if (later === undefined) return [key, field(base, key)];
      const earlierMap = asRecord(field(base, key));
      const laterMap = asRecord(later);
      return [key, earlierMap !== undefined && laterMap !== undefined ? mergeMaps(earlierMap, laterMap) : later];
    }),
  );
}

function readJob(id: string, context: Context): CiJob {
  const own = asRecord(field(context.pipeline, id)) ?? {};
  const job = resolvedJob(id, context);
  const image = imageName(job.image ?? (inheritsDefault(job, 'image') ? context.defaults.image : undefined));
  return {
    id,
    ...optional('image', image),
    ...optional('uses', extendsOrTrigger(own, job)),
    steps: readScriptStep(id, own, job, context),
    neutralised: allowsFailure(job),
    permissions: null,
    line: context.lines.ofKey([id]),
  };
}

/** `image: node:20` or `image: {name: node:20, entrypoint: […]}`. */
function imageName(value: unknown): string | undefined {
  return typeof value === 'string' ? value : asString(asRecord(value)?.name);
}

/** `inherit: default: false` turns every default off; a list keeps only the keywords named. */
function inheritsDefault(job: YamlRecord, keyword: string): boolean {
  const setting = asRecord(job.inherit)?.default;
  if (setting === false) return false;
  const kept = asList(setting);
  return kept === undefined || kept.includes(keyword);
}

/** For includes whose lines are not reported (a trigger's, which becomes the job's `uses`). */
const NO_LINES: LineFinder = { at: () => 1, ofKey: () => 1 };

/** `extends` (one template or several, joined with ', ') or a `trigger` of a downstream pipeline. */
function extendsOrTrigger(own: YamlRecord, job: YamlRecord): string | undefined {
  const templates = stringsOf(own.extends);
  if (templates.length > 0) return templates.join(', ');
  if (typeof job.trigger === 'string') return job.trigger;
  const trigger = asRecord(job.trigger);
  return asString(trigger?.project) ?? readIncludes(trigger?.include, [], NO_LINES)[0]?.ref;
}

/** `allow_failure: true`, `allow_failure: {exit_codes: …}`, or a rule that allows failure. */
function allowsFailure(job: YamlRecord): boolean {
  if (isAllowFailure(job.allow_failure)) return true;
  return (asList(job.rules) ?? []).some((rule) => isAllowFailure(asRecord(rule)?.allow_failure));
}

function isAllowFailure(value: unknown): boolean {
  return value === true || asRecord(value)?.exit_codes !== undefined;
}

const SCRIPT_KEYS = ['before_script', 'script', 'after_script'] as const;

/**
 * One step running before_script, script and after_script, for a job that has any of them itself
 * or from a template it extends (a job with none, such as a trigger, runs nothing). Its line is the
 * job's own script key, or the job's when the script comes from a template.
 */
function readScriptStep(id: string, own: YamlRecord, job: YamlRecord, context: Context): CiStep[] {
  if (!SCRIPT_KEYS.some((key) => job[key] !== undefined)) return [];
  const scripts = SCRIPT_KEYS.map((key) => job[key] ?? (key !== 'script' && inheritsDefault(job, key) ? context.defaults[key] : undefined));
  const run = scripts.flatMap((script) => scriptLines(script, context.pipeline, 0)).join('\n');
  const ownKey = SCRIPT_KEYS.find((key) => own[key] !== undefined);
  return [
    {
      run,
      with: {},
      env: { ...inheritedVariables(job, context.defaults.variables), ...readVariables(job.variables) },
      neutralised: shellNeutralises(run),
      line: ownKey === undefined ? context.lines.ofKey([id]) : context.lines.ofKey([id, ownKey]),
    },
  ];
}

/** A script is a line or a list of lines; lists nest (anchors of command lists) and may be `!reference`s. */
function scriptLines(value: unknown, pipeline: YamlRecord, depth: number): string[] {
  if (typeof value === 'string') return [value];
  const list = asList(value);
  if (list === undefined) return value === undefined || value === null ? [] : [stringifyValue(value)];
  if (depth >= MAX_SCRIPT_NESTING) return [];
  const referenced = followReference(list, pipeline);
  if (referenced !== undefined) return scriptLines(referenced, pipeline, depth + 1);
  return list.flatMap((item) => scriptLines(item, pipeline, depth + 1));
}

/** `[.setup, script]` naming a value of this file, as `!reference` does; undefined for other lists. */
function followReference(list: readonly unknown[], pipeline: YamlRecord): unknown {
  if (list.length < 2 || !list.every((key) => typeof key === 'string')) return undefined;
  let value: unknown = pipeline;
  for (const key of list) value = field(asRecord(value), key);
  return value;
}

/** `NAME: value` or `NAME: {value: …, description: …}`. */
function readVariables(value: unknown): Record<string, string> {
  const variables = Object.entries(asRecord(value) ?? {}).map(([name, item]) => {
    const detailed = asRecord(item);
    return [name, stringifyValue(detailed === undefined ? item : detailed.value)] as const;
  });
  return Object.fromEntries(variables);
}

/** Global variables unless `inherit: variables: false`; a list keeps only the variables named. */
function inheritedVariables(job: YamlRecord, globals: Readonly<Record<string, string>>): Record<string, string> {
  const setting = asRecord(job.inherit)?.variables;
  if (setting === false) return {};
  const kept = asList(setting);
  if (kept === undefined) return { ...globals };
  return Object.fromEntries(kept.flatMap((name) => (typeof name === 'string' && field(globals, name) !== undefined ? [[name, globals[name] ?? '']] : [])));
}
