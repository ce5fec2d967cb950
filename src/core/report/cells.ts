import type { DomainScore } from '../scoring/score-checkpoint.js';
import type { ReportTeam } from './report-model.js';

/** How a heatmap cell reads: a level, not applicable, never assessed, or a level that may rise once open answers come in. */
export type CellState = 'scored' | 'not-applicable' | 'unassessed' | 'incomplete';

/** One team × domain cell as every report format shows it. */
export interface LevelCell {
  readonly domain: string;
  readonly level: number | null;
  readonly state: CellState;
  readonly target: number | null;
  /** Change of the level shown against the previous checkpoint; null when there is nothing to compare. */
  readonly delta: number | null;
  /** null when there is no target or no level. */
  readonly meetsTarget: boolean | null;
}

/** The cell of one domain score; `previous` holds the levels of the checkpoint before. */
export function levelCell(score: DomainScore, previous: Readonly<Record<string, number | null>> | null): LevelCell {
  const before = previous === null || !Object.hasOwn(previous, score.domain) ? null : (previous[score.domain] ?? null);
  return {
    domain: score.domain,
    level: score.basis === 'unassessed' ? null : score.level,
    state: cellState(score),
    target: score.target,
    delta: before === null || score.level === null || score.basis === 'unassessed' ? null : score.level - before,
    meetsTarget: score.target === null || score.level === null || score.basis === 'unassessed' ? null : score.level >= score.target,
  };
}

function cellState(score: DomainScore): CellState {
  if (score.basis === 'unassessed') return 'unassessed';
  if (score.level === null) return 'not-applicable';
  return score.incomplete > 0 ? 'incomplete' : 'scored';
}

/** A team's cells in model domain order. */
export function teamCells(team: ReportTeam): LevelCell[] {
  return team.domains.map((score) => levelCell(score, team.previousLevels));
}
