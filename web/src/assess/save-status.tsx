import type { JSX } from 'preact';
import { problemMessage } from '../api.js';
import { entryText } from './evidence.js';
import type { AnswerEdit, RatingEdit, Resource } from './edits.js';
import type { SaveState } from './use-checkpoint.js';
import { STATUS_LABELS } from './types.js';
import type { AnswerStatus, AnswerView, Evidence, RatingView } from './types.js';

const NOUNS: Readonly<Record<Resource, string>> = { answer: 'Answer', rating: 'Your rating' };

/** One resource's save state in words (announced politely); a failed save offers to try again. */
export function SaveLine({ resource, state, onRetry }: { readonly resource: Resource; readonly state: SaveState | undefined; readonly onRetry: () => void }): JSX.Element | null {
  if (state === undefined || state.kind === 'conflict') return null;
  if (state.kind === 'saving') return <span class="save save-saving">{NOUNS[resource]}: saving…</span>;
  if (state.kind === 'saved') return <span class="save save-saved">{NOUNS[resource]}: saved ✓</span>;
  if (state.kind === 'held') return <span class="save save-held">{state.reason}</span>;
  return (
    <span class="save save-error">
      {NOUNS[resource]} not saved: {problemMessage(state.problem)}{' '}
      <button type="button" class="link-button" onClick={onRetry}>
        Try again
      </button>
    </span>
  );
}

function statusText(status: AnswerStatus | null | undefined): string {
  return status === null || status === undefined ? 'no status' : STATUS_LABELS[status];
}

function evidenceText(evidence: readonly Evidence[]): JSX.Element {
  if (evidence.length === 0) return <span class="muted">none</span>;
  return (
    <ul class="plain">
      {evidence.map((entry, index) => (
        <li key={String(index)}>{entryText(entry)}</li>
      ))}
    </ul>
  );
}

interface Row {
  readonly field: string;
  readonly mine: JSX.Element | string;
  readonly theirs: JSX.Element | string;
}

function answerRows(mine: AnswerEdit, theirs: AnswerView | undefined): Row[] {
  const rows: Row[] = [];
  if (mine.status !== undefined) rows.push({ field: 'Status', mine: statusText(mine.status), theirs: statusText(theirs?.status) });
  if (mine.justification !== undefined) rows.push({ field: 'Justification', mine: mine.justification.trim() === '' ? '(empty)' : mine.justification, theirs: theirs?.justification ?? '(empty)' });
  if (mine.evidence !== undefined) rows.push({ field: 'Evidence', mine: evidenceText(mine.evidence), theirs: evidenceText(theirs?.evidence ?? []) });
  return rows;
}

interface ConflictProps {
  readonly practiceTitle: string;
  readonly resource: Resource;
  readonly mine: AnswerEdit | RatingEdit;
  readonly theirs: AnswerView | undefined;
  readonly theirRating: RatingView | undefined;
  readonly onKeepMine: () => void;
  readonly onTakeTheirs: () => void;
}

function whoChanged(resource: Resource, theirs: AnswerView | undefined, theirRating: RatingView | undefined): string {
  if (resource === 'rating') return theirRating === undefined ? 'Your rating was withdrawn in another window meanwhile.' : `Your rating was changed in another window meanwhile (version ${theirRating.version}).`;
  if (theirs === undefined || theirs.version === 0) return 'The answer was removed meanwhile.';
  return `${theirs.updatedBy ?? 'Someone'} changed this answer while you were editing it (version ${theirs.version}${theirs.updatedAt === null ? '' : `, ${theirs.updatedAt.slice(0, 16).replace('T', ' ')} UTC`}).`;
}

/** A 412: both versions side by side; nothing is stored until the person chooses. */
export function ConflictBox({ practiceTitle, resource, mine, theirs, theirRating, onKeepMine, onTakeTheirs }: ConflictProps): JSX.Element {
  const rows = resource === 'answer' ? answerRows(mine, theirs) : [{ field: 'Rating', mine: statusText((mine as RatingEdit).status), theirs: statusText(theirRating?.status) }];
  return (
    <div class="conflict" role="alert" aria-label={`Conflict on ${practiceTitle}`}>
      <p>
        <strong>Not saved: conflicting change.</strong> {whoChanged(resource, theirs, theirRating)} Choose which version to keep.
      </p>
      <table class="conflict-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Yours (not saved)</th>
            <th scope="col">Theirs (saved now)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field}>
              <th scope="row">{row.field}</th>
              <td class="conflict-mine">{row.mine}</td>
              <td class="conflict-theirs">{row.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" class="primary" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" onClick={onTakeTheirs}>
          Take theirs
        </button>
      </div>
    </div>
  );
}
