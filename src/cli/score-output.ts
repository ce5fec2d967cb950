import type { Model } from '../core/model/model.js';
import type { DomainScore } from '../core/scoring/score-checkpoint.js';
import type { TeamStanding } from '../services/scoring.js';
import type { Output } from './context.js';
import { domainLabels } from './domain-labels.js';
import { renderTable } from './table.js';

/** The `stepwise score --json` document of PRODUCT.md §7. */
export function scoreJson(standings: readonly TeamStanding[]): unknown {
  return {
    teams: standings.map((standing) => ({
      team: standing.team.id,
      name: standing.team.name,
      group: standing.team.group ?? null,
      date: standing.checkpoint?.date ?? null,
      model: standing.checkpoint?.model ?? null,
      domains: standing.score.domains,
    })),
  };
}

/** A cell: level/target with marks for what needs attention. */
export function scoreCell(domain: DomainScore): string {
  if (!domain.applicable) return 'n/a';
  if (domain.basis === 'unassessed') return '?';
  let cell = `${domain.level ?? '-'}`;
  if (domain.target !== null) cell += `/${domain.target}`;
  if (domain.basis === 'self-rated') cell += 's';
  if (domain.incomplete > 0) cell += '?';
  if (domain.stale > 0) cell += '~';
  if (domain.disagreements > 0) cell += '≠';
  if (domain.mismatch) cell += '!';
  return cell;
}

export const SCORE_LEGEND =
  'cells: level/target · s self-rated (quick mode) · ? unknown answers at the level being tested · ~ stale evidence · ≠ raters disagree · ! self-rating differs from derived level · n/a not applicable';

/** Teams × domains matrix. */
export function scoreMatrix(output: Output, model: Model, standings: readonly TeamStanding[]): string {
  const labels = domainLabels(model.domains);
  const headers = ['team', 'date', ...model.domains.map((domain) => labels.get(domain.id) ?? domain.id)];
  const rows = standings.map((standing) => [standing.team.id, standing.checkpoint?.date ?? 'never', ...standing.score.domains.map(scoreCell)]);
  const legend = model.domains.map((domain) => `${labels.get(domain.id) ?? domain.id} ${domain.name}`).join(' · ');
  return `${renderTable(output, headers, rows)}${legend}\n${SCORE_LEGEND}\n`;
}

/** One team, a row per domain with every figure. */
export function teamDetail(output: Output, model: Model, standing: TeamStanding): string {
  const names = new Map(model.domains.map((domain) => [domain.id, domain.name]));
  const headers = ['domain', 'level', 'progress', 'target', 'gap', 'unknown', 'stale', 'disagree', 'level spread', 'self-rated'];
  const rows = standing.score.domains.map((domain) => [
    names.get(domain.domain) ?? domain.domain,
    levelText(domain),
    domain.progress === null ? '-' : domain.progress.toFixed(2),
    domain.target === null ? '-' : String(domain.target),
    domain.gap === null ? '-' : String(domain.gap),
    String(domain.unknown),
    String(domain.stale),
    String(domain.disagreements),
    String(domain.levelSpread),
    domain.selfRated === null ? '-' : `${domain.selfRated}${domain.mismatch ? ' (differs)' : ''}`,
  ]);
  const title = `${standing.team.name} (${standing.team.id}) — checkpoint ${standing.checkpoint?.date ?? 'none yet'}\n`;
  return title + renderTable(output, headers, rows);
}

function levelText(domain: DomainScore): string {
  if (!domain.applicable) return 'n/a';
  if (domain.basis === 'unassessed') return `${domain.level ?? 0} (not assessed)`;
  if (domain.basis === 'self-rated') return `${domain.level ?? 0} (self-rated)`;
  return domain.incomplete > 0 ? `${domain.level ?? 0} (incomplete: ${domain.incomplete} unknown)` : String(domain.level ?? 0);
}
