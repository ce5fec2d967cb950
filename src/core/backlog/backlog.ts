import type { Mappings } from '../model/schema.js';
import type { Model, Practice } from '../model/model.js';
import type { DomainScore, PracticeEvaluation } from '../scoring/score-checkpoint.js';
import { practiceCredit } from '../scoring/domain-level.js';
import { domainWeight } from '../scoring/targets.js';
import { compareText } from '../text-order.js';
import { orderWithConstraints } from './order.js';
import { effortSize, priorityLabel, strategyScore } from './priority.js';
import type { EffortSize, PriorityLabel, Strategy } from './priority.js';

export type BacklogSource = 'gap' | 'finding';
export type BacklogStatus = 'open' | 'in-progress' | 'done';
/** Why a practice is on the backlog. */
export type GapReason = 'missing' | 'partial' | 'stale' | 'unassessed';

export interface BacklogItem {
  readonly key: string;
  readonly team: string;
  readonly practice: string | null;
  readonly domain: string;
  readonly level: number;
  readonly title: string;
  readonly description: string;
  readonly acceptance: readonly string[];
  readonly priority: PriorityLabel;
  readonly score: number;
  readonly effort: EffortSize;
  readonly dependsOn: readonly string[];
  readonly mappings: Mappings;
  readonly source: BacklogSource;
  readonly reason: GapReason | 'finding';
  readonly status: BacklogStatus;
}

/** A negative scan finding (a committed secret, an injectable workflow): always top priority. */
export interface NegativeFinding {
  readonly detector: string;
  readonly domain: string;
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** What the backlog needs to know about one team. */
export interface TeamBacklogInput {
  readonly team: string;
  readonly domains: readonly DomainScore[];
  readonly evaluations: ReadonlyMap<string, readonly PracticeEvaluation[]>;
  readonly findings: readonly NegativeFinding[];
}

export interface BacklogOptions {
  readonly strategy: Strategy;
  readonly domainWeights: Readonly<Record<string, number>>;
  readonly staleCounts: boolean;
}

/** A finding outranks any gap: its score sits above every risk × weight a default model reaches. */
export const FINDING_SCORE = 10;

interface Draft extends BacklogItem {
  readonly after: readonly string[];
  readonly rawScore: number;
}

/** The prioritised backlog of one or many teams (PRODUCT.md §2, Prioritisation and Backlog item). */
export function buildBacklog(model: Model, teams: readonly TeamBacklogInput[], options: BacklogOptions): BacklogItem[] {
  const drafts = teams.flatMap((team) => [...findingDrafts(model, team), ...gapDrafts(model, team, options)]);
  return orderWithConstraints(drafts, compareDrafts).map(({ after: _after, rawScore: _rawScore, ...item }) => item);
}

/** Stable key of a gap item. */
export function practiceItemKey(team: string, practiceId: string): string {
  return `${team}:${practiceId}`;
}

/** Stable key of a finding item: team, detector, file and line. */
export function findingItemKey(team: string, finding: NegativeFinding): string {
  return `${team}:finding:${finding.detector}:${finding.file}:${finding.line ?? 0}`;
}

function compareDrafts(a: Draft, b: Draft): number {
  if (a.source !== b.source) return a.source === 'finding' ? -1 : 1;
  return b.rawScore - a.rawScore || a.level - b.level || compareText(a.team, b.team) || compareText(a.key, b.key);
}

function gapDrafts(model: Model, team: TeamBacklogInput, options: BacklogOptions): Draft[] {
  const candidates = team.domains.flatMap((domain) => domainCandidates(team, domain, options.staleCounts));
  const keys = new Set(candidates.map((candidate) => candidate.practice.id));
  return candidates.map((candidate) => gapDraft(model, team.team, candidate, keys, options));
}

interface Candidate {
  readonly practice: Practice;
  readonly reason: GapReason;
}

/** Applicable practices not implemented at or below the target (above the self-rated level when only that is known). */
function domainCandidates(team: TeamBacklogInput, domain: DomainScore, staleCounts: boolean): Candidate[] {
  if (domain.target === null || !domain.applicable) return [];
  const coveredUpTo = domain.basis === 'self-rated' ? (domain.level ?? 0) : 0;
  const candidates: Candidate[] = [];
  for (const evaluation of team.evaluations.get(domain.domain) ?? []) {
    const level = evaluation.practice.level;
    if (level > domain.target || level <= coveredUpTo || evaluation.status === 'not-applicable') continue;
    if (practiceCredit(evaluation, staleCounts) === 1) continue;
    candidates.push({ practice: evaluation.practice, reason: gapReason(evaluation) });
  }
  return candidates;
}

function gapReason(evaluation: PracticeEvaluation): GapReason {
  if (evaluation.status === 'implemented') return 'stale';
  if (evaluation.status === 'partial') return 'partial';
  return evaluation.status === 'unknown' ? 'unassessed' : 'missing';
}

const REASON_NOTE: Readonly<Record<GapReason, string>> = {
  missing: 'Not in place yet.',
  partial: 'Partly in place: finish it.',
  stale: 'Reported in place, but its evidence has expired: confirm it with fresh evidence.',
  unassessed: 'Not assessed yet: check whether it is in place.',
};

function gapDraft(model: Model, team: string, candidate: Candidate, candidateIds: ReadonlySet<string>, options: BacklogOptions): Draft {
  const { practice, reason } = candidate;
  const rawScore = strategyScore(options.strategy, practice.risk, practice.effort, domainWeight(options.domainWeights, practice.domain));
  const dependsOn = practice.dependsOn.filter((id) => candidateIds.has(id) && id !== practice.id).map((id) => practiceItemKey(team, id));
  const lowerRungs = [...candidateIds]
    .map((id) => model.practiceById.get(id))
    .filter((other) => other !== undefined && other.domain === practice.domain && other.level < practice.level)
    .map((other) => practiceItemKey(team, other?.id ?? ''));
  return {
    key: practiceItemKey(team, practice.id),
    team,
    practice: practice.id,
    domain: practice.domain,
    level: practice.level,
    title: practice.backlog.title,
    description: `${practice.description} ${REASON_NOTE[reason]}`.trim(),
    acceptance: practice.backlog.acceptance,
    priority: priorityLabel(rawScore),
    score: Math.round(rawScore * 100) / 100,
    effort: effortSize(practice.effort),
    dependsOn,
    mappings: practice.mappings,
    source: 'gap',
    reason,
    status: reason === 'partial' ? 'in-progress' : 'open',
    after: [...dependsOn, ...lowerRungs],
    rawScore,
  };
}

function findingDrafts(model: Model, team: TeamBacklogInput): Draft[] {
  const seen = new Set<string>();
  const drafts: Draft[] = [];
  for (const finding of team.findings) {
    const key = findingItemKey(team.team, finding);
    if (seen.has(key)) continue;
    seen.add(key);
    drafts.push(findingDraft(model, team.team, finding, key));
  }
  return drafts;
}

function findingDraft(model: Model, team: string, finding: NegativeFinding, key: string): Draft {
  const practice = model.practices.find((candidate) => candidate.detectors.includes(finding.detector));
  const where = finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
  return {
    key,
    team,
    practice: practice?.id ?? null,
    domain: finding.domain,
    level: practice?.level ?? 0,
    title: `Fix ${finding.detector} finding in ${where}`,
    description: finding.message,
    acceptance: ['The repository scan no longer reports this finding.', 'The cause is fixed on the default branch, not suppressed or ignored.'],
    priority: 'P1',
    score: FINDING_SCORE,
    effort: 'S',
    dependsOn: [],
    mappings: practice?.mappings ?? { dsomm: [], samm: [], iso27001: [], ssdf: [] },
    source: 'finding',
    reason: 'finding',
    status: 'open',
    after: [],
    rawScore: FINDING_SCORE,
  };
}
