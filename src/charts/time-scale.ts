import { isIsoDate } from '../core/dates.js';

/** Calendar arithmetic for the trend's time axis, on whole UTC days since 1970-01-01. */

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since 1970-01-01 of an ISO date, or null when it is not a real `YYYY-MM-DD` date. */
export function epochDay(date: string): number | null {
  if (!isIsoDate(date)) return null;
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function civil(day: number): Civil {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
}

function dayOf(year: number, month: number, day = 1): number {
  return Date.UTC(year, month, day) / DAY_MS;
}

/** A labelled tick on the time axis. */
export interface TimeTick {
  readonly day: number;
  readonly label: string;
}

type Step = { readonly unit: 'day'; readonly size: number } | { readonly unit: 'month'; readonly size: number } | { readonly unit: 'year'; readonly size: number };

const STEPS: readonly Step[] = [
  { unit: 'day', size: 1 },
  { unit: 'day', size: 2 },
  { unit: 'day', size: 7 },
  { unit: 'day', size: 14 },
  { unit: 'month', size: 1 },
  { unit: 'month', size: 2 },
  { unit: 'month', size: 3 },
  { unit: 'month', size: 6 },
  { unit: 'year', size: 1 },
  { unit: 'year', size: 2 },
  { unit: 'year', size: 5 },
  { unit: 'year', size: 10 },
  { unit: 'year', size: 25 },
  { unit: 'year', size: 50 },
  { unit: 'year', size: 100 },
];

function stepDays(step: Step): number {
  if (step.unit === 'day') return step.size;
  return step.unit === 'month' ? step.size * 30.44 : step.size * 365.25;
}

function tickDays(step: Step, start: number, end: number): number[] {
  const days: number[] = [];
  if (step.unit === 'day') {
    for (let day = Math.ceil(start / step.size) * step.size; day <= end; day += step.size) days.push(day);
    return days;
  }
  const first = civil(Math.floor(start));
  if (step.unit === 'month') {
    for (let index = first.year * 12 + Math.floor(first.month / step.size) * step.size; ; index += step.size) {
      const day = dayOf(Math.floor(index / 12), index % 12);
      if (day > end) return days;
      if (day >= start) days.push(day);
    }
  }
  for (let year = Math.floor(first.year / step.size) * step.size; dayOf(year, 0) <= end; year += step.size) {
    if (dayOf(year, 0) >= start) days.push(dayOf(year, 0));
  }
  return days;
}

function tickLabel(step: Step, day: number, previous: number | undefined): string {
  const date = civil(day);
  const newYear = previous === undefined || civil(previous).year !== date.year;
  if (step.unit === 'year') return String(date.year);
  const month = MONTHS[date.month] ?? '';
  const text = step.unit === 'day' ? `${date.day} ${month}` : month;
  return newYear ? `${text} ${date.year}` : text;
}

/** Round-date ticks (days, weeks, months, quarters or years) between two epoch days, at most `maxTicks` of them. */
export function timeTicks(start: number, end: number, maxTicks: number): TimeTick[] {
  const span = Math.max(1, end - start);
  const limit = Math.max(2, maxTicks);
  const step = STEPS.find((candidate) => span / stepDays(candidate) <= limit - 1 && tickDays(candidate, start, end).length <= limit) ?? { unit: 'year', size: Math.ceil(span / 365.25 / (limit - 1)) };
  const days = tickDays(step, start, end);
  return days.map((day, index) => ({ day, label: tickLabel(step, day, days[index - 1]) }));
}

/** A date as "31 Mar 2025". */
export function formatDay(day: number): string {
  const date = civil(day);
  return `${date.day} ${MONTHS[date.month] ?? ''} ${date.year}`;
}
