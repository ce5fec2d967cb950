export const STRATEGIES = ['risk', 'roi', 'balanced'] as const;
export type Strategy = (typeof STRATEGIES)[number];
export type PriorityLabel = 'P1' | 'P2' | 'P3' | 'P4';
export type EffortSize = 'S' | 'M' | 'L';

/** The score of closing a gap under a strategy: value = risk × weight; roi = value ÷ effort; balanced = value ÷ √effort. */
export function strategyScore(strategy: Strategy, risk: number, effort: number, weight: number): number {
  const value = risk * weight;
  if (strategy === 'risk') return value;
  if (strategy === 'roi') return value / effort;
  return value / Math.sqrt(effort);
}

/** Fixed score bands, so a label depends only on the item's own score and never on its neighbours. */
const BANDS: readonly { readonly label: PriorityLabel; readonly atLeast: number }[] = [
  { label: 'P1', atLeast: 4 },
  { label: 'P2', atLeast: 2.5 },
  { label: 'P3', atLeast: 1.5 },
];

/** P1 (≥ 4), P2 (≥ 2.5), P3 (≥ 1.5), else P4. */
export function priorityLabel(score: number): PriorityLabel {
  return BANDS.find((band) => score >= band.atLeast)?.label ?? 'P4';
}

/** Effort 1–2 is small, 3 medium, 4–5 large. */
export function effortSize(effort: number): EffortSize {
  if (effort <= 2) return 'S';
  return effort === 3 ? 'M' : 'L';
}
