import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { answerEditOf, answerOf, ownRating, ratingEditOf, shownAnswer, shownRating } from './edits.js';
import type { Resource } from './edits.js';
import { EvidenceEditor } from './evidence-editor.js';
import { findingPlace, findingsOf } from './evidence.js';
import type { Capacity, Control } from './roles.js';
import { editsEvidence, seesAllRatings } from './roles.js';
import { ConflictBox, SaveLine } from './save-status.js';
import { focusRadioGroup, StatusRadios } from './status-radios.js';
import type { CheckpointEditor } from './use-checkpoint.js';
import { saveKey } from './use-checkpoint.js';
import { STATUS_LABELS } from './types.js';
import type { AnswerStatus, AnswerView, CheckpointView, PracticeBody } from './types.js';

export interface CardProps {
  readonly practice: PracticeBody;
  readonly view: CheckpointView;
  readonly editor: CheckpointEditor;
  readonly capacity: Capacity;
  readonly control: Control;
  readonly today: string;
}

/** The id of a practice's radio group (the "next unanswered" target). */
export function controlId(practiceId: string): string {
  return `control-${practiceId}`;
}

function label(status: AnswerStatus | null | undefined): string {
  return status === null || status === undefined ? 'not set' : STATUS_LABELS[status];
}

/** The value the person's control shows and the setter for it. */
function controlValue(props: CardProps): { value: AnswerStatus | null; set: (status: AnswerStatus) => void } {
  const { practice, view, editor, capacity, control } = props;
  const stored = answerOf(view, practice.id);
  if (control === 'rating') return { value: shownRating(stored, ratingEditOf(editor.edits, practice.id), capacity.username), set: (status) => { editor.setRating(practice.id, status); } };
  return { value: shownAnswer(stored, answerEditOf(editor.edits, practice.id)).status, set: (status) => { editor.setAnswer(practice.id, { status }); } };
}

function legendOf(control: Control, view: CheckpointView): string {
  if (control === 'rating') return 'Your rating';
  return view.state === 'consensus' ? 'Consensus status (your decision as facilitator)' : 'Status';
}

/** What the latest pushed scan proposes, with file:line provenance, to accept or override. */
function ProposalBox({ props, stored }: { readonly props: CardProps; readonly stored: AnswerView }): JSX.Element | null {
  const proposed = stored.proposed;
  const [overriding, setOverriding] = useState(false);
  if (proposed === null) return null;
  const { value, set } = controlValue(props);
  const findings = findingsOf(shownAnswer(stored, answerEditOf(props.editor.edits, props.practice.id)).evidence);
  const outcome = value === null || value === 'unknown' ? undefined : value === proposed ? 'Accepted.' : `Overridden: ${label(value)} chosen instead.`;
  return (
    <div class="proposal">
      <p>
        <strong>The latest scan proposes: {STATUS_LABELS[proposed]}</strong> {outcome === undefined ? null : <span class="proposal-outcome">{outcome}</span>}
      </p>
      {findings.length === 0 ? null : (
        <ul class="plain proposal-findings">
          {findings.map((finding, index) => (
            <li key={String(index)}>
              <code>{findingPlace(finding)}</code> <span class="muted">({finding.detector})</span>
              {finding.message === undefined ? null : ` ${finding.message}`}
            </li>
          ))}
        </ul>
      )}
      {props.control === 'none' ? null : (
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              set(proposed);
            }}
          >
            Accept {STATUS_LABELS[proposed].toLowerCase()}
          </button>
          <button
            type="button"
            onClick={() => {
              setOverriding(true);
              focusRadioGroup(controlId(props.practice.id));
            }}
          >
            Override
          </button>
        </div>
      )}
      {overriding && outcome === undefined ? <p class="hint">Choose the status yourself below; the scan's findings stay on the answer as evidence.</p> : null}
    </div>
  );
}

/** Every rater's rating side by side with the median (hidden from raters while the round is open). */
function RatingsTable({ stored, raters }: { readonly stored: AnswerView; readonly raters: readonly string[] }): JSX.Element | null {
  const rated = raters.filter((rater) => Object.hasOwn(stored.ratings, rater));
  if (rated.length === 0) return null;
  return (
    <table class="ratings">
      <caption class="visually-hidden">Ratings of this practice</caption>
      <thead>
        <tr>
          {rated.map((rater) => (
            <th key={rater} scope="col">
              {rater}
            </th>
          ))}
          <th scope="col">Median</th>
          <th scope="col">Spread</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          {rated.map((rater) => (
            <td key={rater} class={`rating-cell status-${stored.ratings[rater]?.status ?? 'unknown'}`}>
              {label(stored.ratings[rater]?.status)}
            </td>
          ))}
          <td class="rating-median">{label(stored.median)}</td>
          <td>{stored.spread === null ? '—' : `${stored.spread}${stored.disagreement ? ' (disagree)' : ''}`}</td>
        </tr>
      </tbody>
    </table>
  );
}

function answerLine(stored: AnswerView | undefined, seesAll: boolean): string {
  if (stored === undefined) return 'no answer yet';
  if (stored.status !== null) return `${label(stored.status)} (${stored.consensusSource === 'facilitator' ? 'decided' : 'recorded'})`;
  if (!seesAll) return 'not decided yet';
  return stored.consensusSource === 'median' ? `${label(stored.consensus)} (median of the ratings, not decided yet)` : 'not decided yet';
}

/** The person's own rating next to the answer that counts. */
function OwnVersusAnswer({ props, stored }: { readonly props: CardProps; readonly stored: AnswerView | undefined }): JSX.Element | null {
  const { capacity, view, editor, practice } = props;
  if (!capacity.canRate) return null;
  const mine = shownRating(stored, ratingEditOf(editor.edits, practice.id), capacity.username);
  const seesAll = seesAllRatings(view.state, capacity);
  if (mine === null && props.control !== 'rating') return null;
  const canWithdraw = ownRating(stored, capacity.username) !== undefined && props.control === 'rating';
  return (
    <p class="own-vs-answer">
      <span>
        Your rating: <strong>{label(mine)}</strong>
      </span>
      <span>
        Answer: <strong>{answerLine(stored, seesAll)}</strong>
      </span>
      {canWithdraw ? (
        <button
          type="button"
          class="link-button"
          onClick={() => {
            editor.setRating(practice.id, null);
          }}
        >
          Withdraw my rating
        </button>
      ) : null}
    </p>
  );
}

function Justification({ props, stored }: { readonly props: CardProps; readonly stored: AnswerView | undefined }): JSX.Element | null {
  const { practice, editor, view, capacity, control } = props;
  const shown = shownAnswer(stored, answerEditOf(editor.edits, practice.id));
  const id = `${useId()}-justification`;
  const naSomewhere = shown.status === 'not-applicable' || stored?.consensus === 'not-applicable' || (control === 'rating' && controlValue(props).value === 'not-applicable');
  if (!naSomewhere && shown.justification === '') return null;
  const missing = naSomewhere && shown.justification.trim() === '';
  return (
    <div class="field justification">
      <label for={id}>Justification{naSomewhere ? ' (required for "not applicable")' : ''}</label>
      <textarea
        id={id}
        rows={2}
        value={shown.justification}
        readOnly={!editsEvidence(view.state, capacity)}
        aria-invalid={missing ? 'true' : undefined}
        aria-describedby={`${id}-hint`}
        onInput={(event) => {
          editor.setAnswer(practice.id, { justification: event.currentTarget.value });
        }}
      />
      <div id={`${id}-hint`} class={missing ? 'field-problem' : 'hint'}>
        Say why this practice does not apply to this team, for example "No containers: the service runs on managed functions". A checkpoint cannot be finalised while a practice is "not applicable" without one.
      </div>
    </div>
  );
}

function Conflicts({ props, stored }: { readonly props: CardProps; readonly stored: AnswerView | undefined }): JSX.Element {
  const { practice, editor, capacity } = props;
  const resources: Resource[] = ['answer', 'rating'];
  return (
    <div class="save-lines" aria-live="polite">
      {resources.map((resource) => {
        const state = editor.saves[saveKey(practice.id, resource)];
        const mine = resource === 'answer' ? answerEditOf(editor.edits, practice.id) : ratingEditOf(editor.edits, practice.id);
        if (state?.kind === 'conflict' && mine !== undefined) {
          return (
            <ConflictBox
              key={resource}
              practiceTitle={practice.title}
              resource={resource}
              mine={mine}
              theirs={stored}
              theirRating={ownRating(stored, capacity.username)}
              onKeepMine={() => {
                editor.keepMine(practice.id, resource);
              }}
              onTakeTheirs={() => {
                editor.takeTheirs(practice.id, resource);
              }}
            />
          );
        }
        return (
          <SaveLine
            key={resource}
            resource={resource}
            state={state}
            onRetry={() => {
              editor.retry(practice.id, resource);
            }}
          />
        );
      })}
    </div>
  );
}

/** One practice: guidance, the scan's proposal, the person's control, ratings, justification, evidence and save state. */
export function PracticeCard(props: CardProps): JSX.Element {
  const { practice, view, editor, capacity, control, today } = props;
  const stored = answerOf(view, practice.id);
  const shown = shownAnswer(stored, answerEditOf(editor.edits, practice.id));
  const { value, set } = controlValue(props);
  const headingId = `practice-${practice.id}-title`;
  const guidanceId = `practice-${practice.id}-guidance`;
  const seesAll = seesAllRatings(view.state, capacity);
  return (
    <article class="practice" id={`practice-${practice.id}`} aria-labelledby={headingId} data-practice={practice.id}>
      <header class="practice-head">
        <h4 id={headingId}>{practice.title}</h4>
        <code class="muted">{practice.id}</code>
        {seesAll && stored?.disagreement === true ? <span class="badge badge-disagree">Raters disagree</span> : null}
        {stored?.proposed !== null && stored?.proposed !== undefined ? <span class="badge badge-scan">Scan proposal</span> : null}
      </header>
      <p class="guidance" id={guidanceId}>
        <strong>Look for: </strong>
        {practice.guidance}
      </p>
      <details class="about">
        <summary>About this practice</summary>
        <p>{practice.description}</p>
        <p class="muted">
          Risk while missing {practice.risk} of 5 · effort {practice.effort} of 5
        </p>
      </details>
      {stored === undefined ? null : <ProposalBox props={props} stored={stored} />}
      {control === 'none' ? (
        <p class="readonly-status">
          Status: <strong>{answerLine(stored, seesAll)}</strong>
        </p>
      ) : (
        <StatusRadios name={`status-${practice.id}`} id={controlId(practice.id)} legend={legendOf(control, view)} value={value} onChange={set} describedBy={guidanceId} />
      )}
      {control === 'answer' && view.state === 'consensus' && stored?.median !== null && stored?.median !== undefined ? (
        <button
          type="button"
          class="link-button"
          onClick={() => {
            editor.setAnswer(practice.id, { status: stored.median });
          }}
        >
          Use the median ({label(stored.median)})
        </button>
      ) : null}
      {seesAll && stored !== undefined ? <RatingsTable stored={stored} raters={view.raters} /> : null}
      <OwnVersusAnswer props={props} stored={stored} />
      <Justification props={props} stored={stored} />
      <details class="evidence-details" open={shown.evidence.length > 0}>
        <summary>Evidence ({shown.evidence.length})</summary>
        <EvidenceEditor
          practiceId={practice.id}
          evidence={shown.evidence}
          editable={editsEvidence(view.state, capacity)}
          by={capacity.username}
          today={today}
          onChange={(evidence) => {
            editor.setAnswer(practice.id, { evidence }, true);
          }}
        />
      </details>
      <Conflicts props={props} stored={stored} />
    </article>
  );
}
