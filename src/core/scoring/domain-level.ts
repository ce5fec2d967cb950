import type { Practice } from '../model/model.js';
import type { AnswerStatus } from '../workspace/schema.js';

/** One practice of a domain as answered in a checkpoint. */
export interface PracticeState {
  readonly practice: Practice;
  readonly status: AnswerStatus;
  readonly stale: boolean;
}

export interface DerivedLevel {
  /** null when every practice of the domain is not applicable. */
  readonly level: number | null;
  /** level + share of credit earned at the next level, e.g. 1.5. */
  readonly progress: number | null;
  /** The level tested and not met (null when the domain is n/a or fully met). */
  readonly testedLevel: number | null;
  /** Unknown answers at the tested level: the level shown may rise once they are answered. */
  readonly unknownAtTestedLevel: number;
}

/** Credit toward a level: implemented 1, partial ½, nothing else; a stale answer earns none unless stale answers count. */
export function practiceCredit(state: PracticeState, staleCounts: boolean): number {
  if (state.stale && !staleCounts) return 0;
  if (state.status === 'implemented') return 1;
  if (state.status === 'partial') return 0.5;
  return 0;
}

/**
 * The highest level L such that every applicable practice at every level 1..L earns full credit,
 * and the progress toward the next level (PRODUCT.md §2).
 */
export function deriveDomainLevel(levels: readonly number[], states: readonly PracticeState[], staleCounts: boolean): DerivedLevel {
  const applicable = states.filter((state) => state.status !== 'not-applicable');
  if (applicable.length === 0) return { level: null, progress: null, testedLevel: null, unknownAtTestedLevel: 0 };
  const top = Math.max(...states.map((state) => state.practice.level));
  let reached = 0;
  for (const level of levels) {
    if (level <= 0 || level > top) continue;
    const atLevel = applicable.filter((state) => state.practice.level === level);
    if (atLevel.every((state) => practiceCredit(state, staleCounts) === 1)) {
      reached = level;
      continue;
    }
    const credit = atLevel.reduce((sum, state) => sum + practiceCredit(state, staleCounts), 0);
    const unknown = atLevel.filter((state) => state.status === 'unknown').length;
    const progress = reached + ((level - reached) * credit) / atLevel.length;
    return { level: reached, progress, testedLevel: level, unknownAtTestedLevel: unknown };
  }
  return { level: reached, progress: reached, testedLevel: null, unknownAtTestedLevel: 0 };
}
