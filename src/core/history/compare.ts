import type { Model } from '../model/model.js';
import { practiceCredit } from '../scoring/domain-level.js';
import { evaluatePractices, scoreCheckpoint } from '../scoring/score-checkpoint.js';
import type { Checkpoint } from '../workspace/schema.js';

export interface DomainChange {
  readonly domain: string;
  readonly before: number | null;
  readonly after: number | null;
  /** after − before; null when either side is not applicable. */
  readonly delta: number | null;
  readonly target: number | null;
  /** The target is met now and was not met before. */
  readonly targetReached: boolean;
}

export interface PracticeChange {
  readonly practice: string;
  readonly domain: string;
  readonly before: string;
  readonly after: string;
}

export interface CheckpointComparison {
  readonly team: string;
  readonly from: string;
  readonly to: string;
  readonly domains: readonly DomainChange[];
  /** Practices that earn full credit now and did not before. */
  readonly gained: readonly PracticeChange[];
  /** Practices that earned full credit before and no longer do. */
  readonly lost: readonly PracticeChange[];
  readonly targetsReached: readonly string[];
}

export interface CompareInput {
  readonly model: Model;
  readonly before: Checkpoint;
  readonly after: Checkpoint;
  readonly targets: ReadonlyMap<string, number | null>;
  readonly staleCounts: boolean;
}

/** What changed between two checkpoints, each judged as of its own date so the past never changes. */
export function compareCheckpoints(input: CompareInput): CheckpointComparison {
  const { model, before, after, targets, staleCounts } = input;
  const scoreBefore = scoreCheckpoint({ model, checkpoint: before, targets, staleCounts, asOf: before.date });
  const scoreAfter = scoreCheckpoint({ model, checkpoint: after, targets, staleCounts, asOf: after.date });
  const domains = scoreAfter.domains.map((now, index): DomainChange => {
    const then = scoreBefore.domains[index];
    const beforeLevel = then?.level ?? null;
    const met = (level: number | null) => level !== null && now.target !== null && level >= now.target;
    return {
      domain: now.domain,
      before: beforeLevel,
      after: now.level,
      delta: beforeLevel === null || now.level === null ? null : now.level - beforeLevel,
      target: now.target,
      targetReached: met(now.level) && !met(beforeLevel),
    };
  });
  const { gained, lost } = practiceChanges(input);
  return {
    team: after.team,
    from: before.date,
    to: after.date,
    domains,
    gained,
    lost,
    targetsReached: domains.filter((change) => change.targetReached).map((change) => change.domain),
  };
}

function practiceChanges(input: CompareInput): { gained: PracticeChange[]; lost: PracticeChange[] } {
  const gained: PracticeChange[] = [];
  const lost: PracticeChange[] = [];
  for (const domain of input.model.domains) {
    const then = evaluatePractices(input.model, input.before, domain.id, input.before.date);
    const now = evaluatePractices(input.model, input.after, domain.id, input.after.date);
    now.forEach((evaluation, index) => {
      const previous = then[index];
      if (previous === undefined) return;
      const hadIt = practiceCredit(previous, input.staleCounts) === 1;
      const hasIt = practiceCredit(evaluation, input.staleCounts) === 1;
      if (hadIt === hasIt) return;
      const change = { practice: evaluation.practice.id, domain: domain.id, before: describe(previous), after: describe(evaluation) };
      (hasIt ? gained : lost).push(change);
    });
  }
  return { gained, lost };
}

function describe(evaluation: { readonly status: string; readonly stale: boolean }): string {
  return evaluation.stale ? `${evaluation.status} (stale)` : evaluation.status;
}
