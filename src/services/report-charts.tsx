import type { JSX } from 'preact';
import { DisagreementMap, Heatmap, Radar, Trend, levelPalette, renderSvg, standaloneSvg } from '../charts/index.js';
import type { HeatmapRow, RadarValues } from '../charts/index.js';
import type { ReportChart, ReportOrder } from '../core/ports.js';
import { teamCells } from '../core/report/cells.js';
import { DISAGREEMENT_CHART_ROWS } from '../core/report/report-model.js';
import type { ReportCharts, ReportModel, ReportTeam, TeamCharts } from '../core/report/report-model.js';
import type { ChartPainter } from './report.js';

type ReportData = Omit<ReportModel, 'charts'>;

/**
 * Every chart of the HTML report: the organisation heatmap and each team's radar, trend and
 * disagreement map. The page's heatmap is always drawn by group; the page's script applies `order`.
 */
export function paintCharts(order: ReportOrder): ChartPainter {
  return (report) => ({
    heatmap: renderSvg(heatmapChart(report, 'group')),
    heatmapOrder: order,
    levelColors: levelPalette(maxLevel(report)).map((swatch) => swatch.fill),
    teams: new Map(report.teams.map((team) => [team.team.id, teamCharts(report, team, renderSvg)])),
  });
}

export const paintAllCharts: ChartPainter = paintCharts('group');

/** Only the chart asked for, as a standalone SVG document (`stepwise report --format svg`). */
export function paintOneChart(chart: ReportChart, teamId: string | undefined, order: ReportOrder = 'group'): ChartPainter {
  return (report): ReportCharts => {
    const empty = { heatmap: '', heatmapOrder: order, levelColors: [], teams: new Map<string, TeamCharts>() };
    if (chart === 'heatmap') return { ...empty, heatmap: standaloneSvg(heatmapChart(report, order)) };
    const team = report.teams.find((candidate) => candidate.team.id === teamId);
    if (team === undefined) return empty;
    return { ...empty, teams: new Map([[team.team.id, teamCharts(report, team, standaloneSvg)]]) };
  };
}

function maxLevel(report: ReportData): number {
  return report.model.levels.at(-1)?.level ?? 0;
}

function domainAxes(report: ReportData): { id: string; label: string }[] {
  return report.model.domains.map((domain) => ({ id: domain.id, label: domain.name }));
}

function heatmapChart(report: ReportData, order: ReportOrder): JSX.Element {
  const rows: HeatmapRow[] = report.teams.map((team) => ({
    id: team.team.id,
    label: team.team.name,
    group: team.team.group,
    cells: teamCells(team).map((cell) => ({ column: cell.domain, level: cell.level, state: cell.state, target: cell.target, delta: cell.delta })),
  }));
  const grouped = order === 'group' && report.teams.some((team) => team.team.group !== undefined);
  return (
    <Heatmap
      columns={domainAxes(report)}
      rows={rows}
      maxLevel={maxLevel(report)}
      groupBy={grouped}
      sort={order === 'group' ? 'as-given' : order}
      levelLabels={report.model.levels.map((level) => level.name)}
      idPrefix="org-heatmap"
    />
  );
}

function teamCharts(report: ReportData, team: ReportTeam, render: (node: JSX.Element) => string): TeamCharts {
  const radar = render(radarChart(report, team));
  const trend = render(
    <Trend series={domainAxes(report)} checkpoints={team.history} maxLevel={maxLevel(report)} title={`${team.team.name}: level per domain over time`} emptyMessage="Not assessed yet" />,
  );
  if (team.disagreements.length === 0) return { radar, trend };
  const domainLabels = Object.fromEntries(report.model.domains.map((domain) => [domain.id, domain.name]));
  const disagreement = render(<DisagreementMap rows={team.disagreements.slice(0, DISAGREEMENT_CHART_ROWS)} domainLabels={domainLabels} title={`${team.team.name}: where raters disagree`} />);
  return { radar, trend, disagreement };
}

function radarChart(report: ReportData, team: ReportTeam): JSX.Element {
  const current: Record<string, number | null> = {};
  const target: Record<string, number | null> = {};
  for (const cell of teamCells(team)) {
    if (cell.state !== 'unassessed') current[cell.domain] = cell.level;
    if (cell.target !== null) target[cell.domain] = cell.target;
  }
  const previous: RadarValues | undefined = team.previousLevels ?? undefined;
  return (
    <Radar
      axes={domainAxes(report)}
      current={current}
      target={target}
      {...(previous === undefined ? {} : { previous })}
      maxLevel={maxLevel(report)}
      title={`${team.team.name}: current level, target and previous checkpoint`}
      seriesLabels={{ current: `Now (${team.checkpoint?.date ?? 'not assessed'})`, previous: `Previous (${team.previousDate ?? '—'})` }}
    />
  );
}
