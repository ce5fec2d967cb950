import type { BacklogItem } from '../core/backlog/backlog.js';
import type { Strategy } from '../core/backlog/priority.js';
import type { IsoDate } from '../core/dates.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import { dueEntry } from '../core/history/cadence.js';
import type { Model } from '../core/model/model.js';
import type { Disagreement, HistoryPoint, LevelDistribution, ReportCharts, ReportModel, ReportTeam, StaleAnswer } from '../core/report/report-model.js';
import { answerEvidenceDate } from '../core/scoring/freshness.js';
import { compareText } from '../core/text-order.js';
import type { DomainScore, PracticeEvaluation } from '../core/scoring/score-checkpoint.js';
import { answerOf } from '../core/workspace/schema.js';
import type { Checkpoint, Team } from '../core/workspace/schema.js';
import { workspaceBacklog } from './backlog.js';
import { dueList } from './history.js';
import { selectTeams, standingOf } from './scoring.js';
import type { Workspace } from './workspace.js';

/** Days ahead of a due date within which a team counts as due soon in reports (as `stepwise due`). */
export const REPORT_DUE_WINDOW_DAYS = 30;
const NEXT_STEPS_PER_TEAM = 5;

export interface ReportRequest {
  readonly today: IsoDate;
  readonly strategy: Strategy;
  readonly toolVersion: string;
  /** Only this team (the organisation view still lists only it). */
  readonly team?: string;
  /** Only teams of this group. */
  readonly group?: string;
}

/** Renders the report's charts; given by the caller so that report data can be built without them (JSON). */
export type ChartPainter = (report: Omit<ReportModel, 'charts'>) => ReportCharts;

/** Everything a report shows, computed once for every report format. */
export async function buildReport(workspace: Workspace, request: ReportRequest, paint: ChartPainter = noCharts): Promise<Result<ReportModel>> {
  const teams = reportTeams(workspace, request);
  if (!teams.ok) return teams;
  const backlog = await workspaceBacklog(workspace, { strategy: request.strategy, today: request.today, ...(request.team === undefined ? {} : { team: request.team }) });
  if (!backlog.ok) return backlog;
  const included = new Set(teams.value.map((team) => team.id));
  const items = backlog.value.filter((item) => included.has(item.team));
  const itemsByTeam = groupByTeam(items);
  const reportedTeams = teams.value.map((team) => reportTeam(workspace, team, request.today, itemsByTeam.get(team.id) ?? []));
  const data = {
    organisation: workspace.organisation.organisation,
    asOf: request.today,
    toolVersion: request.toolVersion,
    model: workspace.model,
    teams: reportedTeams,
    backlog: items,
    due: dueList(workspace, request.today, REPORT_DUE_WINDOW_DAYS).filter((entry) => included.has(entry.team) && entry.status !== 'on-track'),
    distribution: levelDistribution(workspace.model, reportedTeams),
  };
  return ok({ ...data, charts: paint(data) });
}

function noCharts(): ReportCharts {
  return { heatmap: '', heatmapOrder: 'group', levelColors: [], teams: new Map() };
}

function reportTeams(workspace: Workspace, request: ReportRequest): Result<Team[]> {
  const selected = selectTeams(workspace, request.team);
  if (!selected.ok) return selected;
  const inGroup = request.group === undefined ? selected.value : selected.value.filter((team) => team.group === request.group);
  if (request.group !== undefined && inGroup.length === 0) {
    const groups = [...new Set([...workspace.teams.values()].map((team) => team.group).filter((group) => group !== undefined))].sort();
    return fail('not-found', `no team of group "${request.group}" (groups: ${groups.join(', ') || 'none'})`);
  }
  return ok(inGroup.sort(byGroupThenName));
}

function byGroupThenName(a: Team, b: Team): number {
  return compareText(a.group ?? '\uffff', b.group ?? '\uffff') || compareText(a.name, b.name) || compareText(a.id, b.id);
}

function groupByTeam(items: readonly BacklogItem[]): Map<string, BacklogItem[]> {
  const byTeam = new Map<string, BacklogItem[]>();
  for (const item of items) {
    const list = byTeam.get(item.team);
    if (list === undefined) byTeam.set(item.team, [item]);
    else if (list.length < NEXT_STEPS_PER_TEAM) list.push(item);
  }
  return byTeam;
}

/** `teamItems`: the team's first backlog items, in backlog order. */
function reportTeam(workspace: Workspace, team: Team, today: IsoDate, teamItems: readonly BacklogItem[]): ReportTeam {
  const checkpoints = workspace.checkpoints.get(team.id) ?? [];
  const latest = checkpoints.at(-1);
  const current = standingOf(workspace, team, latest, today);
  const history = checkpoints.map((checkpoint) => historyPoint(workspace, team, checkpoint));
  const previous = history.length >= 2 ? history[history.length - 2] : undefined;
  const cadence = team.cadence ?? workspace.organisation.defaultCadence;
  return {
    team,
    checkpoint: latest,
    domains: current.score.domains,
    previousLevels: previous?.levels ?? null,
    previousDate: previous?.date ?? null,
    history,
    stale: latest === undefined ? [] : staleAnswers(current.evaluations, latest),
    disagreements: latest === undefined ? [] : disagreements(current.evaluations, latest),
    nextSteps: teamItems,
    due: dueEntry(team.id, cadence, latest?.date ?? null, today, REPORT_DUE_WINDOW_DAYS),
  };
}

/** A checkpoint's levels judged as of its own date, so the past never changes. */
function historyPoint(workspace: Workspace, team: Team, checkpoint: Checkpoint): HistoryPoint {
  const standing = standingOf(workspace, team, checkpoint, checkpoint.date);
  return { date: checkpoint.date, levels: levelsOf(standing.score.domains) };
}

function levelsOf(domains: readonly DomainScore[]): Record<string, number | null> {
  return Object.fromEntries(domains.map((domain) => [domain.domain, domain.level]));
}

function allEvaluations(evaluations: ReadonlyMap<string, readonly PracticeEvaluation[]>): PracticeEvaluation[] {
  return [...evaluations.values()].flat();
}

function staleAnswers(evaluations: ReadonlyMap<string, readonly PracticeEvaluation[]>, checkpoint: Checkpoint): StaleAnswer[] {
  return allEvaluations(evaluations)
    .filter((evaluation) => evaluation.stale)
    .map(({ practice, status }) => ({
      practice: practice.id,
      domain: practice.domain,
      title: practice.title,
      status,
      evidenceDate: answerEvidenceDate(answerOf(checkpoint, practice.id), checkpoint.date),
      freshnessDays: practice.freshnessDays ?? 0,
    }));
}

function disagreements(evaluations: ReadonlyMap<string, readonly PracticeEvaluation[]>, checkpoint: Checkpoint): Disagreement[] {
  return allEvaluations(evaluations)
    .filter((evaluation) => evaluation.disagreement)
    .map(({ practice, status }) => ({
      practice: practice.id,
      domain: practice.domain,
      title: practice.title,
      ratings: answerOf(checkpoint, practice.id)?.ratings ?? {},
      resolved: status,
    }));
}

/** How many teams stand at each level of each domain (n/a and never-assessed counted apart). */
export function levelDistribution(model: Model, teams: readonly ReportTeam[]): LevelDistribution[] {
  const top = model.levels.at(-1)?.level ?? 0;
  return model.domains.map((domain) => {
    const atLevel = new Array<number>(top + 1).fill(0);
    let notApplicable = 0;
    let unassessed = 0;
    for (const team of teams) {
      const score = team.domains.find((candidate) => candidate.domain === domain.id);
      if (score === undefined || score.basis === 'unassessed') unassessed += 1;
      else if (score.level === null) notApplicable += 1;
      else atLevel[score.level] = (atLevel[score.level] ?? 0) + 1;
    }
    return { domain: domain.id, atLevel, notApplicable, unassessed };
  });
}
