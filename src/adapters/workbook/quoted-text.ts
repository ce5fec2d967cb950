import type { Result } from '../../core/errors.js';

/**
 * The value syntax shared by the multi-line cells (evidence, ratings, raters): a value is written
 * bare when that reads unambiguously, else as a JSON string literal (`"…"` with `\"`, `\\`, `\n`
 * escapes). JSON is used because its escapes are well known and `JSON.parse` checks them strictly.
 */

/** A parse outcome whose failure is a one-line reason, placed into a cell location by the caller. */
export type LineResult<T> = Result<T, string>;

/** A failed line parse with its reason. */
export function lineProblem(reason: string): { readonly ok: false; readonly error: string } {
  return { ok: false, error: reason };
}

// eslint-disable-next-line no-control-regex -- control characters are quoted so that they show as escapes
const CONTROL = /[\u0000-\u001F\u007F]/;

/** A value with no whitespace or control character that does not start with a quote stays bare. */
export function isBareToken(value: string): boolean {
  return value !== '' && !value.startsWith('"') && !/\s/.test(value) && !CONTROL.test(value);
}

/** A token: bare when safe, else quoted. */
export function formatToken(value: string): string {
  return isBareToken(value) ? value : JSON.stringify(value);
}

export interface Scanned {
  readonly value: string;
  /** Index just past the token. */
  readonly end: number;
}

/** Reads a JSON string literal starting at `start` (which holds `"`). */
export function scanQuoted(line: string, start: number): LineResult<Scanned> {
  let index = start + 1;
  while (index < line.length && line[index] !== '"') index += line[index] === '\\' ? 2 : 1;
  if (index >= line.length) return lineProblem(`quoted text starting at character ${start + 1} has no closing "`);
  const literal = line.slice(start, index + 1);
  try {
    const value: unknown = JSON.parse(literal);
    if (typeof value === 'string') return { ok: true, value: { value, end: index + 1 } };
  } catch {
    // reported below: the literal is shown, never a parser stack
  }
  return lineProblem(`${shorten(literal)} is not valid quoted text (use \\" for a quote and \\\\ for a backslash)`);
}

/** Reads a bare token (up to the next whitespace) or a quoted one starting at `start`. */
export function scanToken(line: string, start: number): LineResult<Scanned> {
  if (line[start] === '"') return scanQuoted(line, start);
  let end = start;
  while (end < line.length && !/\s/.test(line.charAt(end))) end += 1;
  return { ok: true, value: { value: line.slice(start, end), end } };
}

/** Index of the first non-whitespace character at or after `start`. */
export function skipSpace(line: string, start: number): number {
  let index = start;
  while (index < line.length && /\s/.test(line.charAt(index))) index += 1;
  return index;
}

/** Text quoted for an error message, cut to a readable length. */
export function shorten(text: string): string {
  const cut = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return JSON.stringify(cut);
}

/** The non-blank lines of a cell, with their 1-based line numbers. */
export function cellLines(text: string): { readonly text: string; readonly number: number }[] {
  return text
    .split('\n')
    .map((line, index) => ({ text: line, number: index + 1 }))
    .filter((line) => line.text.trim() !== '');
}
