import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useModel } from '../model/model-store.js';
import { modelHrefFor } from '../model/model-data.js';
import { PracticeView } from '../model/practice-view.js';
import '../model/model.css';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';

/** `/model/practices/:practiceId`: one practice of the organisation's model. */
export function PracticePage({ practiceId }: { readonly practiceId: string }): JSX.Element {
  const [attempt, setAttempt] = useState(0);
  const state = useModel(attempt);
  const index = state?.ok === true ? state.index : undefined;
  const practice = index?.practiceById.get(practiceId);
  useTitle(practice?.title ?? practiceId);
  const domain = practice === undefined ? undefined : index?.domainNames.get(practice.domain);
  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <Link href="/model">Model</Link> <span aria-hidden="true">›</span>{' '}
        {practice === undefined ? null : (
          <>
            <Link href={modelHrefFor({ domain: practice.domain })}>{domain ?? practice.domain}</Link> <span aria-hidden="true">›</span>{' '}
          </>
        )}
        <span aria-current="page">{practice?.title ?? practiceId}</span>
      </nav>
      <PageHeading>{practice?.title ?? 'Practice'}</PageHeading>
      {state === undefined ? <Loading what="the model" /> : null}
      {state !== undefined && !state.ok ? (
        <>
          <ProblemBox problem={state.problem} />
          <button type="button" onClick={() => { setAttempt(attempt + 1); }}>
            Try again
          </button>
        </>
      ) : null}
      {index !== undefined && practice === undefined ? (
        <section class="card">
          <p>
            The organisation's model has no practice <code>{practiceId}</code>. It may belong to another model. Browse the <Link href="/model">practices of the model</Link>.
          </p>
        </section>
      ) : null}
      {index !== undefined && practice !== undefined ? <PracticeView index={index} practice={practice} /> : null}
    </>
  );
}
