/**
 * What the dashboard asks the server for: the heatmap of one group (or all) as of a date (or today),
 * and report downloads narrowed by the same group. The group and date live in the address
 * (`/?group=Retail&date=2026-01-31`), so a past view can be bookmarked or sent to someone.
 */

/** A path with the non-empty values as its query (the router's helper touches `window`, which pure tests have not). */
function pathWithQuery(path: string, query: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== '')).toString();
  return search === '' ? path : `${path}?${search}`;
}

/** The server-side narrowing of the dashboard: empty strings mean "all groups" and "today". */
export interface DashboardScope {
  readonly group: string;
  readonly date: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The scope in the address bar's query; a malformed date is ignored rather than sent. */
export function scopeFromQuery(query: URLSearchParams): DashboardScope {
  const date = query.get('date') ?? '';
  return { group: query.get('group') ?? '', date: ISO_DATE.test(date) ? date : '' };
}

/** The dashboard's own address for a scope. */
export function dashboardHref(scope: DashboardScope): string {
  return pathWithQuery('/', { group: scope.group, date: scope.date });
}

/** GET /api/v1/heatmap with the scope. */
export function heatmapPath(scope: DashboardScope): string {
  return pathWithQuery('/api/v1/heatmap', { group: scope.group, date: scope.date });
}

/** The report formats offered for download: API format, label, file extension. */
export const REPORT_FORMATS: readonly (readonly [format: string, label: string, extension: string])[] = [
  ['html', 'HTML (one self-contained page)', 'html'],
  ['md', 'Markdown', 'md'],
  ['xlsx', 'Excel workbook (XLSX)', 'xlsx'],
];

/** GET /api/v1/reports/:format narrowed by the scope's group (reports are always as of today). */
export function reportPath(format: string, scope: DashboardScope): string {
  return pathWithQuery(`/api/v1/reports/${encodeURIComponent(format)}`, { group: scope.group });
}

/** The file name a report is saved under. */
export function reportFileName(extension: string, scope: DashboardScope, today: string): string {
  const slug = scope.group.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `stepwise-report${slug === '' ? '' : `-${slug}`}-${today}.${extension}`;
}

/** The distinct non-empty groups of some teams, sorted for a select. */
export function groupsOf(teams: readonly { readonly group: string | null }[]): string[] {
  const groups = new Set<string>();
  for (const team of teams) if (team.group !== null && team.group !== '') groups.add(team.group);
  return [...groups].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1));
}

/** Today in the browser's calendar as YYYY-MM-DD (the most recent date the picker offers). */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
