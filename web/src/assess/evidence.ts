import type { Evidence } from './types.js';

/**
 * Evidence links are absolute http(s) URLs without credentials (SECURITY.md S23), checked here
 * before they are sent and again before one is rendered as a link: a stored value that fails the
 * check is shown as text, never as an anchor.
 */

/** The server's rule (src/core/workspace/schema.ts): the authority may not hold "@". */
const HTTP_URL = /^https?:\/\/[A-Za-z0-9.\-[\]:]+(?:[/?#][^\s]*)?$/i;
const MAX_URL = 2000;

/** Why `url` cannot be an evidence link, or undefined when it can. */
export function linkProblem(url: string): string | undefined {
  const text = url.trim();
  if (text === '') return 'Enter the address of the page that shows the evidence.';
  if (text.length > MAX_URL) return `The address is longer than ${MAX_URL} characters.`;
  if (!/^https?:\/\//i.test(text)) return 'Only web addresses starting with https:// or http:// are accepted (not javascript:, data:, file: or relative links).';
  if (!HTTP_URL.test(text)) return 'The address may not contain a user name or password, spaces, or unusual characters in the host name.';
  return undefined;
}

/** True when `url` may be rendered as a link. */
export function isSafeLink(url: string): boolean {
  return linkProblem(url) === undefined;
}

/** Where a scan finding was seen: `file:line` (or the file alone). */
export function findingPlace(entry: Extract<Evidence, { type: 'finding' }>): string {
  return entry.line === undefined ? entry.file : `${entry.file}:${entry.line}`;
}

/** The scan findings among an answer's evidence. */
export function findingsOf(evidence: readonly Evidence[]): Extract<Evidence, { type: 'finding' }>[] {
  return evidence.filter((entry): entry is Extract<Evidence, { type: 'finding' }> => entry.type === 'finding');
}

/** A new note by `by` dated `date`. */
export function newNote(text: string, by: string, date: string): Evidence {
  return { type: 'note', text: text.trim(), by, date };
}

/** A new link by `by` dated `date` (the title left out when empty). */
export function newLink(url: string, title: string, by: string, date: string): Evidence {
  const trimmed = title.trim();
  return trimmed === '' ? { type: 'link', url: url.trim(), by, date } : { type: 'link', url: url.trim(), title: trimmed, by, date };
}

/** The list without the entry at `index`. */
export function withoutEntry(evidence: readonly Evidence[], index: number): Evidence[] {
  return evidence.filter((_entry, position) => position !== index);
}

/** A one-line text of an entry, for the conflict view. */
export function entryText(entry: Evidence): string {
  if (entry.type === 'note') return `Note: ${entry.text}`;
  if (entry.type === 'link') return `Link: ${entry.title === undefined ? entry.url : `${entry.title} (${entry.url})`}`;
  return `Scan finding: ${entry.detector} at ${findingPlace(entry)}`;
}
