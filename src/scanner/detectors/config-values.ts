/** Reading values out of configuration files: JSON5/JSONC text, lists of maps, and where a key sits. */
import { asRecord } from '../ci/yaml-values.js';

/**
 * Reads the JSON dialects configuration files are written in (JSON, JSONC, most JSON5: comments,
 * trailing commas, single quotes, unquoted keys) without a JSON5 dependency: one linear pass turns
 * the text into strict JSON for `JSON.parse`. Returns undefined when the text still is not JSON.
 * `JSON.parse` keeps a `__proto__` key as plain data, so nothing reaches a prototype.
 */
export function readLooseJson(text: string): unknown {
  try {
    return JSON.parse(toStrictJson(text)) as unknown;
  } catch {
    return undefined;
  }
}

/** The items of a list that are objects ({} for any other item), or [] when the value is not a list. */
export function asRecords(value: unknown): Readonly<Record<string, unknown>>[] {
  return Array.isArray(value) ? value.map((item) => asRecord(item) ?? {}) : [];
}

/** The 1-based line of the first occurrence of `needle`, or 1 when it does not occur. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index === -1 ? 1 : lineAtOffset(text, index);
}

/** The 1-based line of a character offset. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

const IDENTIFIER_CHAR = /[\w$]/;

interface Output {
  readonly pieces: string[];
  /** Open brackets, innermost last. */
  readonly open: string[];
  /** The last character written that is not a blank. */
  last: string;
}

function toStrictJson(text: string): string {
  const out: Output = { pieces: [], open: [], last: '' };
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    const next = text[index + 1] ?? '';
    if (char === '"' || char === "'") index = copyString(text, index, out);
    else if (char === '/' && next === '/') index = endOfLine(text, index);
    else if (char === '/' && next === '*') index = endOfBlockComment(text, index);
    else if (char === ',' && closesNext(text, index + 1)) index += 1;
    else if (IDENTIFIER_CHAR.test(char) && expectsKey(out)) index = copyBareKey(text, index, out);
    else {
      write(out, char);
      index += 1;
    }
  }
  return out.pieces.join('');
}

function write(out: Output, piece: string): void {
  out.pieces.push(piece);
  if (piece === '{' || piece === '[') out.open.push(piece);
  else if (piece === '}' || piece === ']') out.open.pop();
  if (piece.trim() !== '') out.last = piece;
}

/** After `{`, or after `,` inside an object, a bare word is a key (true, false, null and numbers follow `:` or `[`). */
function expectsKey(out: Output): boolean {
  return out.last === '{' || (out.last === ',' && out.open.at(-1) === '{');
}

function copyString(text: string, start: number, out: Output): number {
  const quote = text[start];
  let index = start + 1;
  let body = '';
  while (index < text.length && text[index] !== quote) {
    const char = text[index] ?? '';
    if (char === '\\') {
      const escaped = text[index + 1] ?? '';
      body += escaped === "'" ? "'" : `\\${escaped}`;
      index += 2;
    } else {
      body += char === '"' ? '\\"' : char;
      index += 1;
    }
  }
  write(out, `"${body}"`);
  return index + 1;
}

function endOfLine(text: string, index: number): number {
  const end = text.indexOf('\n', index);
  return end === -1 ? text.length : end;
}

function endOfBlockComment(text: string, index: number): number {
  const end = text.indexOf('*/', index + 2);
  return end === -1 ? text.length : end + 2;
}

/** A comma followed only by blanks and comments before `}` or `]` is a trailing comma. */
function closesNext(text: string, from: number): boolean {
  let index = from;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') index += 1;
    else if (char === '/' && text[index + 1] === '/') index = endOfLine(text, index);
    else if (char === '/' && text[index + 1] === '*') index = endOfBlockComment(text, index);
    else return char === '}' || char === ']';
  }
  return false;
}

function copyBareKey(text: string, start: number, out: Output): number {
  let index = start;
  while (index < text.length && IDENTIFIER_CHAR.test(text[index] ?? '')) index += 1;
  write(out, `"${text.slice(start, index)}"`);
  return index;
}
