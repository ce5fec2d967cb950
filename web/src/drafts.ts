import { useCallback, useState } from 'preact/hooks';

/**
 * Unsaved edits survive a session that ends (the sign-in dialog opens over the page) and a reload:
 * each draft is kept in memory and mirrored to sessionStorage (this tab only, gone when it
 * closes). Passwords are never drafts. Signing out clears them all.
 */

const PREFIX = 'stepwise.draft.';
const memory = new Map<string, string>();

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The saved draft under `key` (parsed JSON), or undefined. */
export function readDraft(key: string): unknown {
  const text = memory.get(key) ?? storage()?.getItem(PREFIX + key) ?? undefined;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Keeps `value` as the draft under `key`. */
export function writeDraft(key: string, value: unknown): void {
  const text = JSON.stringify(value);
  memory.set(key, text);
  try {
    storage()?.setItem(PREFIX + key, text);
  } catch {
    // Storage full or blocked: the in-memory copy still covers a sign-in in this tab.
  }
}

/** Forgets one draft (after it was saved). */
export function discardDraft(key: string): void {
  memory.delete(key);
  storage()?.removeItem(PREFIX + key);
}

/** Forgets every draft (at sign-out). */
export function clearDrafts(): void {
  memory.clear();
  const store = storage();
  if (store === undefined) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}

/** State that is also kept as a draft: it comes back after a reload or a new sign-in in this tab. */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => (readDraft(key) as T | undefined) ?? initial);
  const update = useCallback(
    (next: T) => {
      writeDraft(key, next);
      setValue(() => next);
    },
    [key],
  );
  return [value, update];
}
