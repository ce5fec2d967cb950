/**
 * The backlog page's data: the listing of GET /api/v1/backlog (or a team's), the view chosen in the
 * address (strategy, board or list, filters), and the pure steps between them. The server orders
 * the items; the page only narrows them, so the order shown is always the API's.
 */
import type { BacklogItem } from '../../../src/core/backlog/backlog.js';
import type { Strategy } from '../../../src/core/backlog/priority.js';
import type { BacklogStatus } from '../../../src/core/persistence/records.js';
import { pathWithQuery } from '../router.js';

/** An item as the API lists it: `statusVersion` 0 means nobody set its status yet (send `If-Match: "0"`). */
export interface BacklogEntry extends BacklogItem {
  readonly statusVersion: number;
}

/** GET /api/v1/backlog and GET /api/v1/teams/:teamId/backlog (format=json). */
export interface BacklogBody {
  readonly asOf: string;
  readonly strategy: Strategy;
  readonly items: readonly BacklogEntry[];
}

/** PUT /api/v1/teams/:teamId/backlog/:itemKey/status */
export interface StatusBody {
  readonly teamId: string;
  readonly itemKey: string;
  readonly status: BacklogStatus;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly version: number;
}

export interface TeamInfo {
  readonly id: string;
  readonly name: string;
  readonly group: string | null;
}

export const STATUSES: readonly BacklogStatus[] = ['open', 'in-progress', 'done'];
export const STATUS_LABELS: Readonly<Record<BacklogStatus, string>> = { open: 'Open', 'in-progress': 'In progress', done: 'Done' };

export const STRATEGY_CHOICES: readonly (readonly [Strategy, string, string])[] = [
  ['balanced', 'Balanced', 'risk × weight ÷ √effort'],
  ['risk', 'Risk', 'the most harmful gaps first'],
  ['roi', 'Return on investment', 'risk × weight ÷ effort'],
];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** The download formats of the backlog routes (`?format=`): label and file extension (the server's file name wins when it sends one). */
export const EXPORTS: readonly (readonly [string, string, string])[] = [
  ['csv', 'CSV', 'csv'],
  ['jira', 'Jira import (CSV)', 'csv'],
  ['github', 'GitHub issues (JSON)', 'json'],
  ['md', 'Markdown', 'md'],
  ['json', 'JSON', 'json'],
  ['xlsx', 'Excel workbook (XLSX)', 'xlsx'],
];

export type BacklogLayout = 'board' | 'list';

/** What narrows the items; empty strings mean "any". */
export interface BacklogFilter {
  readonly team: string;
  readonly group: string;
  readonly status: BacklogStatus | '';
  readonly domain: string;
  readonly priority: string;
  readonly text: string;
}

export interface BacklogView {
  readonly strategy: Strategy;
  readonly layout: BacklogLayout;
  readonly filter: BacklogFilter;
}

export const NO_FILTER: BacklogFilter = { team: '', group: '', status: '', domain: '', priority: '', text: '' };

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** The view an address asks for (unknown values fall back to the defaults: balanced, board, no filter). */
export function viewFromQuery(query: URLSearchParams): BacklogView {
  const text = (key: string): string => query.get(key) ?? '';
  return {
    strategy: oneOf(query.get('strategy'), ['balanced', 'risk', 'roi'], 'balanced'),
    layout: oneOf(query.get('view'), ['board', 'list'], 'board'),
    filter: { team: text('team'), group: text('group'), status: oneOf(query.get('status'), [...STATUSES, ''], ''), domain: text('domain'), priority: oneOf(query.get('priority'), [...PRIORITIES, ''], ''), text: text('q') },
  };
}

/** The address of a view (defaults left out, so the plain address stays plain). */
export function hrefOfView(path: string, view: BacklogView): string {
  const { filter } = view;
  return pathWithQuery(path, {
    strategy: view.strategy === 'balanced' ? undefined : view.strategy,
    view: view.layout === 'board' ? undefined : view.layout,
    team: filter.team,
    group: filter.group,
    status: filter.status,
    domain: filter.domain,
    priority: filter.priority,
    q: filter.text,
  });
}

/** True when some filter narrows the items. */
export function isFiltered(filter: BacklogFilter): boolean {
  return Object.values(filter).some((value) => value !== '');
}

/** The items that pass every filter, in the API's order. The search matches every word in the title, key or description. */
export function filterItems(items: readonly BacklogEntry[], filter: BacklogFilter, teams: ReadonlyMap<string, TeamInfo>): BacklogEntry[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter((word) => word !== '');
  return items.filter(
    (item) =>
      (filter.team === '' || item.team === filter.team) &&
      (filter.group === '' || teams.get(item.team)?.group === filter.group) &&
      (filter.status === '' || item.status === filter.status) &&
      (filter.domain === '' || item.domain === filter.domain) &&
      (filter.priority === '' || item.priority === filter.priority) &&
      (words.length === 0 || matchesWords(item, words)),
  );
}

function matchesWords(item: BacklogEntry, words: readonly string[]): boolean {
  const text = `${item.title}\n${item.key}\n${item.description}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

/** The items of each status column, each in the API's order. */
export function columnsOf(items: readonly BacklogEntry[]): Record<BacklogStatus, BacklogEntry[]> {
  const columns: Record<BacklogStatus, BacklogEntry[]> = { open: [], 'in-progress': [], done: [] };
  for (const item of items) columns[item.status].push(item);
  return columns;
}

/**
 * The download address of a format. The server narrows downloads by team, group and status and
 * orders them by the strategy; the domain, priority and search filters apply on screen only.
 */
export function exportHref(format: string, view: BacklogView, fixedTeam: string | undefined): string {
  const { filter } = view;
  if (fixedTeam !== undefined) return pathWithQuery(`/api/v1/teams/${encodeURIComponent(fixedTeam)}/backlog`, { format, strategy: view.strategy, status: filter.status });
  return pathWithQuery('/api/v1/backlog', { format, strategy: view.strategy, team: filter.team, group: filter.group, status: filter.status });
}

/** The listing with one item's status and version replaced. */
export function withStatus(items: readonly BacklogEntry[], key: string, team: string, status: BacklogStatus, version: number): BacklogEntry[] {
  return items.map((item) => (item.key === key && item.team === team ? { ...item, status, statusVersion: version } : item));
}

export interface StatusChange {
  readonly item: BacklogEntry;
  readonly from: BacklogStatus | undefined;
  readonly to: BacklogStatus | undefined;
}

/** Items whose status differs between two listings, or that came or went. */
export function statusChanges(before: readonly BacklogEntry[], after: readonly BacklogEntry[]): StatusChange[] {
  const old = new Map(before.map((item) => [`${item.team}\n${item.key}`, item]));
  const changes: StatusChange[] = [];
  for (const item of after) {
    const previous = old.get(`${item.team}\n${item.key}`);
    old.delete(`${item.team}\n${item.key}`);
    if (previous === undefined || previous.status !== item.status || previous.statusVersion !== item.statusVersion) changes.push({ item, from: previous?.status, to: item.status });
  }
  for (const item of old.values()) changes.push({ item, from: item.status, to: undefined });
  return changes;
}

/** The column before or after `status` (undefined at either end). */
export function neighbourStatus(status: BacklogStatus, step: -1 | 1): BacklogStatus | undefined {
  return STATUSES[STATUSES.indexOf(status) + step];
}

/** The practice id of a dependency key (`team:practice`), for display when the item is not listed. */
export function practiceOfKey(key: string): string {
  const split = key.indexOf(':');
  return split === -1 ? key : key.slice(split + 1);
}
