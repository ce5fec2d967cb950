import type { BacklogItem } from '../backlog/backlog.js';
import type { IsoDate } from '../dates.js';
import type { DueEntry } from '../history/cadence.js';
import type { Model } from '../model/model.js';
import type { DomainScore } from '../scoring/score-checkpoint.js';
import type { AnswerStatus, Checkpoint, Team } from '../workspace/schema.js';

/**
 * Everything a report shows, computed once by the report service and handed to every report
 * exporter (HTML, Markdown, JSON, workbook). Exporters only lay it out; they compute nothing.
 */
export interface ReportModel {
  readonly organisation: string;
  /** The reference date of the current view (today, or `--date`). */
  readonly asOf: IsoDate;
  readonly toolVersion: string;
  readonly model: Model;
  /** Teams in report order: by group, then name. */
  readonly teams: readonly ReportTeam[];
  /** The prioritised backlog of every team in the report. */
  readonly backlog: readonly BacklogItem[];
  /** Teams due or overdue for reassessment, most urgent first (on-track teams left out). */
  readonly due: readonly DueEntry[];
  /** For each domain, how many teams stand at each level (and how many are n/a or unassessed). */
  readonly distribution: readonly LevelDistribution[];
  /** Charts rendered to SVG markup by the report service (escaped by the renderer). */
  readonly charts: ReportCharts;
}

export interface ReportTeam {
  readonly team: Team;
  /** The team's latest checkpoint as it was written; undefined when never assessed. */
  readonly checkpoint: Checkpoint | undefined;
  /** Scores of the latest checkpoint judged as of the report date (the current view). */
  readonly domains: readonly DomainScore[];
  /** Level of each domain at the checkpoint before the latest (judged as of its own date); null when there is none. */
  readonly previousLevels: Readonly<Record<string, number | null>> | null;
  readonly previousDate: IsoDate | null;
  /** Every checkpoint's levels, oldest first, each judged as of its own date. */
  readonly history: readonly HistoryPoint[];
  readonly stale: readonly StaleAnswer[];
  readonly disagreements: readonly Disagreement[];
  /** The first open backlog items of this team, in backlog order. */
  readonly nextSteps: readonly BacklogItem[];
  readonly due: DueEntry;
}

export interface HistoryPoint {
  readonly date: IsoDate;
  readonly levels: Readonly<Record<string, number | null>>;
}

export interface StaleAnswer {
  readonly practice: string;
  readonly domain: string;
  readonly title: string;
  readonly status: AnswerStatus;
  /** Newest evidence date (or the checkpoint date when the answer has no dated evidence). */
  readonly evidenceDate: IsoDate;
  readonly freshnessDays: number;
}

export interface Disagreement {
  readonly practice: string;
  readonly domain: string;
  readonly title: string;
  readonly ratings: Readonly<Record<string, AnswerStatus>>;
  /** The status that counts: the facilitator's decision or the median. */
  readonly resolved: AnswerStatus;
}

export interface LevelDistribution {
  readonly domain: string;
  /** Index = level; value = number of teams at that level. */
  readonly atLevel: readonly number[];
  readonly notApplicable: number;
  readonly unassessed: number;
}

export interface ReportCharts {
  readonly heatmap: string;
  /** The order the heatmap was asked for ('group', 'name' or 'level'). */
  readonly heatmapOrder: 'group' | 'name' | 'level';
  /** Fill colour of each level 0..top, so that tables and bars match the charts. */
  readonly levelColors: readonly string[];
  /** Team id → that team's charts. */
  readonly teams: ReadonlyMap<string, TeamCharts>;
}

/** Practices drawn in a team's disagreement map; the rest are listed as text under it. */
export const DISAGREEMENT_CHART_ROWS = 15;

export interface TeamCharts {
  readonly radar: string;
  readonly trend: string;
  /** Absent when the latest checkpoint has a single rater. */
  readonly disagreement?: string;
}
