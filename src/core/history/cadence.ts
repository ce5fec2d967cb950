import { addMonths, daysBetween } from '../dates.js';
import type { IsoDate } from '../dates.js';
import type { Cadence } from '../workspace/schema.js';

const CADENCE_MONTHS: Readonly<Record<Cadence, number>> = { monthly: 1, quarterly: 3, biannual: 6, yearly: 12 };

export type DueStatus = 'never-assessed' | 'overdue' | 'due-soon' | 'on-track';

export interface DueEntry {
  readonly team: string;
  readonly cadence: Cadence;
  readonly lastCheckpoint: IsoDate | null;
  readonly nextDue: IsoDate | null;
  readonly status: DueStatus;
  /** Days until the next due date; negative when overdue; null when never assessed. */
  readonly daysLeft: number | null;
}

/** The next reassessment date: the last checkpoint plus the cadence. */
export function nextDueDate(lastCheckpoint: IsoDate, cadence: Cadence): IsoDate {
  return addMonths(lastCheckpoint, CADENCE_MONTHS[cadence]);
}

/** Where a team stands against its cadence on `today`; due-soon means within `windowDays`. */
export function dueEntry(team: string, cadence: Cadence, lastCheckpoint: IsoDate | null, today: IsoDate, windowDays: number): DueEntry {
  if (lastCheckpoint === null) return { team, cadence, lastCheckpoint, nextDue: null, status: 'never-assessed', daysLeft: null };
  const nextDue = nextDueDate(lastCheckpoint, cadence);
  const daysLeft = daysBetween(today, nextDue);
  const status: DueStatus = daysLeft < 0 ? 'overdue' : daysLeft <= windowDays ? 'due-soon' : 'on-track';
  return { team, cadence, lastCheckpoint, nextDue, status, daysLeft };
}

const STATUS_ORDER: Readonly<Record<DueStatus, number>> = { 'never-assessed': 0, overdue: 1, 'due-soon': 2, 'on-track': 3 };

/** Most urgent first: never assessed, then overdue (longest first), then due soon, then on track. */
export function sortByUrgency(entries: readonly DueEntry[]): DueEntry[] {
  return [...entries].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || (a.team < b.team ? -1 : a.team > b.team ? 1 : 0),
  );
}
