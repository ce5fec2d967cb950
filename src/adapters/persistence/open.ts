import type { Persistence } from '../../core/persistence/port.js';
import { openPostgres, type PostgresOptions } from './postgres.js';
import { openSqlite } from './sqlite.js';

type Target = { readonly dialect: 'sqlite'; readonly path: string } | { readonly dialect: 'postgres'; readonly url: string };

/**
 * Opens the store at `location` (`sqlite:PATH`, a path ending `.db` or `.sqlite`, or a
 * `postgres://` / `postgresql://` URL) and migrates it. Failures throw one line naming the
 * location without its password. `schema` applies to PostgreSQL only.
 */
export async function openPersistence(location: string, options: PostgresOptions = {}): Promise<Persistence> {
  const target = parseLocation(location);
  if (target === undefined) {
    throw new Error(
      `unsupported database location '${describeLocation(location)}': use sqlite:PATH, a file ending .db or .sqlite, or a postgres:// URL`,
    );
  }
  try {
    return target.dialect === 'sqlite' ? await openSqlite(target.path) : await openPostgres(target.url, options);
  } catch (error) {
    throw new Error(`cannot open database ${describeLocation(location)}: ${redact(reasonOf(error), location)}`, { cause: error });
  }
}

/** The location with any password (in the user info or a `password` parameter) shown as `***`. */
export function describeLocation(location: string): string {
  const span = passwordSpan(location);
  const masked = span === undefined ? location : `${location.slice(0, span.from)}***${location.slice(span.to)}`;
  return masked.replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/**
 * Where the password of `scheme://user:password@host…` sits. In a URL that parses, the user info
 * ends at the last "@" before the first "/", "?" or "#"; in one that does not (a raw "/" in the
 * password), at the last "@" of all, which may hide more than the password but never less.
 */
function passwordSpan(location: string): { from: number; to: number } | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(location);
  if (scheme === null) return undefined;
  const start = scheme[0].length;
  const end = URL.canParse(location) ? authorityEnd(location, start) : location.length;
  const authority = location.slice(start, end);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  return at === -1 || colon === -1 || colon > at ? undefined : { from: start + colon + 1, to: start + at };
}

function authorityEnd(location: string, start: number): number {
  const end = location.slice(start).search(/[/?#]/);
  return end === -1 ? location.length : start + end;
}

function parseLocation(location: string): Target | undefined {
  if (/^postgres(ql)?:\/\//i.test(location)) return { dialect: 'postgres', url: location };
  if (location.startsWith('sqlite:')) {
    const path = location.slice('sqlite:'.length);
    return path === '' ? undefined : { dialect: 'sqlite', path };
  }
  if (/\.(db|sqlite)$/i.test(location) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return { dialect: 'sqlite', path: location };
  return undefined;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/** Drivers may echo the connection string; never let the password through, encoded or not. */
function redact(message: string, location: string): string {
  const span = passwordSpan(location);
  if (span === undefined || span.to === span.from) return message;
  const password = location.slice(span.from, span.to);
  return [password, safeDecode(password)].reduce((text, secret) => text.split(secret).join('***'), message);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
