/**
 * A Dockerfile reader for the container detectors: instructions with their line numbers, stages,
 * base images with build-argument defaults substituted, and the variable values a stage can see.
 * It reads text only; nothing here knows which detector asks.
 */
import type { ScanFile } from '../contract.js';

export interface DockerInstruction {
  /** Upper-cased keyword: FROM, RUN, USER … */
  readonly keyword: string;
  /** The arguments with line continuations joined (and heredoc bodies appended after a newline). */
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

/** image: a real base image; stage: an earlier stage of the same file; scratch: the empty image. */
export type BaseImageKind = 'image' | 'stage' | 'scratch';

export interface BaseImage {
  /** The image as written after `FROM` (flags and `AS name` removed). */
  readonly written: string;
  /** The image with build-argument defaults substituted. */
  readonly reference: string;
  readonly kind: BaseImageKind;
  /** Variables the reference uses that have no default: the image is decided at build time. */
  readonly unresolved: readonly string[];
  readonly line: number;
}

export interface DockerStage {
  readonly index: number;
  /** The `AS name` of the stage, lower-cased, when it has one. */
  readonly name?: string;
  readonly from: BaseImage;
  /** The earlier stage this one starts from (`FROM builder`), when it does. */
  readonly parent?: DockerStage;
  /** The instructions after FROM up to the next FROM. */
  readonly instructions: readonly DockerInstruction[];
}

export interface Dockerfile {
  readonly path: string;
  readonly instructions: readonly DockerInstruction[];
  /** `ARG` values declared before the first FROM (undefined when declared without a default). */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  readonly stages: readonly DockerStage[];
}

export interface ImageReference {
  /** Registry and repository, e.g. `ghcr.io/acme/app` or `node`. */
  readonly name: string;
  readonly tag?: string;
  /** The digest after `@`, e.g. `sha256:…`. */
  readonly digest?: string;
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

const DOCKERFILE_NAME = /^(?:(?:docker|container)file(?:\.[^/]+)?|[^/]+\.(?:docker|container)file)$/i;
/** Names that look like Dockerfiles but are their ignore files, documentation, code or data about them. */
const NOT_A_DOCKERFILE = /\.(?:dockerignore|md|markdown|txt|rst|adoc|[cm]?[jt]sx?|py|go|rb|java|kt|rs|json|ya?ml|toml|sh|ps1|snap)$/i;

/** True for `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile` (any folder, any case). */
export function isDockerfilePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return DOCKERFILE_NAME.test(name) && !NOT_A_DOCKERFILE.test(name);
}

/** Reads a Dockerfile into instructions and stages. Never throws on odd input; unknown lines become instructions. */
export function parseDockerfile(file: ScanFile): Dockerfile {
  const instructions = readInstructions(file.text);
  const globalArgs = new Map<string, string | undefined>();
  const stages: DockerStage[] = [];
  let stageInstructions: DockerInstruction[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      stageInstructions = [];
      stages.push(readStage(instruction, stages, globalArgs, stageInstructions));
    } else if (stages.length > 0) {
      stageInstructions.push(instruction);
    } else if (instruction.keyword === 'ARG') {
      for (const pair of argDeclarations(instruction.args)) globalArgs.set(pair.key, pair.value);
    }
  }
  return { path: file.path, instructions, globalArgs, stages };
}

/** The stage the built image comes from (the last one), if the file has any FROM. */
export function finalStage(dockerfile: Dockerfile): DockerStage | undefined {
  return dockerfile.stages.at(-1);
}

/** The base images of the file that come from a registry: not `scratch`, not an earlier stage. */
export function externalBaseImages(dockerfile: Dockerfile): BaseImage[] {
  return dockerfile.stages.map((stage) => stage.from).filter((from) => from.kind === 'image');
}

/** Splits `registry/repo:tag@digest` into its parts. */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const named = at === -1 ? reference : reference.slice(0, at);
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? named : named.slice(0, colon);
  const tag = colon === -1 ? undefined : named.slice(colon + 1);
  return { name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/**
 * The variables a stage can read when an instruction runs: ENV inherited from parent stages, then
 * the stage's own ARG (a bare `ARG X` takes the global default) and ENV, in order.
 */
export function stageVariables(dockerfile: Dockerfile, stage: DockerStage): Map<string, string | undefined> {
  const values = stage.parent === undefined ? new Map<string, string | undefined>() : inheritedEnv(dockerfile, stage.parent);
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ARG') {
      for (const pair of argDeclarations(instruction.args)) values.set(pair.key, pair.value ?? dockerfile.globalArgs.get(pair.key));
    } else if (instruction.keyword === 'ENV') {
      for (const pair of keyValuePairs(instruction.args)) values.set(pair.key, pair.value);
    }
  }
  return values;
}

function inheritedEnv(dockerfile: Dockerfile, stage: DockerStage): Map<string, string | undefined> {
  const values = stage.parent === undefined ? new Map<string, string | undefined>() : inheritedEnv(dockerfile, stage.parent);
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ENV') for (const pair of keyValuePairs(instruction.args)) values.set(pair.key, pair.value);
  }
  return values;
}

/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}` and `${NAME:+word}` from known
 * values. Names without a value are left as written and listed as unresolved.
 */
export function substituteVariables(text: string, values: ReadonlyMap<string, string | undefined>): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const substituted = text.replace(/\$(?:\{(\w+)(?:(:?[-+])([^}$]*))?\}|(\w+))/g, (written, bracedName: string | undefined, operator: string | undefined, word: string | undefined, plainName: string | undefined) => {
    const name = bracedName ?? plainName ?? '';
    const value = values.get(name);
    const isSet = value !== undefined && value !== '';
    if (operator?.endsWith('+') === true) return isSet ? (word ?? '') : '';
    if (operator?.endsWith('-') === true) return isSet ? value : (word ?? '');
    if (value !== undefined) return value;
    unresolved.push(name);
    return written;
  });
  return { text: substituted, unresolved };
}

/**
 * `KEY=value` pairs of ENV/LABEL (quotes and backslash escapes honoured), or the legacy
 * `ENV KEY value with spaces` form.
 */
export function keyValuePairs(args: string): KeyValue[] {
  const words = shellWords(args);
  const first = words[0];
  if (first === undefined) return [];
  if (!first.raw.includes('=')) {
    const rest = args.trim().slice(first.raw.length).trim();
    return [{ key: first.text, value: unquote(rest) }];
  }
  return words.filter((word) => word.raw.includes('=')).map((word) => splitPair(word.text));
}

/** The names declared by an ARG instruction, each with its default when it has one. */
export function argDeclarations(args: string): { key: string; value: string | undefined }[] {
  return shellWords(args).map((word) => {
    if (!word.text.includes('=')) return { key: word.text, value: undefined };
    return splitPair(word.text);
  });
}

function splitPair(text: string): KeyValue {
  const equals = text.indexOf('=');
  return { key: text.slice(0, equals), value: text.slice(equals + 1) };
}

function unquote(text: string): string {
  const words = shellWords(text);
  return words.length === 1 && words[0] !== undefined ? words[0].text : text;
}

/** Whitespace-separated words with quotes removed; `raw` keeps the text as written. */
function shellWords(text: string): { raw: string; text: string }[] {
  const words: { raw: string; text: string }[] = [];
  let raw = '';
  let value = '';
  let quote = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (quote === '' && /\s/.test(char)) {
      if (raw !== '') words.push({ raw, text: value });
      raw = '';
      value = '';
      continue;
    }
    raw += char;
    if (char === '\\' && quote !== "'" && index + 1 < text.length) {
      index += 1;
      raw += text.charAt(index);
      value += text.charAt(index);
    } else if (quote === '' && (char === '"' || char === "'")) quote = char;
    else if (char === quote) quote = '';
    else value += char;
  }
  if (raw !== '') words.push({ raw, text: value });
  return words;
}

function readStage(instruction: DockerInstruction, earlier: readonly DockerStage[], globalArgs: ReadonlyMap<string, string | undefined>, instructions: readonly DockerInstruction[]): DockerStage {
  const words = instruction.args.split(/\s+/).filter((word) => word !== '' && !word.startsWith('--'));
  const written = words[0] ?? '';
  const alias = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
  const { text: reference, unresolved } = substituteVariables(written, globalArgs);
  const parent = earlier.find((stage) => stage.name !== undefined && stage.name === reference.toLowerCase());
  const kind: BaseImageKind = parent !== undefined ? 'stage' : reference.toLowerCase() === 'scratch' ? 'scratch' : 'image';
  const from: BaseImage = { written, reference, kind, unresolved, line: instruction.line };
  return { index: earlier.length, ...(alias === undefined ? {} : { name: alias }), from, ...(parent === undefined ? {} : { parent }), instructions };
}

const DIRECTIVE = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i;
const INSTRUCTION = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/;
const HEREDOC = /(?:^|\s)<<(-?)\s*(["']?)([A-Za-z_]\w*)\2/g;

/** Lines into instructions: comments dropped, continuations joined, heredoc bodies kept with their instruction. */
function readInstructions(text: string): DockerInstruction[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const instructions: DockerInstruction[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = index;
    const logical = joinContinuedLines(lines, index, escape);
    index = logical.next;
    const match = INSTRUCTION.exec(logical.text);
    if (match === null) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    let args = (match[2] ?? '').trim();
    const body = readHeredocBodies(lines, index, args);
    index = body.next;
    if (body.text !== '') args = `${args}\n${body.text}`;
    instructions.push({ keyword, args, line: start + 1 });
  }
  return instructions;
}

/** The escape character from a leading `# escape=` parser directive; backslash by default. */
function escapeCharacter(lines: readonly string[]): string {
  for (const line of lines) {
    const directive = DIRECTIVE.exec(line);
    if (directive === null) return '\\';
    if (directive[1]?.toLowerCase() === 'escape' && directive[2] === '`') return '`';
  }
  return '\\';
}

/** One logical line from `index`: skips blank and comment lines first, then joins lines ending in the escape character. */
function joinContinuedLines(lines: readonly string[], from: number, escape: string): { text: string; next: number } {
  let index = from;
  let text = '';
  while (index < lines.length) {
    const line = lines[index] ?? '';
    index += 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      if (text === '') return { text: '', next: index };
      continue;
    }
    const body = line.trimEnd();
    if (!body.endsWith(escape)) return { text: text + body, next: index };
    text += body.slice(0, -1);
  }
  return { text, next: index };
}

/** Heredoc bodies (`RUN <<EOF … EOF`) that follow an instruction, joined with newlines. */
function readHeredocBodies(lines: readonly string[], from: number, args: string): { text: string; next: number } {
  const bodies: string[] = [];
  let index = from;
  for (const heredoc of args.matchAll(HEREDOC)) {
    const stripTabs = heredoc[1] === '-';
    const delimiter = heredoc[3] ?? '';
    while (index < lines.length) {
      const line = lines[index] ?? '';
      index += 1;
      if ((stripTabs ? line.trim() : line.trimEnd()) === delimiter) break;
      bodies.push(line);
    }
  }
  return { text: bodies.join('\n'), next: index };
}
