import type { CheckpointSummary } from './types.js';

/** The checkpoint to continue: the newest that is not final. */
export function openCheckpoint(checkpoints: readonly CheckpointSummary[]): CheckpointSummary | undefined {
  return [...checkpoints].reverse().find((checkpoint) => checkpoint.state !== 'final');
}

/** The newest final checkpoint (what "copy from latest" copies). */
export function latestFinal(checkpoints: readonly CheckpointSummary[]): CheckpointSummary | undefined {
  return [...checkpoints].reverse().find((checkpoint) => checkpoint.state === 'final');
}

/** The POST body of the start form. */
export function startBody(form: StartForm): Record<string, unknown> {
  const body: Record<string, unknown> = { date: form.date, mode: form.mode };
  if (form.copy) body['copyFrom'] = 'latest';
  if (form.mode === 'quick' && Object.keys(form.scores).length > 0) body['domainScores'] = form.scores;
  return body;
}

export interface StartForm {
  readonly date: string;
  readonly mode: 'quick' | 'detailed';
  readonly copy: boolean;
  readonly scores: Readonly<Record<string, number>>;
}
