import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api.js';
import type { ApiResult } from '../api.js';
import type { ModelBody } from './types.js';

/** One GET, sent again when `path` or `attempt` changes; nothing is sent while `path` is undefined. Undefined while on its way. */
export function useGet<T>(path: string | undefined, attempt = 0): ApiResult<T> | undefined {
  const [result, setResult] = useState<ApiResult<T> | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setResult(undefined);
    if (path === undefined) return undefined;
    void apiGet<T>(path).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [path, attempt]);
  return result;
}

let modelRequest: Promise<ApiResult<ModelBody>> | undefined;

/** The organisation's model (levels, practice titles), read once per page load: it is the same for every team. */
export function useModel(): ModelBody | undefined {
  const [model, setModel] = useState<ModelBody | undefined>(undefined);
  useEffect(() => {
    let current = true;
    modelRequest ??= apiGet<ModelBody>('/api/v1/models/current');
    void modelRequest.then((answer) => {
      if (!answer.ok) modelRequest = undefined;
      else if (current) setModel(answer.value);
    });
    return () => {
      current = false;
    };
  }, []);
  return model;
}
