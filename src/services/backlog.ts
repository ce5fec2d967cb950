import { buildBacklog } from '../core/backlog/backlog.js';
import type { BacklogItem, NegativeFinding, TeamBacklogInput } from '../core/backlog/backlog.js';
import type { Strategy } from '../core/backlog/priority.js';
import type { IsoDate } from '../core/dates.js';
import { ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { BacklogExportContext } from '../core/ports.js';
import { latestScanFindings } from './scans.js';
import { currentStandings } from './scoring.js';
import type { Workspace } from './workspace.js';

export interface BacklogRequest {
  readonly strategy: Strategy;
  readonly team?: string;
  readonly today: IsoDate;
}

/** The prioritised backlog of the workspace (or one team) as of today, with negative scan findings on top. */
export async function workspaceBacklog(workspace: Workspace, request: BacklogRequest): Promise<Result<BacklogItem[]>> {
  const standings = currentStandings(workspace, request.today, request.team);
  if (!standings.ok) return standings;
  const inputs: TeamBacklogInput[] = [];
  for (const standing of standings.value) {
    const findings = await latestScanFindings(workspace.store, standing.team.id);
    if (!findings.ok) return findings;
    inputs.push({ team: standing.team.id, domains: standing.score.domains, evaluations: standing.evaluations, findings: findings.value satisfies readonly NegativeFinding[] });
  }
  const options = { strategy: request.strategy, domainWeights: workspace.organisation.domainWeights, staleCounts: workspace.organisation.staleCounts };
  return ok(buildBacklog(workspace.model, inputs, options));
}

/** Names that exporters show beside ids. */
export function exportContext(workspace: Workspace): BacklogExportContext {
  return {
    organisation: workspace.organisation.organisation,
    teamNames: new Map([...workspace.teams.values()].map((team) => [team.id, team.name])),
    domainNames: new Map(workspace.model.domains.map((domain) => [domain.id, domain.name])),
  };
}
