import { ok } from '../../../../core/errors.js';
import type { Result } from '../../../../core/errors.js';
import type { ReportExporter } from '../../../../core/ports.js';
import type { ReportModel, ReportTeam } from '../../../../core/report/report-model.js';
import type { DomainScore } from '../../../../core/scoring/score-checkpoint.js';
import { jsonItem } from '../../backlog/json/index.js';

/** The report's data as JSON for dashboards and scripts: no charts, keys in a fixed order. */
export const jsonReportExporter: ReportExporter = {
  format: 'json',
  mediaType: 'application/json',
  extension: 'json',
  description: 'report data as JSON (scores, deltas, history, stale evidence, disagreements, backlog)',
  binary: false,
  charts: 'none',
  render: (report) => Promise.resolve(renderJson(report)),
};

function renderJson(report: ReportModel): Result<string> {
  const document = {
    organisation: report.organisation,
    asOf: report.asOf,
    generator: `stepwise ${report.toolVersion}`,
    model: {
      id: report.model.id,
      version: report.model.version,
      name: report.model.name,
      levels: report.model.levels.map(({ level, name }) => ({ level, name })),
      domains: report.model.domains.map(({ id, name }) => ({ id, name })),
    },
    distribution: report.distribution,
    due: report.due,
    teams: report.teams.map(teamDocument),
    backlog: report.backlog.map(jsonItem),
  };
  return ok(`${JSON.stringify(document, null, 2)}\n`);
}

function teamDocument(team: ReportTeam): Record<string, unknown> {
  return {
    team: team.team.id,
    name: team.team.name,
    group: team.team.group ?? null,
    date: team.checkpoint?.date ?? null,
    previousDate: team.previousDate,
    domains: team.domains.map((domain) => domainDocument(domain, team.previousLevels)),
    history: team.history,
    stale: team.stale,
    disagreements: team.disagreements,
    nextSteps: team.nextSteps.map((item) => item.key),
    due: { status: team.due.status, nextDue: team.due.nextDue, daysLeft: team.due.daysLeft },
  };
}

function domainDocument(domain: DomainScore, previous: ReportTeam['previousLevels']): Record<string, unknown> {
  const before = previous === null ? null : (previous[domain.domain] ?? null);
  return {
    domain: domain.domain,
    level: domain.level,
    progress: domain.progress,
    target: domain.target,
    gap: domain.gap,
    basis: domain.basis,
    incomplete: domain.incomplete > 0,
    previous: before,
    delta: before === null || domain.level === null ? null : domain.level - before,
    unknown: domain.unknown,
    stale: domain.stale,
    disagreements: domain.disagreements,
  };
}
