import { Composer, Lexer, LineCounter, Parser, isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { CST, Document, Pair, Scalar } from 'yaml';
import type { z } from 'zod';
import { fail, ok } from '../errors.js';
import type { DomainError, Result, SourcePosition } from '../errors.js';
import { DEFAULT_YAML_LIMITS } from './limits.js';
import type { YamlLimits } from './limits.js';
import { fastParse } from './fast-load.js';
import { findExcessiveNesting } from './prescan.js';

/** A parsed YAML document that can say where any of its values came from. */
export interface ParsedYaml {
  readonly file: string;
  readonly value: unknown;
  /** The position of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PropertyKey[]): SourcePosition;
}

export interface YamlParseOptions {
  readonly limits?: YamlLimits;
  /**
   * Keys whose numeric values are read as the text written in the file, so a control number
   * such as 8.10 stays "8.10" instead of becoming the number 8.1.
   */
  readonly keepNumbersAsTextUnder?: readonly string[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * The tags of the YAML 1.2 core schema. `yaml` also resolves `!!binary`, `!!timestamp`, `!!set`
 * and friends under the core schema, and keeps unknown `!!x` tags in the core namespace, so a
 * prefix test is not enough.
 */
const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';
const ALLOWED_TAGS = new Set(['map', 'seq', 'str', 'null', 'bool', 'int', 'float'].map((name) => `${CORE_TAG_PREFIX}${name}`));
/** Longest piece of file content quoted in an error message, and longest message. */
const MAX_QUOTED_CHARS = 60;
const MAX_MESSAGE_CHARS = 200;
/** Entries the parser's stack holds besides nested collections: the document and a scalar being read. */
const PARSER_STACK_SLACK = 4;

type Locator = (offset: number) => SourcePosition;

/** Parses one YAML document within the limits of SECURITY.md S1. */
export function parseYaml(text: string, file: string, options: YamlParseOptions = {}): Result<ParsedYaml> {
  const quick = parseQuickly(text, file, options);
  if (quick !== null) return quick;
  return parseCarefully(text, file, options);
}

/**
 * The fast path for ordinary files: after the same size and nesting checks, js-yaml reads text that
 * has no anchors, aliases, tags or prototype-like keys. Positions are only needed when something is
 * wrong, so `locate` parses again carefully on demand. Returns null when the careful path must run.
 */
function parseQuickly(text: string, file: string, options: YamlParseOptions): Result<ParsedYaml> | null {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const precheck = checkBeforeParsing(text, file, limits);
  if (!precheck.ok) return precheck;
  const quick = fastParse(text, limits.maxNodes);
  if (quick === null || hasNumberUnder(quick.value, new Set(options.keepNumbersAsTextUnder ?? []))) return null;
  let careful: Result<ParsedYaml> | undefined;
  const locate = (path: readonly PropertyKey[]): SourcePosition => {
    careful ??= parseCarefully(text, file, options);
    return careful.ok ? careful.value.locate(path) : { file, line: 1, column: 1 };
  };
  return ok({ file, value: quick.value ?? null, locate });
}

/**
 * True when a number sits directly under one of the keys whose values must keep their written form
 * (8.10 would have become 8.1): only the careful parser still has the source text for it.
 */
function hasNumberUnder(root: unknown, keys: ReadonlySet<string>): boolean {
  if (keys.size === 0) return false;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) pending.push(item);
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (keys.has(key) && (typeof child === 'number' || (Array.isArray(child) && child.some((item) => typeof item === 'number')))) return true;
      pending.push(child);
    }
  }
  return false;
}

function parseCarefully(text: string, file: string, options: YamlParseOptions): Result<ParsedYaml> {
  const all = parseDocuments(text, file, options);
  if (!all.ok) return all;
  const [first, second] = all.value;
  if (second !== undefined) return fail('invalid-input', 'expected one YAML document, found several', second.start);
  return ok(first?.parsed ?? emptyDocument(file));
}

/** Parses every document of a YAML stream within the limits of SECURITY.md S1. */
export function parseYamlDocuments(text: string, file: string, options: YamlParseOptions = {}): Result<ParsedYaml[]> {
  const all = parseDocuments(text, file, options);
  if (!all.ok) return all;
  return ok(all.value.map((document) => document.parsed));
}

/** Parses YAML and validates it against a schema; problems name the file, line and column. */
export function decodeYaml<S extends z.ZodType>(text: string, file: string, schema: S, options: YamlParseOptions = {}): Result<z.output<S>> {
  const parsed = parseYaml(text, file, options);
  if (!parsed.ok) return parsed;
  return validateParsed(parsed.value, schema);
}

/** Validates a parsed document against a schema, pointing at the first offending value. */
export function validateParsed<S extends z.ZodType>(parsed: ParsedYaml, schema: S): Result<z.output<S>> {
  const checked = schema.safeParse(parsed.value);
  if (checked.success) return ok(checked.data);
  const issues = checked.error.issues;
  const first = issues[0];
  if (first === undefined) return fail('invalid-input', 'invalid content', { file: parsed.file });
  const path = first.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  const where = path.length === 0 ? '' : `${path.join('.')}: `;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return fail('invalid-input', oneLine(`${where}${first.message}${more}`), parsed.locate(path));
}

function emptyDocument(file: string): ParsedYaml {
  return { file, value: null, locate: () => ({ file, line: 1, column: 1 }) };
}

interface Converted {
  readonly parsed: ParsedYaml;
  /** Where the document starts, for errors about the document as a whole. */
  readonly start: SourcePosition;
  readonly nodes: number;
}

function parseDocuments(text: string, file: string, options: YamlParseOptions): Result<Converted[]> {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const precheck = checkBeforeParsing(text, file, limits);
  if (!precheck.ok) return precheck;
  const lineCounter = new LineCounter();
  const at: Locator = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const composed = composeDocuments(text, lineCounter, limits, at);
  if (!composed.ok) return composed;
  const results: Converted[] = [];
  let nodeBudget = limits.maxNodes;
  for (const document of composed.value) {
    const converted = convertDocument(document, file, at, options, limits, nodeBudget);
    if (!converted.ok) return converted;
    nodeBudget -= converted.value.nodes;
    results.push(converted.value);
  }
  return ok(results);
}

function checkBeforeParsing(text: string, file: string, limits: YamlLimits): Result<null> {
  if (text.length > limits.maxChars) {
    return fail('too-large', `file is larger than ${limits.maxChars.toLocaleString('en')} characters`, { file });
  }
  const nesting = findExcessiveNesting(text, limits.maxDepth);
  if (nesting !== null) {
    return fail('invalid-input', `nesting deeper than ${limits.maxDepth} levels`, { file, line: nesting.line, column: nesting.column });
  }
  return ok(null);
}

/**
 * Builds the documents with the parser and composer driven by hand, so that every stage is
 * bounded before it runs. The pre-scan is a heuristic; these checks are not:
 * - the parser keeps its own stack but recurses when one token closes many levels at once
 *   (3,000 nested maps followed by a dedent overflow the call stack), so its stack is watched
 *   after every token;
 * - composing recurses once per level, so each document's syntax tree is measured first. After
 *   a stack overflow, `yaml` on Node 20 can abort the whole process on the next deep parse;
 * - the library records every problem as an Error with a stack trace and goes on (5 MB of `[]`
 *   exhausted the heap; 5 MB of unclosed quotes took 18 s and 1.8 GB), so composing stops at the
 *   first error instead.
 */
function composeDocuments(text: string, lineCounter: LineCounter, limits: YamlLimits, at: Locator): Result<Document.Parsed[]> {
  const parser = new Parser(lineCounter.addNewLine);
  // Duplicate keys are refused in `inspectNodes`: the library's own check compares each key with
  // every earlier one, so a flat map of 200,000 keys (2 MB) took minutes.
  const composer = new Composer({ schema: 'core', uniqueKeys: false, merge: false });
  const firstError = stopAtFirstError(composer, at);
  const documents: Document.Parsed[] = [];
  const tooDeep = (offset: number): Result<never> => fail('invalid-input', `nesting deeper than ${limits.maxDepth} levels`, at(offset));
  const compose = (tokens: Iterable<CST.Token>): Result<never> | null => {
    for (const token of tokens) {
      if (token.type === 'error') return fail('invalid-input', errorTokenMessage(token), at(token.offset));
      const deep = findDeepCollection(token, limits.maxDepth);
      if (deep !== null) return tooDeep(deep);
      const refused = firstError.during(() => {
        for (const document of composer.next(token)) documents.push(document);
      });
      if (refused !== null) return refused;
    }
    return null;
  };
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    const refused = compose(parser.next(lexeme));
    if (refused !== null) return refused;
    if (parser.stack.length > limits.maxDepth + PARSER_STACK_SLACK) return tooDeep(parser.offset);
  }
  const refused = compose(parser.end()) ?? firstError.during(() => {
    for (const document of composer.end()) documents.push(document);
  });
  if (refused !== null) return refused;
  const streamError = composer.streamInfo().errors[0];
  if (documents.length === 0 && streamError !== undefined) return fail('invalid-input', firstLine(streamError.message), at(streamError.pos[0]));
  return ok(documents);
}

/** The composer's private error callback (yaml 2.9), replaced to stop at the first error. */
type ComposerErrorCallback = (source: unknown, code: string, message: string, warning?: boolean) => void;

interface ErrorStop {
  /** Runs a composing step; returns the first error if the step stopped on one. */
  during(step: () => void): Result<never> | null;
}

/**
 * Makes the composer stop at its first error by throwing from its error callback, and drop
 * warnings (the only ones that matter, unresolved tags, are refused by `inspectNodes`). Relies on
 * a private member of the pinned `yaml` version; the hostile-YAML tests time the flood cases.
 */
function stopAtFirstError(composer: Composer, at: Locator): ErrorStop {
  const signal = new Error('stop composing');
  let first: DomainError | null = null;
  const onError: ComposerErrorCallback = (source, _code, message, warning) => {
    if (warning === true) return;
    first ??= { code: 'invalid-input', message: firstLine(message), at: at(errorOffset(source)) };
    throw signal;
  };
  (composer as unknown as { onError: ComposerErrorCallback }).onError = onError;
  return {
    during(step) {
      try {
        step();
        return null;
      } catch (error) {
        if (error !== signal || first === null) throw error;
        return { ok: false, error: first };
      }
    },
  };
}

function errorTokenMessage(token: CST.ErrorToken): string {
  if (token.source === '' || token.message.includes(token.source)) return firstLine(token.message);
  return firstLine(`${token.message}: ${JSON.stringify(quoted(token.source))}`);
}

function errorOffset(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return typeof source[0] === 'number' ? source[0] : 0;
  const offset = (source as { offset?: unknown } | null)?.offset;
  return typeof offset === 'number' ? offset : 0;
}

/** Returns the offset of the first collection nested deeper than `maxDepth`, walking with an explicit stack. */
function findDeepCollection(root: CST.Token, maxDepth: number): number | null {
  const pending: { token: CST.Token; depth: number }[] = [{ token: root, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const isCollection = next.token.type === 'block-map' || next.token.type === 'block-seq' || next.token.type === 'flow-collection';
    const depth = isCollection ? next.depth + 1 : next.depth;
    if (depth > maxDepth) return next.token.offset;
    for (const token of childTokens(next.token).reverse()) pending.push({ token, depth });
  }
  return null;
}

function childTokens(token: CST.Token): CST.Token[] {
  const children: CST.Token[] = [];
  if (token.type === 'document' && token.value !== undefined) children.push(token.value);
  if (token.type === 'block-scalar') children.push(...token.props);
  if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.key) children.push(item.key);
      if (item.value) children.push(item.value);
    }
  }
  return children;
}

function convertDocument(
  document: Document.Parsed,
  file: string,
  at: Locator,
  options: YamlParseOptions,
  limits: YamlLimits,
  nodeBudget: number,
): Result<Converted> {
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) return fail('invalid-input', firstLine(syntaxError.message), at(syntaxError.pos[0]));
  const inspected = inspectNodes(document, at, options, limits, nodeBudget);
  if (!inspected.ok) return inspected;
  if (inspected.value.aliases > 0) {
    const expansion = checkAliasExpansion(document, at, limits, nodeBudget);
    if (expansion !== null) return { ok: false, error: expansion };
  }
  // Alias expansion is bounded above (the library's own count refuses ordinary files that reuse
  // an anchor which itself holds aliases), so the library's check is switched off.
  const value: unknown = document.toJS({ maxAliasCount: -1 });
  const locate = (path: readonly PropertyKey[]): SourcePosition => locateInDocument(document, path, at, file);
  return ok({ parsed: { file, value, locate }, start: at(document.range[0]), nodes: inspected.value.nodes });
}

function firstLine(message: string): string {
  return oneLine((message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, ''));
}

/** Keeps a message on one short line whatever the file contained. */
function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS - 1)}…` : flat;
}

function quoted(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS - 1)}…` : text;
}

interface NodeCount {
  readonly nodes: number;
  readonly aliases: number;
}

/** Walks every node once: counts nodes and aliases, refuses custom tags and prototype keys. */
function inspectNodes(document: Document.Parsed, at: Locator, options: YamlParseOptions, limits: YamlLimits, nodeBudget: number): Result<NodeCount> {
  const textKeys = new Set(options.keepNumbersAsTextUnder ?? []);
  let nodes = 0;
  let aliases = 0;
  let problem: DomainError | null = null;
  visit(document, (_key, node) => {
    nodes += 1;
    problem = checkNode(node, at, textKeys) ?? (nodes > nodeBudget ? tooManyNodes(limits, at(rangeStart(node))) : null);
    if (isAlias(node)) {
      aliases += 1;
      if (aliases > limits.maxAliases) problem = { code: 'invalid-input', message: `more than ${limits.maxAliases} aliases`, at: at(rangeStart(node)) };
    }
    return problem === null ? undefined : visit.BREAK;
  });
  if (problem !== null) return { ok: false, error: problem };
  return ok({ nodes, aliases });
}

function tooManyNodes(limits: YamlLimits, at: SourcePosition): DomainError {
  return { code: 'too-large', message: `more than ${limits.maxNodes.toLocaleString('en')} YAML nodes`, at };
}

function checkNode(node: unknown, at: Locator, textKeys: ReadonlySet<string>): DomainError | null {
  if (isPair(node)) return checkPair(node, at, textKeys);
  if (isMap(node)) {
    const duplicate = findDuplicateKey(node.items);
    if (duplicate !== null) return { code: 'invalid-input', message: `duplicate key "${quoted(String(duplicate.value))}"`, at: at(rangeStart(duplicate)) };
  }
  if (isScalar(node) || isMap(node) || isSeq(node)) {
    const tag = node.tag;
    if (tag !== undefined && !ALLOWED_TAGS.has(tag)) {
      const written = tag.startsWith(CORE_TAG_PREFIX) ? `!!${tag.slice(CORE_TAG_PREFIX.length)}` : tag;
      return { code: 'invalid-input', message: `tag ${quoted(written)} is not allowed`, at: at(rangeStart(node)) };
    }
  }
  return null;
}

/** Keys are compared as the property names they become, so `1` and `"1"` are duplicates too. */
function findDuplicateKey(pairs: readonly Pair[]): Scalar | null {
  const seen = new Set<string>();
  for (const { key } of pairs) {
    if (!isScalar(key)) continue;
    const name = String(key.value);
    if (seen.has(name)) return key;
    seen.add(name);
  }
  return null;
}

function checkPair(pair: Pair, at: Locator, textKeys: ReadonlySet<string>): DomainError | null {
  const key = pair.key;
  if (!isScalar(key)) {
    if (key !== null) return { code: 'invalid-input', message: 'only plain text keys are allowed', at: at(rangeStart(key)) };
    return null;
  }
  const name = String(key.value);
  if (FORBIDDEN_KEYS.has(name)) return { code: 'invalid-input', message: `key "${name}" is not allowed`, at: at(rangeStart(key)) };
  if (textKeys.has(name)) keepNumbersAsText(pair.value);
  return null;
}

function rangeStart(node: unknown): number {
  const range = (node as { range?: readonly number[] } | null)?.range;
  return range?.[0] ?? 0;
}

function keepNumbersAsText(node: unknown): void {
  if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string') {
    node.value = node.source;
    return;
  }
  if (isSeq(node)) for (const item of node.items) keepNumbersAsText(item);
}

interface Expansion {
  readonly nodes: number;
  readonly depth: number;
}

const NOTHING: Expansion = { nodes: 0, depth: 0 };

/**
 * Measures the document as the program will see it, with every alias replaced by its anchor:
 * refuses an alias without an anchor or inside its own anchor (the value would be circular),
 * nesting past the limit through aliases, and expansion past the node budget ("billion laughs").
 * The document itself is at most `maxDepth` deep here, so the recursion is shallow, and an
 * anchor's size is measured once, before any alias to it.
 */
function checkAliasExpansion(document: Document.Parsed, at: Locator, limits: YamlLimits, nodeBudget: number): DomainError | null {
  const anchors = new Map<string, unknown>();
  const sizes = new Map<unknown, Expansion>();
  const open = new Set<unknown>();
  let counted = 0;
  let problem: DomainError | null = null;
  const refuse = (error: DomainError): Expansion => {
    problem ??= error;
    return NOTHING;
  };

  const measureAlias = (name: string, offset: number, outerDepth: number): Expansion => {
    const target = anchors.get(name);
    if (target === undefined || open.has(target)) {
      const reason = target === undefined ? 'has no anchor before it' : 'refers to a node that contains it';
      return refuse({ code: 'invalid-input', message: `alias *${quoted(name)} ${reason}`, at: at(offset) });
    }
    const size = sizes.get(target) ?? NOTHING;
    counted += size.nodes;
    if (outerDepth + size.depth > limits.maxDepth) {
      return refuse({ code: 'invalid-input', message: `nesting deeper than ${limits.maxDepth} levels through aliases`, at: at(offset) });
    }
    if (counted > nodeBudget) {
      return refuse({ code: 'too-large', message: `aliases expand to more than ${limits.maxNodes.toLocaleString('en')} YAML nodes`, at: at(offset) });
    }
    return size;
  };

  const measure = (node: unknown, outerDepth: number): Expansion => {
    if (problem !== null || node === null || node === undefined) return NOTHING;
    if (isAlias(node)) return measureAlias(node.source, rangeStart(node), outerDepth);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor !== undefined) anchors.set(anchor, node);
    open.add(node);
    counted += 1;
    const isCollection = isMap(node) || isSeq(node);
    const children = isPair(node) ? [node.key, node.value] : isCollection ? (node.items as unknown[]) : [];
    let nodes = 1;
    let deepest = 0;
    for (const child of children) {
      const inner = measure(child, isCollection ? outerDepth + 1 : outerDepth);
      nodes += inner.nodes;
      deepest = Math.max(deepest, inner.depth);
    }
    open.delete(node);
    const size = { nodes, depth: isCollection ? deepest + 1 : deepest };
    sizes.set(node, size);
    return size;
  };

  measure(document.contents, 0);
  return problem;
}

function locateInDocument(document: Document.Parsed, path: readonly PropertyKey[], at: Locator, file: string): SourcePosition {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length) as unknown[], true);
    if (node !== undefined && node !== null && typeof node === 'object') return at(rangeStart(node));
  }
  return { file, line: 1, column: 1 };
}
