import type { TargetedMouseEvent } from 'preact';
import { createStore } from './store.js';

/** The pages of the app. Every path the server does not know as a file is answered with index.html, so these work on reload. */
export type PageName = 'dashboard' | 'teams' | 'team' | 'backlog' | 'model' | 'admin' | 'tokens' | 'assess' | 'checkpoint' | 'setup' | 'sign-in' | 'password' | 'not-found';

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

export interface Route {
  readonly page: PageName;
  readonly params: Readonly<Record<string, string>>;
  readonly location: Location;
}

const PATTERNS: readonly (readonly [PageName, string])[] = [
  ['dashboard', '/'],
  ['teams', '/teams'],
  ['team', '/teams/:teamId'],
  ['backlog', '/backlog'],
  ['model', '/model'],
  ['model', '/model/practices/:practiceId'],
  ['backlog', '/teams/:teamId/backlog'],
  ['admin', '/admin'],
  ['admin', '/admin/:section'],
  ['tokens', '/teams/:teamId/tokens'],
  ['assess', '/teams/:teamId/assess'],
  ['checkpoint', '/checkpoints/:checkpointId'],
  ['setup', '/setup'],
  ['sign-in', '/sign-in'],
  ['password', '/account/password'],
];

/** The page and path parameters of a path; unknown paths give `not-found`. */
export function matchPath(path: string): { page: PageName; params: Record<string, string> } {
  const parts = splitPath(path);
  for (const [page, pattern] of PATTERNS) {
    const params = matchParts(splitPath(pattern), parts);
    if (params !== undefined) return { page, params };
  }
  return { page: 'not-found', params: {} };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function matchParts(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const actual = parts[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = safeDecode(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function currentRoute(): Route {
  const { pathname, search } = window.location;
  const location = { path: pathname, query: new URLSearchParams(search) };
  return { ...matchPath(pathname), location };
}

/** The route of the address bar; pages watch it with `useStore(routeStore)`. */
export const routeStore = createStore<Route>(currentRoute());

window.addEventListener('popstate', () => {
  routeStore.set(currentRoute());
});

/** Goes to an in-app address without reloading (History API). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const target = new URL(href, window.location.href);
  if (target.origin !== window.location.origin) throw new Error(`navigate() is for in-app addresses, not ${target.origin}`);
  const address = `${target.pathname}${target.search}${target.hash}`;
  if (options.replace === true) window.history.replaceState(null, '', address);
  else window.history.pushState(null, '', address);
  routeStore.set(currentRoute());
}

/** Builds a path with a query, leaving out empty values. */
export function pathWithQuery(path: string, query: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** True for a plain left click that the app should handle itself (not a new tab or window). */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.defaultPrevented;
}

/** Click handler for in-app links: a real `<a href>` (so a new tab works), routed without a reload. */
export function onLinkClick(event: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (!isPlainClick(event)) return;
  const href = event.currentTarget.getAttribute('href');
  if (href === null || event.currentTarget.target !== '') return;
  event.preventDefault();
  navigate(href);
}
