import { daysBetween } from '../../core/dates.js';
import type { IsoDate } from '../../core/dates.js';
import { dueEntry, sortByUrgency } from '../../core/history/cadence.js';
import type { DueEntry } from '../../core/history/cadence.js';
import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { ReportChart, ReportExporter, ReportOrder } from '../../core/ports.js';
import type { Disagreement, ReportTeam } from '../../core/report/report-model.js';
import type { Strategy } from '../../core/backlog/priority.js';
import type { DomainScore } from '../../core/scoring/score-checkpoint.js';
import type { Cadence, Team } from '../../core/workspace/schema.js';
import type { Persistence } from '../../core/persistence/port.js';
import type { TeamRecord } from '../../core/persistence/records.js';
import { buildReport } from '../report.js';
import { renderReport } from '../report-output.js';
import { standingOf } from '../scoring.js';
import type { Workspace } from '../workspace.js';
import type { ModelSource } from './models.js';
import { mergeStatuses } from './org-backlog.js';
import type { BacklogEntry } from './org-backlog.js';
import { CELL_FIELDS, currentTeamScores, teamScoresOn } from './scores.js';
import type { TeamScores } from './scores.js';
import { changeStamp, memoKey, recall, remember } from './views-memo.js';
import { isoDay, openView, selectReadableTeams, viewWorkspace } from './views-workspace.js';
import type { ReadableTeams, TeamSelection, ViewContext } from './views-workspace.js';

/**
 * The read views of the server: heatmap, team summary, due list and report downloads. Each one
 * covers only the teams the caller may read, and computes with the services the CLI uses.
 */

export interface HeatmapView {
  readonly date: IsoDate;
  readonly domains: readonly { readonly id: string; readonly name: string }[];
  readonly levels: readonly { readonly level: number; readonly name: string }[];
  readonly cellFields: typeof CELL_FIELDS;
  readonly teams: readonly HeatmapRow[];
}

export interface HeatmapRow {
  readonly id: string;
  readonly name: string;
  readonly group: string | null;
  /** Date of the latest final checkpoint counted; null when never assessed. */
  readonly date: IsoDate | null;
  readonly previousDate: IsoDate | null;
  /** `ScoreCell[]` as JSON text (see services/org/scores). */
  readonly cellsJson: string;
}

export interface HeatmapQuery {
  readonly group?: string | undefined;
  readonly date?: IsoDate | undefined;
}

/**
 * Teams × domains for the readable teams, by group then name. Today's view comes from the score
 * cache; a past `date` is computed from the latest final checkpoint on or before it.
 */
export async function heatmapView(view: ViewContext, readable: ReadableTeams, query: HeatmapQuery): Promise<HeatmapView> {
  const selected = await selectReadableTeams(view.store, readable, { group: query.group });
  const teams = selected.ok ? selected.value : [];
  const date = query.date ?? view.today;
  const scores =
    date === view.today
      ? await currentTeamScores(view.store, view.model, view.settings, teams, date, readable === 'all' && query.group === undefined)
      : await teamScoresOn(view.store, view.model, view.settings, teams, date);
  return {
    date,
    domains: view.model.domains.map((domain) => ({ id: domain.id, name: domain.name })),
    levels: view.model.levels.map((level) => ({ level: level.level, name: level.name })),
    cellFields: CELL_FIELDS,
    teams: teams.map((team) => heatmapRow(team, scores.get(team.id))),
  };
}

function heatmapRow(team: TeamRecord, scores: TeamScores | undefined): HeatmapRow {
  return { id: team.id, name: team.name, group: team.group, date: scores?.date ?? null, previousDate: scores?.previousDate ?? null, cellsJson: scores?.cellsJson ?? '[]' };
}

/** The heatmap as UTF-8 JSON, from the process memo when nothing changed since it was built (services/org/views-memo). */
export async function heatmapBytes(store: Persistence, models: ModelSource, readable: ReadableTeams, query: HeatmapQuery, now: Date): Promise<Uint8Array> {
  const stamp = await changeStamp(store);
  const key = memoKey('heatmap', readable, query.group ?? '', query.date ?? isoDay(now));
  const remembered = recall(store, key, stamp, now.getTime());
  if (remembered !== undefined) return remembered;
  const bytes = new TextEncoder().encode(heatmapJson(await heatmapView(await openView(store, models, now), readable, query)));
  remember(store, key, stamp, now.getTime(), bytes);
  return bytes;
}

/**
 * The heatmap as JSON text, `teams[].cells` spliced in from the cache unparsed (a 2,000-team
 * heatmap has 20,000 cells: building and serialising them as objects would dominate the request).
 */
export function heatmapJson(view: HeatmapView): string {
  const head = JSON.stringify({ date: view.date, domains: view.domains, levels: view.levels, cellFields: view.cellFields });
  const rows = view.teams.map(
    (row) =>
      `{"id":${JSON.stringify(row.id)},"name":${JSON.stringify(row.name)},"group":${JSON.stringify(row.group)},"date":${JSON.stringify(row.date)},"previousDate":${JSON.stringify(row.previousDate)},"cells":${row.cellsJson}}`,
  );
  return `${head.slice(0, -1)},"teams":[${rows.join(',')}]}`;
}

export interface DueRow extends DueEntry {
  readonly name: string;
  readonly group: string | null;
}

/** Readable teams due within `windowDays`, overdue or never assessed, most urgent first (services/history `dueList` rules). */
export async function dueView(view: ViewContext, readable: ReadableTeams, windowDays: number): Promise<{ asOf: IsoDate; windowDays: number; teams: DueRow[] }> {
  const selected = await selectReadableTeams(view.store, readable, {});
  const teams = selected.ok ? selected.value : [];
  // The score cache already knows each team's latest final checkpoint: no checkpoint is read here.
  const scores = await currentTeamScores(view.store, view.model, view.settings, teams, view.today, readable === 'all');
  const byId = new Map(teams.map((team) => [team.id, team]));
  const entries = teams.map((team) => dueEntry(team.id, (team.cadence ?? view.settings.defaultCadence) as Cadence, scores.get(team.id)?.date ?? null, view.today, windowDays));
  const due = sortByUrgency(entries).filter((entry) => entry.status !== 'on-track');
  return { asOf: view.today, windowDays, teams: due.map((entry) => ({ ...entry, name: byId.get(entry.team)?.name ?? entry.team, group: byId.get(entry.team)?.group ?? null })) };
}

export interface TeamSummary {
  readonly team: { readonly id: string; readonly name: string; readonly group: string | null; readonly cadence: string; readonly version: number };
  readonly asOf: IsoDate;
  /** The latest final checkpoint's date; null when never assessed. */
  readonly date: IsoDate | null;
  readonly previousDate: IsoDate | null;
  readonly domains: readonly { readonly id: string; readonly name: string }[];
  readonly scores: readonly DomainScore[];
  readonly radar: readonly { readonly domain: string; readonly current: number | null; readonly target: number | null; readonly previous: number | null }[];
  readonly trend: readonly { readonly date: IsoDate; readonly levels: readonly (number | null)[] }[];
  readonly gaps: readonly { readonly domain: string; readonly level: number; readonly target: number; readonly gap: number }[];
  readonly stale: readonly StaleRow[];
  readonly disagreements: readonly Disagreement[];
  readonly nextSteps: readonly BacklogEntry[];
  readonly due: DueEntry;
}

interface StaleRow {
  readonly practice: string;
  readonly domain: string;
  readonly title: string;
  readonly status: string;
  readonly evidenceDate: IsoDate;
  readonly ageDays: number;
  readonly freshnessDays: number;
}

const NEXT_STEPS = 5;

/** One team's page: radar, trend, gaps, stale evidence, disagreements, next steps and due date, from `buildReport`. */
export async function teamSummary(view: ViewContext, team: TeamRecord, toolVersion: string): Promise<Result<TeamSummary>> {
  const workspace = await viewWorkspace(view, [team], 'all');
  const report = await buildReport(workspace, { today: view.today, strategy: 'balanced', toolVersion, team: team.id });
  if (!report.ok) return report;
  const reported = report.value.teams[0];
  if (reported === undefined) return fail('not-found', `no team "${team.id}"`);
  const statuses = await view.store.backlogStatuses([team.id]);
  const nextSteps = mergeStatuses(report.value.backlog, statuses).filter((item) => item.status !== 'done').slice(0, NEXT_STEPS);
  return ok(summaryOf(view, team, reported, assessedDomains(workspace, reported.team), nextSteps));
}

/**
 * The domains each checkpoint (oldest first) assessed. The report's history gives a domain that
 * was never answered level 0; the API shows no level there instead (PRODUCT.md §2: never 0).
 */
function assessedDomains(workspace: Workspace, team: Team): ReadonlySet<string>[] {
  return (workspace.checkpoints.get(team.id) ?? []).map((checkpoint) => {
    const domains = standingOf(workspace, team, checkpoint, checkpoint.date).score.domains;
    return new Set(domains.filter((domain) => domain.basis !== 'unassessed').map((domain) => domain.domain));
  });
}

function summaryOf(view: ViewContext, team: TeamRecord, reported: ReportTeam, assessed: readonly ReadonlySet<string>[], nextSteps: BacklogEntry[]): TeamSummary {
  const domainIds = view.model.domains.map((domain) => domain.id);
  const levelIn = (levels: Readonly<Record<string, number | null>> | null, index: number, domain: string): number | null =>
    levels !== null && assessed[index]?.has(domain) === true ? (levels[domain] ?? null) : null;
  return {
    team: teamHeader(view, team),
    asOf: view.today,
    date: reported.checkpoint?.date ?? null,
    previousDate: reported.previousDate,
    domains: view.model.domains.map((domain) => ({ id: domain.id, name: domain.name })),
    scores: reported.domains,
    radar: reported.domains.map((domain) => ({
      domain: domain.domain,
      current: shownLevel(domain),
      target: domain.target,
      previous: levelIn(reported.previousLevels, assessed.length - 2, domain.domain),
    })),
    trend: reported.history.map((point, index) => ({ date: point.date, levels: domainIds.map((domain) => levelIn(point.levels, index, domain)) })),
    gaps: gapsOf(reported.domains),
    stale: reported.stale.map((answer) => ({ ...answer, ageDays: daysBetween(answer.evidenceDate, view.today) })),
    disagreements: reported.disagreements,
    nextSteps,
    due: reported.due,
  };
}

function teamHeader(view: ViewContext, team: TeamRecord): TeamSummary['team'] {
  return { id: team.id, name: team.name, group: team.group, cadence: team.cadence ?? view.settings.defaultCadence, version: team.version };
}

/** A level to draw: none for a domain never assessed (never 0) or not applicable. */
function shownLevel(domain: DomainScore): number | null {
  return domain.basis === 'unassessed' ? null : domain.level;
}

/** Domains below target, largest gap first (model order among equals). */
function gapsOf(domains: readonly DomainScore[]): TeamSummary['gaps'] {
  const gaps = domains.flatMap((domain) =>
    domain.basis !== 'unassessed' && domain.level !== null && domain.target !== null && domain.gap !== null && domain.gap > 0
      ? [{ domain: domain.domain, level: domain.level, target: domain.target, gap: domain.gap }]
      : [],
  );
  return gaps.sort((a, b) => b.gap - a.gap);
}

export interface ReportDownloadRequest extends TeamSelection {
  readonly strategy: Strategy;
  readonly chart?: ReportChart | undefined;
  readonly order?: ReportOrder | undefined;
  readonly toolVersion: string;
}

/** A report (any registered format) of the readable teams, narrowed to a team or group. */
export async function renderOrgReport(view: ViewContext, readable: ReadableTeams, exporter: ReportExporter, request: ReportDownloadRequest): Promise<Result<string | Uint8Array>> {
  const teams = await selectReadableTeams(view.store, readable, request);
  if (!teams.ok) return teams;
  const workspace = await viewWorkspace(view, teams.value, 'all');
  return renderReport(workspace, exporter, {
    today: view.today,
    strategy: request.strategy,
    toolVersion: request.toolVersion,
    ...(request.team === undefined ? {} : { team: request.team }),
    ...(request.chart === undefined ? {} : { chart: request.chart }),
    ...(request.order === undefined ? {} : { order: request.order }),
  });
}
