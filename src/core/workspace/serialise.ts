import { stringify } from 'yaml';
import type { Model } from '../model/model.js';
import type { Answer, Checkpoint, Evidence } from './schema.js';

/** Checkpoint YAML with a stable layout: answers in model order, empty fields left out, so diffs in git stay small. */
export function serialiseCheckpoint(checkpoint: Checkpoint, model: Model): string {
  const order = new Map(model.practices.map((practice, index) => [practice.id, index]));
  const answerIds = Object.keys(checkpoint.answers).sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : 1));
  const answers: Record<string, unknown> = {};
  for (const id of answerIds) {
    const answer = checkpoint.answers[id];
    if (answer !== undefined) answers[id] = compactAnswer(answer);
  }
  const document: Record<string, unknown> = { team: checkpoint.team, date: checkpoint.date, model: checkpoint.model };
  if (checkpoint.raters.length > 0) document['raters'] = checkpoint.raters;
  document['answers'] = answers;
  if (Object.keys(checkpoint.domainScores).length > 0) document['domainScores'] = checkpoint.domainScores;
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

function compactAnswer(answer: Answer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (answer.status !== undefined) out['status'] = answer.status;
  if (answer.justification !== undefined && answer.justification !== '') out['justification'] = answer.justification;
  if (Object.keys(answer.ratings).length > 0) out['ratings'] = answer.ratings;
  if (answer.proposed !== undefined) out['proposed'] = answer.proposed;
  if (answer.evidence.length > 0) out['evidence'] = answer.evidence.map(compactEvidence);
  return out;
}

function compactEvidence(evidence: Evidence): Record<string, unknown> {
  return Object.fromEntries(Object.entries(evidence).filter(([, value]) => value !== undefined));
}
