import { DOMAIN_ID } from '../../core/model/schema.js';
import { ANSWER_STATUSES } from '../../core/workspace/schema.js';
import type { AnswerStatus } from '../../core/workspace/schema.js';
import { cellLines, lineProblem, scanQuoted, shorten, skipSpace } from './quoted-text.js';
import type { LineResult } from './quoted-text.js';

/**
 * The small multi-line cells of a team sheet:
 * - ratings, one `rater: status` per line (`alice: implemented`);
 * - raters, one name per line;
 * - quick self-ratings, one `domain-id: level` per line (`secrets: 2`).
 * A rater name is written bare when it reads back unchanged (no surrounding spaces, no quote or
 * control character), else as a JSON string, e.g. `"two\nlines": partial`.
 */

// eslint-disable-next-line no-control-regex -- names holding these are quoted
const UNSAFE_NAME = /["\u0000-\u001F\u007F]/;
/** Keys that a plain object cannot hold as data: refused rather than silently dropped. */
const FORBIDDEN_NAMES = new Set(['__proto__']);

/** A rater name as written in a cell. */
export function formatName(name: string): string {
  return name !== '' && name === name.trim() && !UNSAFE_NAME.test(name) ? name : JSON.stringify(name);
}

/** Writes ratings as `rater: status` lines, in the order given. */
export function formatRatings(ratings: Readonly<Record<string, AnswerStatus>>): string {
  return Object.entries(ratings)
    .map(([rater, status]) => `${formatName(rater)}: ${status}`)
    .join('\n');
}

/** Writes raters one per line. */
export function formatRaters(raters: readonly string[]): string {
  return raters.map(formatName).join('\n');
}

/** Writes quick self-ratings as `domain: level` lines. */
export function formatSelfRatings(scores: Readonly<Record<string, number>>): string {
  return Object.entries(scores)
    .map(([domain, level]) => `${domain}: ${level}`)
    .join('\n');
}

/** Reads a status word: empty is undefined (unknown), otherwise one of ANSWER_STATUSES. */
export function parseStatus(text: string): LineResult<AnswerStatus | undefined> {
  const word = text.trim().toLowerCase();
  if (word === '') return { ok: true, value: undefined };
  const status = ANSWER_STATUSES.find((candidate) => candidate === word);
  if (status !== undefined) return { ok: true, value: status };
  return lineProblem(`${shorten(text.trim())} is not a status (${ANSWER_STATUSES.join(', ')}; empty means unknown)`);
}

/** Parses a ratings cell strictly. */
export function parseRatings(text: string): LineResult<Record<string, AnswerStatus>> {
  const ratings: Record<string, AnswerStatus> = {};
  for (const line of cellLines(text)) {
    const parsed = parseRatingLine(line.text);
    if (!parsed.ok) return lineProblem(`ratings line ${line.number}: ${parsed.error}`);
    const [rater, status] = parsed.value;
    if (Object.hasOwn(ratings, rater)) return lineProblem(`ratings line ${line.number}: ${shorten(rater)} is rated twice`);
    ratings[rater] = status;
  }
  return { ok: true, value: ratings };
}

function parseRatingLine(line: string): LineResult<readonly [string, AnswerStatus]> {
  const split = splitNameAndRest(line);
  if (!split.ok) return split;
  const { name, rest } = split.value;
  if (name === '') return lineProblem('write each rating as "name: status"');
  if (FORBIDDEN_NAMES.has(name)) return lineProblem(`${shorten(name)} cannot be used as a rater name`);
  const status = parseStatus(rest);
  if (!status.ok) return status;
  if (status.value === undefined) return lineProblem(`${shorten(name)} has no status after ":"`);
  return { ok: true, value: [name, status.value] };
}

/** Splits `name: rest`, the name quoted or bare (a bare name ends at the last colon: statuses hold none). */
function splitNameAndRest(line: string): LineResult<{ name: string; rest: string }> {
  const start = skipSpace(line, 0);
  if (line[start] === '"') {
    const quoted = scanQuoted(line, start);
    if (!quoted.ok) return quoted;
    const colon = skipSpace(line, quoted.value.end);
    if (line[colon] !== ':') return lineProblem(`expected ":" after ${shorten(quoted.value.value)}`);
    return { ok: true, value: { name: quoted.value.value, rest: line.slice(colon + 1) } };
  }
  const colon = line.lastIndexOf(':');
  if (colon < 0) return lineProblem(`write each rating as "name: status", not ${shorten(line.trim())}`);
  return { ok: true, value: { name: line.slice(0, colon).trim(), rest: line.slice(colon + 1) } };
}

/** Parses a raters cell: one name per line. */
export function parseRaters(text: string): LineResult<string[]> {
  const raters: string[] = [];
  for (const line of cellLines(text)) {
    const name = parseName(line.text);
    if (!name.ok) return lineProblem(`raters line ${line.number}: ${name.error}`);
    raters.push(name.value);
  }
  return { ok: true, value: raters };
}

function parseName(line: string): LineResult<string> {
  const start = skipSpace(line, 0);
  if (line[start] !== '"') return { ok: true, value: line.trim() };
  const quoted = scanQuoted(line, start);
  if (!quoted.ok) return quoted;
  if (skipSpace(line, quoted.value.end) < line.length) return lineProblem(`unexpected text after ${shorten(quoted.value.value)}`);
  return { ok: true, value: quoted.value.value };
}

/** Parses quick self-ratings: `domain-id: level` per line. */
export function parseSelfRatings(text: string): LineResult<Record<string, number>> {
  const scores: Record<string, number> = {};
  for (const line of cellLines(text)) {
    const match = /^\s*([^\s:]+)\s*:\s*(\d{1,3})\s*$/.exec(line.text);
    const domain = match?.[1];
    if (domain === undefined) return lineProblem(`line ${line.number}: write each self-rating as "domain-id: level", not ${shorten(line.text.trim())}`);
    if (!DOMAIN_ID.test(domain)) return lineProblem(`line ${line.number}: ${shorten(domain)} is not a domain id (see the README sheet)`);
    if (Object.hasOwn(scores, domain)) return lineProblem(`line ${line.number}: ${shorten(domain)} is rated twice`);
    scores[domain] = Number(match?.[2]);
  }
  return { ok: true, value: scores };
}
