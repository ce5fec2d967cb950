import type { JSX } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { ModelBrowser } from '../model/model-browser.js';
import { filterFromQuery, queryOfFilter } from '../model/model-data.js';
import type { PracticeFilter } from '../model/model-data.js';
import { useModel } from '../model/model-store.js';
import '../model/model.css';
import { navigate, pathWithQuery } from '../router.js';
import type { Route } from '../router.js';
import { Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';
import { PracticePage } from './practice.js';

/** `/model`: the organisation's model as domains × levels, searched and filtered in memory; the filters live in the address. */
export function ModelPage({ query }: { readonly query: URLSearchParams }): JSX.Element {
  useTitle('Model');
  const [attempt, setAttempt] = useState(0);
  const state = useModel(attempt);
  const search = query.toString();
  const filter = useMemo(() => filterFromQuery(new URLSearchParams(search)), [search]);
  // Replace, not push: typing in the search box must not fill the history with one entry per key.
  const onChange = useCallback((next: PracticeFilter) => {
    navigate(pathWithQuery('/model', queryOfFilter(next)), { replace: true });
  }, []);
  const model = state?.ok === true ? state.index.model : undefined;
  return (
    <>
      <PageHeading>Model{model === undefined ? '' : `: ${model.name}`}</PageHeading>
      {model === undefined ? null : (
        <p class="muted">
          {model.id} version {String(model.version)} · {model.domains.length} domains · {model.practices.length} practices. Open a practice for its guidance, dependencies, mappings and the teams that have it.
        </p>
      )}
      {state === undefined ? <Loading what="the model" /> : null}
      {state !== undefined && !state.ok ? (
        <>
          <ProblemBox problem={state.problem} />
          <button type="button" onClick={() => { setAttempt(attempt + 1); }}>
            Try again
          </button>
        </>
      ) : null}
      {state?.ok === true ? <ModelBrowser index={state.index} filter={filter} onChange={onChange} /> : null}
    </>
  );
}

/** The model section: the browser at `/model`, a practice at `/model/practices/:practiceId`. */
export function ModelSection({ route }: { readonly route: Route }): JSX.Element {
  const practiceId = route.params['practiceId'];
  return practiceId === undefined ? <ModelPage query={route.location.query} /> : <PracticePage practiceId={practiceId} />;
}
