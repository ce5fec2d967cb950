import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiResult } from '../api.js';
import { pathWithQuery } from '../router.js';
import { Link, Loading, ProblemBox } from '../ui.js';
import { changedFirst, comparedLevel, defaultPair, deltaText } from './team-data.js';
import type { CheckpointListEntry, CompareBody } from './types.js';
import { useGet } from './use-api.js';

const STATE_LABELS: Readonly<Record<CheckpointListEntry['state'], string>> = {
  draft: 'Draft',
  rating: 'Rating',
  consensus: 'Consensus',
  final: 'Final',
};

/** Where a checkpoint is opened. */
export function checkpointHref(id: string): string {
  return `/checkpoints/${encodeURIComponent(id)}`;
}

/** Every checkpoint of the team, newest first, with how much of it is answered. */
export function CheckpointHistory({ checkpoints }: { readonly checkpoints: ApiResult<{ checkpoints: readonly CheckpointListEntry[] }> | undefined }): JSX.Element {
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">Checkpoints</h2>
      {checkpoints === undefined ? <Loading what="the checkpoints" /> : null}
      {checkpoints !== undefined && !checkpoints.ok ? <ProblemBox problem={checkpoints.problem} /> : null}
      {checkpoints?.ok === true ? <HistoryTable entries={checkpoints.value.checkpoints} /> : null}
    </section>
  );
}

function HistoryTable({ entries }: { entries: readonly CheckpointListEntry[] }): JSX.Element {
  if (entries.length === 0) return <p class="muted">No checkpoint yet.</p>;
  return (
    <div class="table-scroll">
      <table class="data history">
        <caption class="visually-hidden">Checkpoints, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">State</th>
            <th scope="col" class="num">
              Answered
            </th>
            <th scope="col" class="num">
              Rated
            </th>
            <th scope="col" class="num">
              Raters
            </th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((entry) => (
            <tr key={entry.id} data-checkpoint={entry.id}>
              <td>
                <Link href={checkpointHref(entry.id)}>{entry.date}</Link>
              </td>
              <td>
                <span class={`badge badge-state-${entry.state}`}>{STATE_LABELS[entry.state]}</span>
              </td>
              <td class="num">{entry.counts.answered}</td>
              <td class="num">{entry.counts.ratedPractices}</td>
              <td class="num">{entry.counts.raters}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface CompareProps {
  readonly teamId: string;
  readonly checkpoints: readonly CheckpointListEntry[];
  readonly names: ReadonlyMap<string, string>;
  readonly titleOf: (practice: string) => string;
}

function CheckpointSelect({ label, value, checkpoints, onChange }: { label: string; value: string; checkpoints: readonly CheckpointListEntry[]; onChange: (id: string) => void }): JSX.Element {
  const id = `compare-${label.toLowerCase()}`;
  return (
    <div class="field inline">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
      >
        {[...checkpoints].reverse().map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.date}
            {entry.state === 'final' ? '' : ` (${STATE_LABELS[entry.state].toLowerCase()})`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Two selects and what changed between the checkpoints they name. */
export function CompareCheckpoints({ teamId, checkpoints, names, titleOf }: CompareProps): JSX.Element {
  const initial = defaultPair(checkpoints);
  const [pair, setPair] = useState(initial);
  return (
    <section class="card" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare two checkpoints</h2>
      {pair === undefined ? (
        <p class="muted">Comparing needs two checkpoints; this team has {checkpoints.length === 0 ? 'none' : 'one'} so far.</p>
      ) : (
        <>
          <div class="toolbar" role="group" aria-label="Checkpoints to compare">
            <CheckpointSelect label="From" value={pair.from} checkpoints={checkpoints} onChange={(from) => { setPair({ ...pair, from }); }} />
            <CheckpointSelect label="To" value={pair.to} checkpoints={checkpoints} onChange={(to) => { setPair({ ...pair, to }); }} />
          </div>
          {pair.from === pair.to ? <p class="muted">Choose two different checkpoints.</p> : <Comparison teamId={teamId} pair={pair} names={names} titleOf={titleOf} />}
        </>
      )}
    </section>
  );
}

function Comparison({ teamId, pair, names, titleOf }: { teamId: string; pair: { from: string; to: string }; names: ReadonlyMap<string, string>; titleOf: (practice: string) => string }): JSX.Element {
  const result = useGet<CompareBody>(pathWithQuery(`/api/v1/teams/${encodeURIComponent(teamId)}/checkpoints/compare`, pair));
  return (
    <div class="comparison" aria-live="polite">
      {result === undefined ? <Loading what="the comparison" /> : null}
      {result !== undefined && !result.ok ? <ProblemBox problem={result.problem} /> : null}
      {result?.ok === true ? <ComparisonBody body={result.value} names={names} titleOf={titleOf} /> : null}
    </div>
  );
}

function ComparisonBody({ body, names, titleOf }: { body: CompareBody; names: ReadonlyMap<string, string>; titleOf: (practice: string) => string }): JSX.Element {
  const reached = body.targetsReached.map((domain) => names.get(domain) ?? domain);
  return (
    <>
      <p class="compare-summary">
        From <strong>{body.from}</strong> to <strong>{body.to}</strong>: {body.gained.length} practice{body.gained.length === 1 ? '' : 's'} gained, {body.lost.length} lost,{' '}
        {reached.length === 0 ? 'no target newly reached' : `target${reached.length === 1 ? '' : 's'} reached in ${reached.join(', ')}`}.
      </p>
      <div class="compare-grid">
        <DeltaTable body={body} names={names} />
        <div>
          <PracticeChanges heading="Gained" changes={body.gained} titleOf={titleOf} names={names} empty="No practice newly in place." />
          <PracticeChanges heading="Lost" changes={body.lost} titleOf={titleOf} names={names} empty="No practice lost." />
        </div>
      </div>
    </>
  );
}

function DeltaTable({ body, names }: { body: CompareBody; names: ReadonlyMap<string, string> }): JSX.Element {
  return (
    <div class="table-scroll">
      <table class="data deltas">
        <caption class="visually-hidden">Level per domain before and after, with the change</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col" class="num">
              {body.from}
            </th>
            <th scope="col" class="num">
              {body.to}
            </th>
            <th scope="col" class="num">
              Change
            </th>
            <th scope="col">Target</th>
          </tr>
        </thead>
        <tbody>
          {changedFirst(body.domains).map((domain) => (
            <tr key={domain.domain} data-domain={domain.domain} class={domain.delta !== null && domain.delta !== 0 ? (domain.delta > 0 ? 'delta-up' : 'delta-down') : undefined}>
              <th scope="row">{names.get(domain.domain) ?? domain.domain}</th>
              <td class="num">{comparedLevel(domain.before)}</td>
              <td class="num">{comparedLevel(domain.after)}</td>
              <td class="num delta" data-delta={domain.delta === null ? '' : String(domain.delta)}>
                {deltaText(domain.delta)}
              </td>
              <td>
                {domain.target ?? '—'}
                {domain.targetReached ? <span class="badge badge-reached">reached</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PracticeChanges({ heading, changes, titleOf, names, empty }: { heading: string; changes: CompareBody['gained']; titleOf: (practice: string) => string; names: ReadonlyMap<string, string>; empty: string }): JSX.Element {
  return (
    <div class={`practice-changes changes-${heading.toLowerCase()}`}>
      <h3>
        {heading} ({changes.length})
      </h3>
      {changes.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="plain">
          {changes.map((change) => (
            <li key={change.practice} data-practice={change.practice}>
              {titleOf(change.practice)}
              <div class="muted small-text">
                {names.get(change.domain) ?? change.domain} · {change.before} → {change.after}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
