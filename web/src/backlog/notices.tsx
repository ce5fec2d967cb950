import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { BacklogStatus } from '../../../src/core/persistence/records.js';
import { ProblemBox } from '../ui.js';
import { STATUS_LABELS } from './backlog-data.js';
import type { BacklogEntry, StatusChange } from './backlog-data.js';
import type { MoveNotice } from './backlog-state.js';

interface NoticeProps {
  readonly notice: MoveNotice | undefined;
  readonly dismiss: () => void;
  readonly move: (item: BacklogEntry, to: BacklogStatus) => Promise<void>;
  readonly teamName: (team: string) => string;
}

function label(status: BacklogStatus | undefined): string {
  return status === undefined ? 'off the backlog' : STATUS_LABELS[status];
}

function OtherChanges({ others, teamName }: { others: readonly StatusChange[]; teamName: (team: string) => string }): JSX.Element | null {
  if (others.length === 0) return null;
  const first = others.slice(0, 6);
  return (
    <>
      <p>Also changed since this page loaded ({others.length}):</p>
      <ul class="plain">
        {first.map((change) => (
          <li key={`${change.item.team}\n${change.item.key}`}>
            {change.item.title} <span class="muted">({teamName(change.item.team)})</span>: {change.from === undefined ? 'new on the backlog' : `${label(change.from)} → ${label(change.to)}`}
          </li>
        ))}
        {others.length > first.length ? <li>and {others.length - first.length} more</li> : null}
      </ul>
    </>
  );
}

/** A 412: someone else set the status first. Shows theirs and mine; nothing changes until the user picks one. */
function Conflict({ notice, dismiss, move, teamName }: NoticeProps & { notice: Extract<MoveNotice, { kind: 'conflict' }> }): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, [notice]);
  const { theirs, mine } = notice;
  const same = theirs.status === mine;
  return (
    <div class="notice notice-error bl-conflict" role="alert" tabIndex={-1} ref={box}>
      <p>
        <strong>“{theirs.title}”</strong> ({teamName(theirs.team)}) was changed by someone else after this page loaded it. It is now <strong>{STATUS_LABELS[theirs.status]}</strong>; you moved it to{' '}
        <strong>{STATUS_LABELS[mine]}</strong>. {same ? 'Both agree, so nothing more is needed.' : 'Nothing was overwritten: choose which status stays.'} The backlog below has been reloaded.
      </p>
      <OtherChanges others={notice.others} teamName={teamName} />
      <div class="actions">
        <button type="button" onClick={dismiss}>
          {same ? 'OK' : `Keep ${STATUS_LABELS[theirs.status]}`}
        </button>
        {same ? null : (
          <button
            type="button"
            class="primary"
            onClick={() => {
              void move(theirs, mine);
            }}
          >
            Move to {STATUS_LABELS[mine]} anyway
          </button>
        )}
      </div>
    </div>
  );
}

/** What the last move did: done, conflicting, gone, or refused. */
export function MoveNotices(props: NoticeProps): JSX.Element | null {
  const { notice, dismiss, teamName } = props;
  if (notice === undefined) return null;
  if (notice.kind === 'conflict') return <Conflict {...props} notice={notice} />;
  if (notice.kind === 'failed') {
    return (
      <div class="bl-notice">
        <ProblemBox problem={notice.problem} />
        <button type="button" class="link-button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  const text =
    notice.kind === 'moved'
      ? `Moved “${notice.item.title}” (${teamName(notice.item.team)}) to ${STATUS_LABELS[notice.to]}.`
      : `“${notice.item.title}” (${teamName(notice.item.team)}) is no longer on the backlog: a newer checkpoint may have put its practice in place. The backlog was reloaded; your move to ${STATUS_LABELS[notice.mine]} was not applied.`;
  return (
    <div class={`notice ${notice.kind === 'moved' ? 'notice-success' : 'notice-info'} bl-notice`} role={notice.kind === 'moved' ? 'status' : 'alert'}>
      <span>{text}</span>
      <button type="button" class="link-button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
