import type { Evidence } from '../../core/workspace/schema.js';
import { cellLines, formatToken, lineProblem, scanToken, shorten, skipSpace } from './quoted-text.js';
import type { LineResult } from './quoted-text.js';

/**
 * The evidence cell: one entry per line, a type word, the entry's main value, then `key=value`
 * attributes in any order. Values are bare or JSON-quoted (see quoted-text.ts):
 *
 *     note "Checked the deploy pipeline with the team" date=2026-10-02 by=alice
 *     link https://wiki.example/secrets title="Secrets wiki" date=2026-10-02
 *     finding has-secret-scan-in-ci file=.github/workflows/ci.yml line=14 message="…" date=2026-10-01
 */

type EvidenceType = Evidence['type'];

const ATTRIBUTES: Readonly<Record<EvidenceType, readonly string[]>> = {
  note: ['date', 'by'],
  link: ['title', 'date', 'by'],
  finding: ['file', 'line', 'message', 'date', 'by'],
};

const MAIN_VALUE: Readonly<Record<EvidenceType, string>> = { note: 'text', link: 'URL', finding: 'detector id' };

/** Writes evidence entries, one per line. */
export function formatEvidence(evidence: readonly Evidence[]): string {
  return evidence.map(formatEntry).join('\n');
}

function formatEntry(entry: Evidence): string {
  const common = attributes([['date', entry.date], ['by', entry.by]]);
  if (entry.type === 'note') return [`note ${formatToken(entry.text)}`, ...common].join(' ');
  if (entry.type === 'link') return [`link ${formatToken(entry.url)}`, ...attributes([['title', entry.title]]), ...common].join(' ');
  const line = entry.line === undefined ? undefined : String(entry.line);
  const own = attributes([['file', entry.file], ['line', line], ['message', entry.message]]);
  return [`finding ${formatToken(entry.detector)}`, ...own, ...common].join(' ');
}

function attributes(pairs: readonly (readonly [string, string | undefined])[]): string[] {
  return pairs.flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${formatToken(value)}`]));
}

/** An evidence entry as read, before schema validation, with the cell line it came from. */
export interface ReadEvidence {
  readonly entry: Evidence;
  readonly line: number;
}

/** Parses an evidence cell strictly; the failure names the line. */
export function parseEvidence(text: string): LineResult<ReadEvidence[]> {
  const entries: ReadEvidence[] = [];
  for (const line of cellLines(text)) {
    const parsed = parseEntry(line.text);
    if (!parsed.ok) return lineProblem(`evidence line ${line.number}: ${parsed.error}`);
    entries.push({ entry: parsed.value, line: line.number });
  }
  return { ok: true, value: entries };
}

function parseEntry(line: string): LineResult<Evidence> {
  const typeStart = skipSpace(line, 0);
  const typeToken = scanToken(line, typeStart);
  if (!typeToken.ok) return typeToken;
  const type = typeToken.value.value.toLowerCase();
  if (!isEvidenceType(type)) return lineProblem(`${shorten(typeToken.value.value)} is not an evidence type (note, link, finding)`);
  const mainStart = skipSpace(line, typeToken.value.end);
  if (mainStart >= line.length) return lineProblem(`${type} needs its ${MAIN_VALUE[type]} after the word "${type}"`);
  const main = scanToken(line, mainStart);
  if (!main.ok) return main;
  const found = parseAttributes(line, main.value.end, type);
  if (!found.ok) return found;
  return buildEntry(type, main.value.value, found.value);
}

function isEvidenceType(word: string): word is EvidenceType {
  return Object.hasOwn(ATTRIBUTES, word);
}

function parseAttributes(line: string, from: number, type: EvidenceType): LineResult<Map<string, string>> {
  const found = new Map<string, string>();
  let index = from;
  for (;;) {
    const start = skipSpace(line, index);
    if (start >= line.length) return { ok: true, value: found };
    if (start === index) return lineProblem(`put a space before ${shorten(line.slice(start))}`);
    const pair = parseAttribute(line, start, type);
    if (!pair.ok) return pair;
    if (found.has(pair.value.key)) return lineProblem(`${pair.value.key}= is given twice`);
    found.set(pair.value.key, pair.value.value);
    index = pair.value.end;
  }
}

function parseAttribute(line: string, start: number, type: EvidenceType): LineResult<{ key: string; value: string; end: number }> {
  const match = /^([A-Za-z]+)=/.exec(line.slice(start));
  const allowed = ATTRIBUTES[type];
  if (match === null) return lineProblem(`expected key=value (${allowed.join(', ')}) but found ${shorten(line.slice(start))}`);
  const key = (match[1] ?? '').toLowerCase();
  if (!allowed.includes(key)) return lineProblem(`${type} has no "${key}" (it takes ${allowed.join(', ')})`);
  const valueStart = start + key.length + 1;
  const value = scanToken(line, valueStart);
  if (!value.ok) return value;
  if (value.value.end === valueStart) return lineProblem(`${key}= has no value`);
  return { ok: true, value: { key, value: value.value.value, end: value.value.end } };
}

function buildEntry(type: EvidenceType, main: string, found: ReadonlyMap<string, string>): LineResult<Evidence> {
  const common = optional({ date: found.get('date'), by: found.get('by') });
  if (type === 'note') return { ok: true, value: { type, text: main, ...common } };
  if (type === 'link') return { ok: true, value: { type, url: main, ...optional({ title: found.get('title') }), ...common } };
  const file = found.get('file');
  if (file === undefined) return lineProblem('finding needs file=…');
  const line = parseLineNumber(found.get('line'));
  if (!line.ok) return line;
  const rest = optional({ message: found.get('message') });
  return { ok: true, value: { type, detector: main, file, ...(line.value === undefined ? {} : { line: line.value }), ...rest, ...common } };
}

function parseLineNumber(text: string | undefined): LineResult<number | undefined> {
  if (text === undefined) return { ok: true, value: undefined };
  if (!/^\d{1,15}$/.test(text)) return lineProblem(`line=${shorten(text)} must be a whole number`);
  return { ok: true, value: Number(text) };
}

/** Leaves out absent fields so a read entry equals the written one key for key. */
function optional<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> {
  const present: Partial<Record<keyof T, string>> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = fields[key];
    if (value !== undefined) present[key] = value;
  }
  return present;
}
