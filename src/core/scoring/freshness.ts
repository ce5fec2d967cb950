import type { IsoDate } from '../dates.js';
import { daysBetween } from '../dates.js';
import type { Practice } from '../model/model.js';
import type { Answer, AnswerStatus } from '../workspace/schema.js';

/** The date an answer's evidence was last refreshed: its newest dated evidence, else the checkpoint date. */
export function answerEvidenceDate(answer: Answer | undefined, checkpointDate: IsoDate): IsoDate {
  let newest: IsoDate | undefined;
  for (const entry of answer?.evidence ?? []) {
    if (entry.date !== undefined && (newest === undefined || entry.date > newest)) newest = entry.date;
  }
  return newest ?? checkpointDate;
}

/** An answered practice is stale when its newest evidence is older than the practice's freshnessDays as of `asOf`. */
export function isAnswerStale(practice: Practice, status: AnswerStatus, answer: Answer | undefined, checkpointDate: IsoDate, asOf: IsoDate): boolean {
  if (practice.freshnessDays === undefined || status === 'unknown') return false;
  return daysBetween(answerEvidenceDate(answer, checkpointDate), asOf) > practice.freshnessDays;
}
