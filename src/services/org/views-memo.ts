import type { Persistence } from '../../core/persistence/port.js';
import type { ReadableTeams } from './views-workspace.js';

/**
 * Finished heatmap responses kept in this process, so that a 2,000-team heatmap asked for again
 * and again costs one small query instead of reading every team and score row.
 *
 * Every change goes through `audit()` in the same transaction as the change itself (S22), so the
 * newest audit entries are the organisation's change stamp: an entry is served only while that
 * stamp is unchanged. Several newest ids, not just the newest one, because on PostgreSQL ids are
 * handed out before commit: a transaction committing late still changes the list. Replicas check
 * the shared database on every request, so none serves another's stale view. Entries also expire
 * after MAX_AGE_MS, which bounds the effect of a change made around the API (a hand-edited row).
 */

const STAMP_ENTRIES = 16;
const MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 32;

interface Entry {
  readonly stamp: string;
  readonly at: number;
  readonly bytes: Uint8Array;
}

const memos = new WeakMap<Persistence, Map<string, Entry>>();

/** What the newest audit entries say about the data now; changes with every audited write. */
export async function changeStamp(store: Persistence): Promise<string> {
  const newest = await store.queryAudit({ limit: STAMP_ENTRIES });
  return newest.map((entry) => entry.id).join(',');
}

/** The memo key of a view: who may see what, the filter and the date. */
export function memoKey(view: string, readable: ReadableTeams, filter: string, date: string): string {
  const scope = readable === 'all' ? '*' : [...readable].sort().join(',');
  return JSON.stringify([view, scope, filter, date]);
}

/** The remembered bytes when still valid for this stamp and time, else undefined. */
export function recall(store: Persistence, key: string, stamp: string, nowMs: number): Uint8Array | undefined {
  const entry = memos.get(store)?.get(key);
  if (entry === undefined || entry.stamp !== stamp || nowMs - entry.at > MAX_AGE_MS || nowMs < entry.at) return undefined;
  return entry.bytes;
}

/** Remembers a view's bytes (encoded once, not per response) under the stamp read before it was built. */
export function remember(store: Persistence, key: string, stamp: string, nowMs: number, bytes: Uint8Array): void {
  let entries = memos.get(store);
  if (entries === undefined) {
    entries = new Map();
    memos.set(store, entries);
  }
  entries.delete(key);
  entries.set(key, { stamp, at: nowMs, bytes });
  // Maps iterate in insertion order: the first key is the least recently stored.
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value ?? '');
}
