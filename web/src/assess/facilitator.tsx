import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { DisagreementMap } from '../../../src/charts/disagreement.js';
import type { DisagreementRow } from '../../../src/charts/disagreement.js';
import { problemMessage } from '../api.js';
import type { ApiProblem } from '../api.js';
import { finaliseCheck, needsDecision } from './progress.js';
import type { Capacity } from './roles.js';
import type { CheckpointEditor } from './use-checkpoint.js';
import { STATE_LABELS, STATUS_LABELS } from './types.js';
import type { AnswerStatus, CheckpointState, CheckpointView, ModelBody } from './types.js';

/** The rows of the disagreement map: practices whose ratings disagree, in model order. */
export function disagreementRows(model: ModelBody, view: CheckpointView, facilitator: string): DisagreementRow[] {
  return model.practices.flatMap((practice) => {
    const answer = Object.hasOwn(view.answers, practice.id) ? view.answers[practice.id] : undefined;
    if (answer?.disagreement !== true) return [];
    const ratings: Record<string, AnswerStatus> = {};
    for (const [rater, rating] of Object.entries(answer.ratings)) ratings[rater] = rating.status;
    // Open (null) until the facilitator has looked at it: a status copied from the last checkpoint is no decision on these ratings.
    return [{ practice: practice.id, title: practice.title, domain: practice.domain, ratings, resolved: needsDecision(answer, facilitator) ? null : (answer.status ?? answer.consensus) }];
  });
}

/** Where raters disagree, drawn with the shared chart; each practice links to its card. */
export function DisagreementPanel({ model, view, facilitator, onOpen }: { readonly model: ModelBody; readonly view: CheckpointView; readonly facilitator: string; readonly onOpen: (practiceId: string) => void }): JSX.Element {
  const rows = disagreementRows(model, view, facilitator);
  const labels = Object.fromEntries(model.domains.map((domain) => [domain.id, domain.name]));
  const undecided = rows.filter((row) => row.resolved === null);
  return (
    <section class="card" aria-labelledby="disagreement-heading">
      <h2 id="disagreement-heading">Where the raters disagree</h2>
      <p class="muted">
        {rows.length} of {model.practices.length} practices disagree ({view.raters.length} raters: {view.raters.join(', ') || 'none yet'}); {undecided.length} still need your decision. The median is the
        default; set the consensus status on each practice.
      </p>
      <div class="chart-scroll">
        <DisagreementMap rows={rows} raters={view.raters} domainLabels={labels} title="Ratings per practice" emptyMessage="No disagreement: every practice's ratings agree." />
      </div>
      {rows.length === 0 ? null : (
        <ul class="disagree-links">
          {rows.map((row) => (
            <li key={row.practice}>
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  onOpen(row.practice);
                }}
              >
                {row.title}
              </button>{' '}
              <span class="muted">{row.resolved === null ? 'to decide' : `decided: ${STATUS_LABELS[row.resolved].toLowerCase()}`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface Move {
  readonly to: CheckpointState;
  readonly label: string;
  readonly explain: string;
  readonly primary: boolean;
}

const MOVES: Readonly<Record<CheckpointState, readonly Move[]>> = {
  draft: [{ to: 'rating', label: 'Start the rating round', explain: 'Each assessor rates alone; their ratings stay hidden from each other until consensus.', primary: true }],
  rating: [{ to: 'consensus', label: 'Open consensus', explain: 'Everybody sees all ratings; you decide the status of each practice (the median is the default).', primary: true }],
  consensus: [
    { to: 'final', label: 'Finalise', explain: 'The checkpoint then counts for the heatmap, the backlog and the trend, and no longer changes.', primary: true },
    { to: 'rating', label: 'Back to rating', explain: 'Reopens the rating round.', primary: false },
  ],
  final: [],
};

function PracticeLinks({ ids, model, onOpen }: { readonly ids: readonly string[]; readonly model: ModelBody; readonly onOpen: (practiceId: string) => void }): JSX.Element {
  return (
    <>
      {ids.map((id, index) => (
        <span key={id}>
          {index > 0 ? ', ' : ''}
          <button type="button" class="link-button" onClick={() => { onOpen(id); }}>
            {model.practices.find((practice) => practice.id === id)?.title ?? id}
          </button>
        </span>
      ))}
    </>
  );
}

function FinaliseNotes({ model, view, facilitator, onOpen }: { readonly model: ModelBody; readonly view: CheckpointView; readonly facilitator: string; readonly onOpen: (practiceId: string) => void }): JSX.Element | null {
  if (view.state !== 'consensus') return null;
  const check = finaliseCheck(model, view, facilitator);
  if (check.unjustified.length === 0 && check.undecidedDisagreements.length === 0 && check.unknown === 0) return <p class="muted">Ready to finalise: every practice has a status that counts.</p>;
  return (
    <ul class="finalise-notes">
      {check.unjustified.length === 0 ? null : (
        <li class="finalise-blocker">
          Blocks finalising: {check.unjustified.length} practice(s) not applicable without a justification: <PracticeLinks ids={check.unjustified} model={model} onOpen={onOpen} />.
        </li>
      )}
      {check.undecidedDisagreements.length === 0 ? null : (
        <li>
          {check.undecidedDisagreements.length} disagreement(s) not decided yet (the current status counts if you finalise): <PracticeLinks ids={check.undecidedDisagreements} model={model} onOpen={onOpen} />.
        </li>
      )}
      {check.unknown === 0 ? null : <li>{check.unknown} practice(s) still unknown: they stay unknown (never 0) and mark their domains incomplete.</li>}
    </ul>
  );
}

interface ActionProps {
  readonly model: ModelBody;
  readonly view: CheckpointView;
  readonly editor: CheckpointEditor;
  readonly capacity: Capacity;
  readonly onOpen: (practiceId: string) => void;
}

function refusalText(problem: ApiProblem): string {
  // The server names the practices; say what to do about them rather than the generic advice for a 400.
  if (problem.status === 400) return `Not finalised: ${problem.detail.replace(/^cannot finalise:\s*/i, '')}. Write a justification for each practice named (or change its status), then finalise again.`;
  return problemMessage(problem);
}

/** The facilitator's buttons that move the checkpoint on; a refusal (e.g. an unjustified n/a) says what is missing. */
export function StateActions({ model, view, editor, capacity, onOpen }: ActionProps): JSX.Element | null {
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const moves = MOVES[view.state];
  if (moves.length === 0) return null;
  if (!capacity.isLead) return <p class="muted state-note">A lead of the team moves the checkpoint on (now: {STATE_LABELS[view.state]}).</p>;
  const move = async (to: CheckpointState): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    await editor.flush();
    const change = await editor.changeCheckpoint({ state: to });
    setProblem(change.ok ? undefined : change.problem);
    setBusy(false);
  };
  return (
    <div class="state-actions">
      <FinaliseNotes model={model} view={view} facilitator={capacity.username} onOpen={onOpen} />
      <div class="actions">
        {moves.map((candidate) => (
          <button
            key={candidate.to}
            type="button"
            class={candidate.primary ? 'primary' : undefined}
            disabled={busy}
            title={candidate.explain}
            onClick={() => void move(candidate.to)}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <p class="hint">{moves.map((candidate) => `${candidate.label}: ${candidate.explain}`).join(' ')}</p>
      {problem === undefined ? null : (
        <div class="problem" role="alert">
          {refusalText(problem)}
        </div>
      )}
    </div>
  );
}
