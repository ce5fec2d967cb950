/**
 * Small readers shared by the CI parsers: loose access to parsed YAML values (pipeline files are
 * written by hand and vary), their text form, their lines, and one-line reasons for unreadable files.
 */
import type { DomainError } from '../../core/errors.js';
import { parseYaml } from '../../core/yaml/safe-yaml.js';
import type { ParsedYaml } from '../../core/yaml/safe-yaml.js';
import type { ScanFile } from '../contract.js';
import type { CiParser } from './index.js';

export type YamlRecord = Readonly<Record<string, unknown>>;
export type YamlPath = readonly (string | number)[];
export type ParseOutcome = ReturnType<CiParser['parse']>;

/**
 * Jobs and steps read from one file at most. Finding a line walks the parsed document's maps key by
 * key, so an absurd file (100,000 generated jobs) would take minutes; real pipelines stay far below.
 */
export const MAX_JOBS_PER_FILE = 1_000;
export const MAX_STEPS_PER_FILE = 10_000;

const MERGE_KEY = '<<';

/**
 * The value as a map, or undefined. YAML merge keys (`<<: *defaults`, common in GitLab, CircleCI
 * and Bitbucket files) are applied here, because the safe parser reads them as ordinary keys.
 */
export function asRecord(value: unknown): YamlRecord | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as YamlRecord;
  return Object.hasOwn(record, MERGE_KEY) ? applyMergeKey(record) : record;
}

/** Earlier merge sources win over later ones and the map's own keys over all of them (YAML merge-key rule). */
function applyMergeKey(record: YamlRecord): YamlRecord {
  const { [MERGE_KEY]: sources, ...own } = record;
  const bases = (Array.isArray(sources) ? sources : [sources]).map(asRecord).filter((base) => base !== undefined);
  // Object.fromEntries defines properties, so no key of the file can reach a prototype.
  return Object.fromEntries([...bases.reverse().flatMap((base) => Object.entries(base)), ...Object.entries(own)]);
}

export function asList(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}

/** Text, numbers and booleans as text; anything else undefined. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A value read from a key chosen by the file (an alias, a job id): own keys only, never `toString` & co. */
export function field(record: YamlRecord | undefined, key: string): unknown {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The text form of an input value: scalars as written, nothing as '', collections as JSON. */
export function stringifyValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return asString(value) ?? JSON.stringify(value);
}

/** A map's values as text (`with`, `inputs`, `env`); not a map → {}. */
export function stringifyValues(value: unknown): Record<string, string> {
  const record = asRecord(value);
  if (record === undefined) return {};
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, stringifyValue(item)]));
}

/** The strings of a value that may be one string or a list of them. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return (asList(value) ?? []).flatMap((item) => (typeof item === 'string' ? [item] : []));
}

/**
 * Shell text that lets a failing command pass: `cmd || true`, `cmd || :`, `cmd || exit 0`,
 * `cmd || echo "scan failed"` (DETECTORS.md §3).
 */
const NEUTRALISING_SHELL = /\|\|[ \t]*(?:true\b|exit[ \t]+0\b|echo\b|:(?![^\s;)&|]))/;

export function shellNeutralises(run: string | undefined): boolean {
  return run !== undefined && NEUTRALISING_SHELL.test(run);
}

/** Lines of values in a parsed file. */
export interface LineFinder {
  /** Line where the value at `path` starts: for a list item, the line of its dash. */
  at(path: YamlPath): number;
  /** Line of the key holding the value at `path` (a job id, `script:`), which may sit above the value. */
  ofKey(path: YamlPath): number;
}

/** Blank and comment lines skipped between a key and its value; more than this is not a pipeline file. */
const MAX_KEY_LOOKBACK = 200;

export function lineFinder(yaml: ParsedYaml, text: string): LineFinder {
  let textLines: readonly string[] | undefined;
  const at = (path: YamlPath): number => yaml.locate(path).line ?? 1;
  return {
    at,
    ofKey(path) {
      const key = path.at(-1);
      const position = yaml.locate(path);
      const line = position.line ?? 1;
      if (typeof key !== 'string') return line;
      textLines ??= text.split('\n');
      return keyLine(textLines, key, line, position.column ?? 1);
    },
  };
}

function keyLine(textLines: readonly string[], key: string, line: number, column: number): number {
  if (holdsKey((textLines[line - 1] ?? '').slice(0, column - 1), key)) return line;
  for (let index = line - 2; index >= Math.max(0, line - 1 - MAX_KEY_LOOKBACK); index -= 1) {
    const candidate = textLines[index] ?? '';
    if (/^\s*(?:#.*)?$/.test(candidate)) continue;
    return holdsKey(candidate, key) ? index + 1 : line;
  }
  return line;
}

function holdsKey(lineText: string, key: string): boolean {
  const index = lineText.indexOf(key);
  return index >= 0 && /^["']?\s*:/.test(lineText.slice(index + key.length));
}

/** Parses a pipeline file with the bounded YAML parser (SECURITY.md S1). */
export function readYaml(file: ScanFile): { readonly yaml: ParsedYaml; readonly lines: LineFinder } | { readonly error: string } {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return { error: yamlProblem(parsed.error) };
  return { yaml: parsed.value, lines: lineFinder(parsed.value, file.text) };
}

/** A parse error as one line: the reason and where. */
export function yamlProblem(error: DomainError): string {
  const line = error.at?.line;
  if (line === undefined) return error.message;
  return `${error.message} (line ${line}${error.at?.column === undefined ? '' : `, column ${error.at.column}`})`;
}

/** `jobs: expected a map of jobs, found a number (line 3)` */
export function shapeProblem(where: string, expected: string, value: unknown, line: number): string {
  return `${where}: expected ${expected}, found ${describeValue(value)} (line ${line})`;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value}`;
}

/** `more than 2,000 jobs` when a count passes its limit, else null. */
export function countProblem(count: number, limit: number, what: string): string | null {
  return count > limit ? `more than ${limit.toLocaleString('en')} ${what} in one file` : null;
}

/** `{ key: value }`, or {} when there is no value, for optional model fields. */
export function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
