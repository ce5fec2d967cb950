import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api.js';
import type { ApiProblem } from '../api.js';
import { indexModel } from './model-data.js';
import type { ModelBody, ModelIndex } from './model-data.js';

/** The model as loaded: the index, or the problem to show. */
export type ModelState = { readonly ok: true; readonly index: ModelIndex } | { readonly ok: false; readonly problem: ApiProblem };

// One request per page load: the browser, the practice pages and the backlog all read the same model.
let loading: Promise<ModelState> | undefined;
// The model once loaded, so a page opened later renders it at once instead of flashing "Loading".
let loaded: ModelState | undefined;

/** Loads the organisation's model once; a failed load is tried again on the next call. */
export function loadModel(): Promise<ModelState> {
  loading ??= apiGet<ModelBody>('/api/v1/models/current').then((result): ModelState => {
    if (result.ok) {
      loaded = { ok: true, index: indexModel(result.value) };
      return loaded;
    }
    loading = undefined;
    return { ok: false, problem: result.problem };
  });
  return loading;
}

/** The model for a component; undefined while it loads. `attempt` changes to try again after a failure. */
export function useModel(attempt = 0): ModelState | undefined {
  const [state, setState] = useState<ModelState | undefined>(loaded);
  useEffect(() => {
    let current = true;
    void loadModel().then((answer) => {
      if (current) setState(answer);
    });
    return () => {
      current = false;
    };
  }, [attempt]);
  return state;
}

/** Forgets the loaded model (after the organisation switched to another one). */
export function forgetModel(): void {
  loading = undefined;
  loaded = undefined;
}
