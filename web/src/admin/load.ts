import { useCallback, useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api.js';
import type { ApiResult } from '../api.js';

/** A GET the page shows: undefined while loading, then the answer; `reload` asks again (after a change or a 412). */
export interface Loaded<T> {
  readonly result: ApiResult<T> | undefined;
  readonly reload: () => void;
}

/**
 * Loads `path` (nothing while it is undefined). An answer is shown only for the path it came from, so
 * a new address never shows the previous one's data; a reload of the same path keeps showing the
 * previous answer until the new one arrives, so forms do not flicker away.
 */
export function useApi<T>(path: string | undefined): Loaded<T> {
  const [answer, setAnswer] = useState<{ readonly path: string; readonly result: ApiResult<T> } | undefined>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    if (path !== undefined) {
      void apiGet<T>(path).then((result) => {
        if (current) setAnswer({ path, result });
      });
    }
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => {
    setRound((value) => value + 1);
  }, []);
  return { result: answer !== undefined && answer.path === path ? answer.result : undefined, reload };
}

/** The value of a successful answer, or undefined. */
export function valueOf<T>(loaded: Loaded<T>): T | undefined {
  return loaded.result?.ok === true ? loaded.result.value : undefined;
}
