/**
 * The checks the administration forms make before sending, restating the server's schemas
 * (src/server/schemas.ts, the team id of core/workspace/schema.ts, the password policy's length) so
 * a mistake is named next to its field at once. The server checks again; its answer wins.
 */
import type { ProblemPosition } from '../api.js';

/** Field key → message; the key order is the order of the fields on the form (the first gets focus). */
export type FieldErrors = Readonly<Record<string, string>>;

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
export const TEAM_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 128;
const MAX_NAME = 200;

/** Keeps only the entries that carry a message. */
export function compact(errors: Readonly<Record<string, string | undefined>>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** True when the form has nothing to complain about. */
export function isClean(errors: FieldErrors): boolean {
  return Object.keys(errors).length === 0;
}

export function usernameError(username: string): string | undefined {
  if (username.trim() === '') return 'Enter a username.';
  return USERNAME.test(username.trim()) ? undefined : 'Use 2 to 64 letters, digits, “.”, “_”, “@” or “-”, starting with a letter or digit.';
}

export function nameError(name: string, what: string): string | undefined {
  if (name.trim() === '') return `Enter ${what}.`;
  return name.trim().length > MAX_NAME ? `Keep ${what} to ${MAX_NAME} characters.` : undefined;
}

/** The length and username rules of the password policy (the server also refuses common passwords). */
export function passwordError(password: string, username: string): string | undefined {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters (${length} so far).`;
  if (length > MAX_PASSWORD) return `Use at most ${MAX_PASSWORD} characters.`;
  if (username.trim().length >= 3 && password.toLowerCase().includes(username.trim().toLowerCase())) return 'The password may not contain the username.';
  return undefined;
}

export function teamIdError(id: string): string | undefined {
  if (id.trim() === '') return 'Enter an id, for example “payments”.';
  return TEAM_ID.test(id.trim()) ? undefined : 'Use lower-case letters, digits, “-” or “_” (at most 64), starting with a letter or digit: it names a folder.';
}

/** A whole level between 0 and `top`; empty is allowed (no target). */
export function levelError(text: string, top: number): string | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 && value <= top ? undefined : `Enter a whole level from 0 to ${top}, or leave it empty.`;
}

/** A domain weight: more than 0, at most 100; empty means the default 1. */
export function weightError(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 && value <= 100 ? undefined : 'Enter a number above 0 and at most 100, or leave it empty for 1.';
}

/** A calendar date written YYYY-MM-DD; empty is allowed. */
export function dateError(text: string): string | undefined {
  if (text === '') return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? undefined : 'Enter a date as YYYY-MM-DD.';
}

/** Level targets from per-domain inputs: empty inputs are left out. */
export function targetsFrom(inputs: Readonly<Record<string, string>>): Record<string, number> {
  return Object.fromEntries(Object.entries(inputs).filter(([, text]) => text.trim() !== '').map(([domain, text]) => [domain, Number(text)]));
}

/** Per-domain inputs from level targets (a missing domain is an empty input). */
export function inputsFrom(values: Readonly<Record<string, number>> | undefined, domains: readonly string[]): Record<string, string> {
  return Object.fromEntries(domains.map((domain) => [domain, values?.[domain] === undefined ? '' : String(values[domain])]));
}

/** The form field a server problem is about: its `at.path` (`body.displayName`), else the first field its text names. */
export function fieldOfProblem(at: ProblemPosition | undefined, detail: string, fields: readonly string[]): string | undefined {
  const path = at?.path?.replace(/^body\./, '').split('.')[0];
  if (path !== undefined && fields.includes(path)) return path;
  const lower = detail.toLowerCase();
  return fields.find((field) => lower.startsWith(`${field.toLowerCase()}:`) || lower.includes(`the ${field.toLowerCase()} `));
}

/** "file stepwise.yaml, line 3, column 10" for a problem about a file, or undefined. */
export function positionText(at: ProblemPosition | undefined): string | undefined {
  if (at === undefined || (at.file === undefined && at.line === undefined)) return undefined;
  const parts = [at.file === undefined ? undefined : `file ${at.file}`, at.line === undefined ? undefined : `line ${at.line}`, at.column === undefined ? undefined : `column ${at.column}`];
  return parts.filter((part) => part !== undefined).join(', ');
}
