import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { z } from 'zod';
import { fail, ok } from '../errors.js';
import type { Result, SourcePosition } from '../errors.js';
import { DEFAULT_YAML_LIMITS } from './limits.js';
import type { YamlLimits } from './limits.js';
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
const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';

/** Parses one YAML document within the limits of SECURITY.md S1. */
export function parseYaml(text: string, file: string, options: YamlParseOptions = {}): Result<ParsedYaml> {
  const all = parseYamlDocuments(text, file, options);
  if (!all.ok) return all;
  if (all.value.length > 1) return fail('invalid-input', 'expected one YAML document, found several', { file, line: 1, column: 1 });
  return ok(all.value[0] ?? emptyDocument(file));
}

/** Parses every document of a YAML stream within the limits of SECURITY.md S1. */
export function parseYamlDocuments(text: string, file: string, options: YamlParseOptions = {}): Result<ParsedYaml[]> {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const precheck = checkBeforeParsing(text, file, limits);
  if (!precheck.ok) return precheck;
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, merge: false });
  const documents = Array.isArray(parsed) ? parsed : [parsed as unknown as Document.Parsed];
  const results: ParsedYaml[] = [];
  let nodeBudget = limits.maxNodes;
  for (const document of documents) {
    const converted = convertDocument(document, file, lineCounter, options, limits, nodeBudget);
    if (!converted.ok) return converted;
    nodeBudget -= converted.value.nodes;
    results.push(converted.value.parsed);
  }
  return ok(results);
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
  return fail('invalid-input', `${where}${first.message}${more}`, parsed.locate(path));
}

function emptyDocument(file: string): ParsedYaml {
  return { file, value: null, locate: () => ({ file, line: 1, column: 1 }) };
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

interface Converted {
  readonly parsed: ParsedYaml;
  readonly nodes: number;
}

function convertDocument(
  document: Document.Parsed,
  file: string,
  lineCounter: LineCounter,
  options: YamlParseOptions,
  limits: YamlLimits,
  nodeBudget: number,
): Result<Converted> {
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) return fail('invalid-input', firstLine(syntaxError.message), at(syntaxError.pos[0]));
  const inspected = inspectNodes(document, at, options, limits, nodeBudget);
  if (!inspected.ok) return inspected;
  const value: unknown = document.toJS({ maxAliasCount: limits.maxAliases });
  const locate = (path: readonly PropertyKey[]): SourcePosition => locateInDocument(document, path, at, file);
  return ok({ parsed: { file, value, locate }, nodes: inspected.value });
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Walks every node once: counts nodes and aliases, refuses custom tags and prototype keys. */
function inspectNodes(
  document: Document.Parsed,
  at: (offset: number) => SourcePosition,
  options: YamlParseOptions,
  limits: YamlLimits,
  nodeBudget: number,
): Result<number> {
  const textKeys = new Set(options.keepNumbersAsTextUnder ?? []);
  let nodes = 0;
  let aliases = 0;
  let problem: Result<number> | null = null;
  visit(document, (_key, node) => {
    nodes += 1;
    problem = checkNode(node, at, textKeys) ?? (nodes > nodeBudget ? fail('too-large', `more than ${limits.maxNodes.toLocaleString('en')} YAML nodes`, at(0)) : null);
    if (isAlias(node)) {
      aliases += 1;
      if (aliases > limits.maxAliases) problem = fail('invalid-input', `more than ${limits.maxAliases} aliases`, at(node.range?.[0] ?? 0));
    }
    return problem === null ? undefined : visit.BREAK;
  });
  return problem ?? ok(nodes);
}

function checkNode(node: unknown, at: (offset: number) => SourcePosition, textKeys: ReadonlySet<string>): Result<number> | null {
  if (isPair(node)) return checkPair(node, at, textKeys);
  if (isScalar(node) || isMap(node) || isSeq(node)) {
    const tag = node.tag;
    if (tag !== undefined && !tag.startsWith(CORE_TAG_PREFIX)) {
      return fail('invalid-input', `custom tag ${tag} is not allowed`, at(node.range?.[0] ?? 0));
    }
  }
  return null;
}

function checkPair(pair: Pair, at: (offset: number) => SourcePosition, textKeys: ReadonlySet<string>): Result<number> | null {
  const key = pair.key;
  if (!isScalar(key)) {
    if (key !== null) return fail('invalid-input', 'only plain text keys are allowed', at(rangeStart(key)));
    return null;
  }
  const name = String(key.value);
  if (FORBIDDEN_KEYS.has(name)) return fail('invalid-input', `key "${name}" is not allowed`, at(key.range?.[0] ?? 0));
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

function locateInDocument(
  document: Document.Parsed,
  path: readonly PropertyKey[],
  at: (offset: number) => SourcePosition,
  file: string,
): SourcePosition {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length) as unknown[], true);
    const start = rangeStart(node as YamlNode | null);
    if (node !== undefined && node !== null && typeof node === 'object') return at(start);
  }
  return { file, line: 1, column: 1 };
}
