/**
 * The team page's reading of the API answers: chart inputs, table rows and the texts that say what a
 * level means. Pure functions, so the rules (never show "not assessed" as 0, n/a as "n/a") are tested
 * without a browser.
 */
import type { RadarValues, TrendCheckpoint } from '../../../src/charts/index.js';
import type { CellState } from '../../../src/charts/palette.js';
import type { DueEntry } from '../../../src/core/history/cadence.js';
import type { DomainScore } from '../../../src/core/scoring/score-checkpoint.js';
import type { CheckpointListEntry, CompareBody, ModelBody, TeamSummary } from './types.js';

/** Levels 0..3 of the built-in model: the scale used until the organisation's model is known. */
export const DEFAULT_MAX_LEVEL = 3;

/** Top level of the model; without it, the highest level or target the summary shows (at least 3). */
export function maxLevelOf(model: ModelBody | undefined, summary: TeamSummary): number {
  if (model !== undefined && model.levels.length > 0) return Math.max(...model.levels.map((level) => level.level));
  const seen = summary.scores.flatMap((score) => [score.level ?? 0, score.target ?? 0]);
  return Math.max(DEFAULT_MAX_LEVEL, ...seen);
}

/** Domain id → name, from the summary. */
export function domainNames(summary: Pick<TeamSummary, 'domains'>): ReadonlyMap<string, string> {
  return new Map(summary.domains.map((domain) => [domain.id, domain.name] as const));
}

/** The team has at least one final checkpoint. */
export function isAssessed(summary: TeamSummary): boolean {
  return summary.date !== null;
}

export interface RadarSeries {
  readonly current: RadarValues;
  readonly target: RadarValues;
  readonly previous: RadarValues;
}

/** Radar values: a domain never assessed is left out (a gap, not a 0); a not-applicable one is null. */
export function radarSeries(summary: TeamSummary): RadarSeries {
  const scores = new Map(summary.scores.map((score) => [score.domain, score] as const));
  const current: Record<string, number | null> = {};
  const target: Record<string, number | null> = {};
  const previous: Record<string, number | null> = {};
  for (const entry of summary.radar) {
    const score = scores.get(entry.domain);
    if (score !== undefined && score.basis !== 'unassessed') current[entry.domain] = score.applicable ? entry.current : null;
    if (entry.target !== null) target[entry.domain] = entry.target;
    if (entry.previous !== null) previous[entry.domain] = entry.previous;
  }
  return { current, target, previous };
}

/** The trend's checkpoints keyed by domain id (the API sends levels in domain order). */
export function trendCheckpoints(summary: TeamSummary): TrendCheckpoint[] {
  return summary.trend.map((point) => ({
    date: point.date,
    levels: Object.fromEntries(summary.domains.map((domain, index) => [domain.id, point.levels[index] ?? null] as const)),
  }));
}

/** How a domain's level is to be drawn. */
export function cellStateOfScore(score: DomainScore): CellState {
  if (score.basis === 'unassessed') return 'unassessed';
  if (!score.applicable || score.level === null) return 'not-applicable';
  return score.incomplete > 0 ? 'incomplete' : 'scored';
}

/** A level in words for tables and screen readers: never "0" for a domain nobody assessed. */
export function levelText(score: Pick<DomainScore, 'basis' | 'applicable' | 'level' | 'incomplete'>): string {
  if (score.basis === 'unassessed') return 'not assessed';
  if (!score.applicable || score.level === null) return 'n/a';
  return score.incomplete > 0 ? `${score.level} (incomplete)` : String(score.level);
}

/** Progress towards the next level, e.g. "1.5"; a dash when there is no level to progress from. */
export function progressText(score: DomainScore): string {
  if (score.basis === 'unassessed' || !score.applicable || score.progress === null) return '—';
  return formatNumber(score.progress);
}

/** Up to two decimals, without trailing zeros: 1.5, 0.75, 2. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Gap to target as shown: a dash when there is none to close (or nothing to measure it against). */
export function gapText(score: DomainScore): string {
  if (score.basis === 'unassessed' || score.gap === null) return '—';
  return score.gap > 0 ? String(score.gap) : 'met';
}

export interface Flag {
  readonly kind: 'incomplete' | 'stale' | 'disagreement' | 'mismatch' | 'self-rated';
  readonly text: string;
}

/** Marks a domain carries, as words (colour is never the only signal). */
export function domainFlags(score: DomainScore): Flag[] {
  const flags: Flag[] = [];
  if (score.basis !== 'unassessed' && score.incomplete > 0) flags.push({ kind: 'incomplete', text: `incomplete: ${plural(score.incomplete, 'answer')} missing` });
  if (score.stale > 0) flags.push({ kind: 'stale', text: plural(score.stale, 'stale answer') });
  if (score.disagreements > 0) flags.push({ kind: 'disagreement', text: `raters disagree on ${plural(score.disagreements, 'practice')}` });
  if (score.basis === 'self-rated') flags.push({ kind: 'self-rated', text: 'self-rated' });
  if (score.mismatch && score.selfRated !== null) flags.push({ kind: 'mismatch', text: `self-rated ${score.selfRated} differs` });
  return flags;
}

/** "1 answer", "3 answers". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The reassessment line of the header. */
export function dueText(due: DueEntry): string {
  if (due.status === 'never-assessed' || due.nextDue === null || due.daysLeft === null) return 'not assessed yet';
  if (due.daysLeft < 0) return `${due.nextDue} (${plural(-due.daysLeft, 'day')} overdue)`;
  if (due.daysLeft === 0) return `${due.nextDue} (today)`;
  return `${due.nextDue} (in ${plural(due.daysLeft, 'day')})`;
}

export const DUE_LABELS: Readonly<Record<DueEntry['status'], string>> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  'never-assessed': 'Never assessed',
  'on-track': 'On track',
};

/** The newest checkpoint still being assessed (not final), if any. */
export function openCheckpoint(checkpoints: readonly CheckpointListEntry[]): CheckpointListEntry | undefined {
  return checkpoints.filter((checkpoint) => checkpoint.state !== 'final').at(-1);
}

/** The pair compared first: the two newest final checkpoints, else the two newest of any state. */
export function defaultPair(checkpoints: readonly CheckpointListEntry[]): { from: string; to: string } | undefined {
  const finals = checkpoints.filter((checkpoint) => checkpoint.state === 'final');
  const pool = finals.length >= 2 ? finals : checkpoints;
  const to = pool.at(-1);
  const from = pool.at(-2);
  return from === undefined || to === undefined ? undefined : { from: from.id, to: to.id };
}

/** "+1", "−1", "0", or "—" when either side has no level. */
export function deltaText(delta: number | null): string {
  if (delta === null) return '—';
  if (delta > 0) return `+${formatNumber(delta)}`;
  return delta < 0 ? `−${formatNumber(-delta)}` : '0';
}

/** A compared level: "n/a" when the domain did not apply. */
export function comparedLevel(level: number | null): string {
  return level === null ? 'n/a' : String(level);
}

/** Domains whose level changed, then the rest, each in model order. */
export function changedFirst(domains: CompareBody['domains']): CompareBody['domains'] {
  return [...domains.filter((domain) => domain.delta !== 0), ...domains.filter((domain) => domain.delta === 0)];
}

/** Practice id → title, from the model (the id itself when the model is not loaded). */
export function practiceTitles(model: ModelBody | undefined): (id: string) => string {
  const titles = new Map((model?.practices ?? []).map((practice) => [practice.id, practice.title] as const));
  return (id) => titles.get(id) ?? id;
}

/** Raters and their ratings, sorted by rater: "amira: implemented, chloe: partial". */
export function ratingsText(ratings: Readonly<Record<string, string>>): string {
  return Object.entries(ratings)
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([rater, status]) => `${rater}: ${status}`)
    .join(', ');
}
