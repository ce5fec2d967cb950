/**
 * Jenkins pipelines (declarative and scripted), read into the normalised CI model without running
 * or fully parsing Groovy: one linear pass turns the text into tokens (comments dropped, strings
 * whole), a second pass follows braces to know the enclosing stage. Each `stage('…')` becomes a job;
 * shell steps and the pipeline steps detectors look for become steps.
 */
import type { CiParser } from './index.js';
import type { CiJob, CiStep } from './model.js';
import { optional, shellNeutralises } from './yaml-values.js';

/** Every token is held in memory; real Jenkinsfiles are a few kilobytes (SECURITY.md S9). */
const MAX_CHARS = 1_000_000;

const JENKINSFILE = /(?:^|\/)Jenkinsfile(?:\.[^/]+)?$/;
const DOCUMENT_EXTENSION = /\.(?:md|markdown|txt|rst|adoc|html?)$/i;
const NAMED_JENKINSFILE = /\.jenkinsfile$/i;
const JENKINS_GROOVY = /(?:^|\/)\.?jenkins\/(?:[^/]+\/)*[^/]+\.groovy$/;

export const jenkinsfileParser: CiParser = {
  system: 'jenkins',
  matches: (path) => (JENKINSFILE.test(path) && !DOCUMENT_EXTENSION.test(path)) || NAMED_JENKINSFILE.test(path) || JENKINS_GROOVY.test(path),
  parse(file) {
    if (file.text.length > MAX_CHARS) return { error: `file is larger than ${MAX_CHARS.toLocaleString('en')} characters` };
    const jobs = readPipeline(tokenize(file.text), file.text);
    return { workflows: [{ system: 'jenkins', file: file.path, triggers: [], permissions: null, includes: [], jobs, orbs: {} }] };
  },
};

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'word' | 'string' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  /** A word or punctuation as written; a string's value without quotes, escapes resolved. */
  readonly text: string;
  readonly line: number;
  readonly endLine: number;
  readonly start: number;
  readonly end: number;
}

interface Cursor {
  readonly text: string;
  index: number;
  line: number;
}

const WORD_CHAR = /[\w$]/;
/** After these a `/` starts a regular expression (slashy string) rather than a division. */
const BEFORE_SLASHY = new Set(['(', ',', '=', '~', '[', '!', '&', '|', '?', ':', '{', ';', '+']);

/** Groovy text as words, strings and punctuation, in one pass; comments and regex literals are dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const cursor: Cursor = { text, index: 0, line: 1 };
  while (cursor.index < text.length) {
    const token = nextToken(cursor, tokens.at(-1));
    if (token !== null) tokens.push(token);
  }
  return tokens;
}

function nextToken(cursor: Cursor, previous: Token | undefined): Token | null {
  const char = cursor.text[cursor.index] ?? '';
  const following = cursor.text[cursor.index + 1] ?? '';
  if (/\s/.test(char)) return skip(cursor, 1);
  if (char === '/' && following === '/') return skipTo(cursor, '\n', false);
  if (char === '/' && following === '*') return skipTo(cursor, '*/', true);
  if (char === '/' && (previous === undefined || (previous.kind === 'punct' && BEFORE_SLASHY.has(previous.text)))) return skipSlashy(cursor);
  if (char === '$' && following === '/') return skipTo(cursor, '/$', true);
  if (char === "'" || char === '"') return readString(cursor, char);
  if (WORD_CHAR.test(char)) return readWord(cursor);
  return makeToken(cursor, 'punct', char, cursor.index + 1);
}

function skip(cursor: Cursor, length: number): null {
  for (let index = cursor.index; index < cursor.index + length; index += 1) if (cursor.text[index] === '\n') cursor.line += 1;
  cursor.index += length;
  return null;
}

/** Skips up to `end` (past it when `inclusive`), or to the end of the text when it never comes. */
function skipTo(cursor: Cursor, end: string, inclusive: boolean): null {
  const found = cursor.text.indexOf(end, cursor.index + 2);
  const stop = found === -1 ? cursor.text.length : inclusive ? found + end.length : found;
  return skip(cursor, stop - cursor.index);
}

/** `/regex/`: up to the next unescaped slash on the same line. */
function skipSlashy(cursor: Cursor): null {
  let index = cursor.index + 1;
  while (index < cursor.text.length && cursor.text[index] !== '/' && cursor.text[index] !== '\n') index += cursor.text[index] === '\\' ? 2 : 1;
  return skip(cursor, Math.min(index + 1, cursor.text.length) - cursor.index);
}

function readWord(cursor: Cursor): Token {
  let end = cursor.index + 1;
  while (end < cursor.text.length && WORD_CHAR.test(cursor.text[end] ?? '')) end += 1;
  return makeToken(cursor, 'word', cursor.text.slice(cursor.index, end), end);
}

function makeToken(cursor: Cursor, kind: TokenKind, text: string, end: number): Token {
  const start = cursor.index;
  const line = cursor.line;
  skip(cursor, end - start);
  return { kind, text, line, endLine: cursor.line, start, end };
}

/** `'…'`, `"…"`, `'''…'''` or `"""…"""`; a one-line string left open ends at its line. */
function readString(cursor: Cursor, quote: string): Token {
  const text = cursor.text;
  const triple = text.startsWith(quote.repeat(3), cursor.index);
  const open = triple ? 3 : 1;
  let index = cursor.index + open;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (triple ? text.startsWith(quote.repeat(3), index) : char === quote) break;
    else if (!triple && char === '\n') break;
    else if (quote === '"' && char === '$' && text[index + 1] === '{') index = skipInterpolation(text, index + 2);
    else index += 1;
  }
  const closed = index < text.length && text[index] !== '\n';
  const end = Math.min(text.length, closed ? index + open : index);
  return makeToken(cursor, 'string', unescape(text.slice(cursor.index + open, Math.min(index, text.length))), end);
}

/** `${ … }` inside a GString: up to the matching brace, over simple strings inside it. */
function skipInterpolation(text: string, from: number): number {
  let depth = 1;
  let index = from;
  while (index < text.length && depth > 0) {
    const char = text[index];
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    else if (char === "'" || char === '"') index = endOfSimpleString(text, index);
    index += 1;
  }
  return index;
}

/** Index of the closing quote of a one-line string starting at `from` (or of the end of its line). */
function endOfSimpleString(text: string, from: number): number {
  const quote = text[from];
  let index = from + 1;
  while (index < text.length && text[index] !== quote && text[index] !== '\n') index += text[index] === '\\' ? 2 : 1;
  return Math.min(index, text.length - 1);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', $: '$', '\n': '' };

function unescape(raw: string): string {
  return raw.replace(/\\([\s\S])/g, (whole, char: string) => (Object.hasOwn(ESCAPES, char) ? (ESCAPES[char] ?? '') : whole));
}

// ---------------------------------------------------------------------------------------------
// Structure

/** Shell steps: their text becomes the step's `run`. */
const SHELL_STEPS = new Set(['sh', 'bat', 'powershell', 'pwsh']);
/** Pipeline steps that detectors look for; they become steps with `uses` = the step name. */
const TRACKED_STEPS = new Set(['withSonarQubeEnv', 'waitForQualityGate', 'dependencyCheck', 'dependencyCheckPublisher', 'recordIssues', 'snykSecurity', 'catchError', 'warnError']);
/** catchError with these build results lets the build pass when a step inside fails. */
const PASSING_RESULTS = new Set(['SUCCESS', 'UNSTABLE']);

interface JobDraft {
  readonly id: string;
  readonly line: number;
  readonly steps: CiStep[];
  image?: string;
}

/**
 * A brace block, with what it inherits so that nothing walks the stack: the stage it is in (an
 * old-style `stage 'Name'` without a block replaces it until the next one), and whether a failure
 * inside is caught.
 */
interface Frame {
  job?: JobDraft;
  readonly neutral: boolean;
}

/** What the next `{` opens: a stage's body or a block whose failures are caught. */
interface Opening {
  readonly job?: JobDraft;
  readonly neutral: boolean;
}

interface Walk {
  readonly tokens: readonly Token[];
  readonly source: string;
  index: number;
  readonly frames: Frame[];
  readonly jobs: JobDraft[];
  /** Set by the call just read when a block follows it. */
  opening?: Opening;
  pipeline?: JobDraft;
  defaultImage?: string;
}

/** An argument list: named arguments by name, positional ones by their index ('0', '1' …). */
type Args = Record<string, string>;

function readPipeline(tokens: readonly Token[], source: string): CiJob[] {
  const walk: Walk = { tokens, source, index: 0, frames: [{ neutral: false }], jobs: [] };
  while (walk.index < tokens.length) step(walk);
  return walk.jobs.map((job) => toJob(job, walk.defaultImage));
}

function toJob(draft: JobDraft, defaultImage: string | undefined): CiJob {
  return { id: draft.id, ...optional('image', draft.image ?? defaultImage), steps: draft.steps, neutralised: false, permissions: null, line: draft.line };
}

type Handler = (walk: Walk, token: Token) => void;

/** Reads the next token, and the call it starts when it is one the model needs. */
function step(walk: Walk): void {
  const token = walk.tokens[walk.index];
  walk.index += 1;
  if (token !== undefined) handlerOf(walk, token)?.(walk, token);
}

function handlerOf(walk: Walk, token: Token): Handler | undefined {
  if (token.kind === 'punct') return punctuation;
  if (token.kind !== 'word' || isMemberAccess(walk, walk.index - 1)) return undefined;
  if (token.text === 'stage') return startsCall(walk) ? stage : undefined;
  if (SHELL_STEPS.has(token.text)) return startsCall(walk) ? shellStep : undefined;
  if (TRACKED_STEPS.has(token.text)) return startsTrackedCall(walk, token) ? trackedStep : undefined;
  if (token.text === 'image' || token.text === 'docker') return startsCall(walk) ? image : undefined;
  return undefined;
}

function punctuation(walk: Walk, token: Token): void {
  if (token.text === '{') {
    const outer = innermost(walk);
    walk.frames.push({ job: walk.opening?.job ?? outer.job, neutral: outer.neutral || walk.opening?.neutral === true });
    walk.opening = undefined;
  } else if (token.text === '}' && walk.frames.length > 1) {
    walk.frames.pop();
  }
}

/** `x.sh(…)` is a method of something else, except `docker.image('…')`. */
function isMemberAccess(walk: Walk, index: number): boolean {
  const previous = walk.tokens[index - 1];
  if (previous?.text !== '.') return false;
  return !(walk.tokens[index]?.text === 'image' && walk.tokens[index - 2]?.text === 'docker');
}

/** A call follows: `(`, a string, or a named argument `name:`. Not `sh = …`, `sh: …` or `sh.x`. */
function startsCall(walk: Walk): boolean {
  const next = walk.tokens[walk.index];
  if (next === undefined) return false;
  if (next.text === '(' || next.kind === 'string') return true;
  return next.kind === 'word' && walk.tokens[walk.index + 1]?.text === ':';
}

/** Pipeline steps may also be called bare or with only a block: `dependencyCheckPublisher`, `warnError {`. */
function startsTrackedCall(walk: Walk, token: Token): boolean {
  const next = walk.tokens[walk.index];
  if (next === undefined || next.line !== token.endLine) return true;
  return startsCall(walk) || next.text === '{' || next.text === '}' || next.text === ';';
}

function stage(walk: Walk, token: Token): void {
  const args = readArgs(walk, token);
  const job: JobDraft = { id: args.name ?? args['0'] ?? 'stage', line: token.line, steps: [] };
  walk.jobs.push(job);
  if (walk.tokens[walk.index]?.text === '{') walk.opening = { job, neutral: false };
  else innermost(walk).job = job;
}

function shellStep(walk: Walk, token: Token): void {
  const args = readArgs(walk, token);
  const run = args.script ?? args['0'];
  if (run === undefined) return;
  // `returnStatus: true` hands the exit code to the script instead of failing the step.
  const neutralised = insideNeutral(walk) || shellNeutralises(run) || args.returnStatus === 'true';
  addStep(walk, { ...optional('name', args.label), run, with: {}, env: {}, neutralised, line: token.line });
}

function trackedStep(walk: Walk, token: Token): void {
  const args = readArgs(walk, token);
  const catches = token.text === 'warnError' || (token.text === 'catchError' && PASSING_RESULTS.has(args.buildResult ?? ''));
  const neutralised = insideNeutral(walk) || catches;
  addStep(walk, { uses: token.text, with: args, env: {}, neutralised, line: token.line });
  if (walk.tokens[walk.index]?.text === '{') walk.opening = { neutral: neutralised };
}

/** `image 'maven:3'` (agent docker block), `docker 'maven:3'` or `docker.image('maven:3')`. */
function image(walk: Walk, token: Token): void {
  const value = readArgs(walk, token)['0'];
  if (value === undefined) return;
  const job = currentJob(walk);
  if (job === undefined) walk.defaultImage ??= value;
  else job.image ??= value;
}

function innermost(walk: Walk): Frame {
  const frame = walk.frames.at(-1);
  if (frame === undefined) throw new Error('the outermost frame is never closed');
  return frame;
}

function insideNeutral(walk: Walk): boolean {
  return innermost(walk).neutral;
}

/** The stage around the current token, if any. */
function currentJob(walk: Walk): JobDraft | undefined {
  return innermost(walk).job;
}

/** Adds a step to its stage; steps outside every stage go to a job named `pipeline`. */
function addStep(walk: Walk, found: CiStep): void {
  const job = currentJob(walk) ?? pipelineJob(walk, found.line);
  job.steps.push(found);
}

function pipelineJob(walk: Walk, line: number): JobDraft {
  if (walk.pipeline === undefined) {
    walk.pipeline = { id: 'pipeline', line, steps: [] };
    walk.jobs.push(walk.pipeline);
  }
  return walk.pipeline;
}

// ---------------------------------------------------------------------------------------------
// Arguments

/** Tokens that carry a command's arguments over to the next line. */
const CONTINUES = new Set([',', ':', '+', '(', '[']);
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/** The arguments after a call's name, `(…)` or Groovy command style (`sh 'x'`, `waitForQualityGate abortPipeline: true`). */
function readArgs(walk: Walk, call: Token): Args {
  const start = walk.index;
  const end = walk.tokens[start]?.text === '(' ? closingParen(walk.tokens, start) : commandEnd(walk.tokens, start, call);
  const inner = walk.tokens[start]?.text === '(' ? walk.tokens.slice(start + 1, end) : walk.tokens.slice(start, end);
  walk.index = walk.tokens[end]?.text === ')' && walk.tokens[start]?.text === '(' ? end + 1 : end;
  return argsOf(splitTopLevel(inner), walk.source);
}

/** Index of the `)` closing the `(` at `open`, or of a closer that does not match (a broken file), or the end. */
function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index += 1) {
    const text = tokens[index]?.text ?? '';
    if (OPENERS.has(text)) depth += 1;
    else if (CLOSERS.has(text)) depth -= 1;
    if (depth === 0) return index;
  }
  return tokens.length;
}

/** End of command-style arguments: the line ends (unless after a comma), or a block or statement starts. */
function commandEnd(tokens: readonly Token[], start: number, call: Token): number {
  let depth = 0;
  let previous = call;
  for (let index = start; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined) break;
    if (depth === 0 && (token.text === '{' || CLOSERS.has(token.text) || token.text === ';')) return index;
    if (depth === 0 && token.line !== previous.endLine && !CONTINUES.has(previous.text)) return index;
    if (OPENERS.has(token.text)) depth += 1;
    else if (CLOSERS.has(token.text)) depth -= 1;
    previous = token;
  }
  return tokens.length;
}

/** Splits argument tokens at the commas outside brackets. */
function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const groups: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (OPENERS.has(token.text)) depth += 1;
    else if (CLOSERS.has(token.text)) depth -= 1;
    if (depth === 0 && token.kind === 'punct' && token.text === ',') groups.push([]);
    else groups.at(-1)?.push(token);
  }
  return groups.filter((group) => group.length > 0);
}

/** `name: value` arguments by name, the others by position; values as text. */
function argsOf(groups: readonly Token[][], source: string): Args {
  let position = 0;
  const entries = groups.map(([first, second, ...rest]): [string, string] => {
    if (first !== undefined && second?.text === ':' && first.kind !== 'punct') return [first.text, valueText(rest, source)];
    const key = String(position);
    position += 1;
    return [key, valueText([first, second, ...rest].filter((token) => token !== undefined), source)];
  });
  return Object.fromEntries(entries);
}

/** One string or word as its value; an expression as written. */
function valueText(tokens: readonly Token[], source: string): string {
  const [first] = tokens;
  const last = tokens.at(-1);
  if (first === undefined || last === undefined) return '';
  if (tokens.length === 1) return first.text;
  return source.slice(first.start, last.end);
}
