import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemMessage } from '../api.js';
import type { ApiProblem } from '../api.js';
import { useDraft } from '../drafts.js';
import { withEntry } from './edits.js';
import type { Capacity } from './roles.js';
import type { CheckpointEditor } from './use-checkpoint.js';
import type { CheckpointView, DomainView, ModelBody } from './types.js';

/** Pending quick-mode scores and the checkpoint version they were chosen on. */
interface QuickEdit {
  readonly base: number;
  readonly scores: Readonly<Record<string, number>>;
}

const DELAY = 500;

function scoresText(model: ModelBody, scores: Readonly<Record<string, number>>): string {
  const parts = model.domains.filter((domain) => Object.hasOwn(scores, domain.id)).map((domain) => `${domain.name} ${scores[domain.id]}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

interface SelectorProps {
  readonly model: ModelBody;
  readonly domainId: string;
  readonly name: string;
  readonly value: number | undefined;
  readonly disabled: boolean;
  readonly onChange: (level: number | undefined) => void;
}

/** One domain's 0–3 self-rating (and "not rated") as a native radio group. */
export function LevelSelector({ model, domainId, name, value, disabled, onChange }: SelectorProps): JSX.Element {
  const levels = [...model.levels].sort((a, b) => a.level - b.level);
  return (
    <fieldset class="level-selector" disabled={disabled} id={`quick-${domainId}`}>
      <legend>{name}</legend>
      <div class="status-options">
        <label class="status-option">
          <input type="radio" name={`quick-${domainId}`} value="" checked={value === undefined} onChange={() => { onChange(undefined); }} />
          <span>Not rated</span>
        </label>
        {levels.map((level) => (
          <label key={level.level} class="status-option" title={level.description}>
            <input type="radio" name={`quick-${domainId}`} value={String(level.level)} checked={value === level.level} onChange={() => { onChange(level.level); }} />
            <span>
              {level.level} · {level.name}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function derivedText(domain: DomainView | undefined): string {
  if (domain === undefined || domain.basis === 'unassessed') return 'no practice answered';
  if (domain.level === null) return 'not applicable';
  return `derived level ${domain.level}${domain.incomplete > 0 ? ` (incomplete: ${domain.incomplete} unknown)` : ''}${domain.mismatch ? ' — differs from the self-rating' : ''}`;
}

interface QuickProps {
  readonly model: ModelBody;
  readonly view: CheckpointView;
  readonly editor: CheckpointEditor;
  readonly capacity: Capacity;
}

/** Quick mode: one self-rated level per domain, saved (by a lead) on the checkpoint with If-Match. */
export function QuickScores({ model, view, editor, capacity }: QuickProps): JSX.Element {
  const [edit, setEdit] = useDraft<QuickEdit | null>(`assess.quick.${view.id}`, null);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'conflict'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const editable = capacity.isLead && view.state !== 'final';
  const scores = edit?.scores ?? view.domainScores;

  const latest = useRef<QuickEdit | null>(edit);
  const keep = (pending: QuickEdit | null): void => {
    latest.current = pending;
    setEdit(pending);
  };

  const inFlight = useRef(false);
  const save = async (pending: QuickEdit): Promise<void> => {
    setState('saving');
    inFlight.current = true;
    const change = await editor.changeCheckpoint({ domainScores: { ...pending.scores } }, pending.base);
    inFlight.current = false;
    if (change.ok) {
      setProblem(undefined);
      // Chosen again while this save was on its way: that choice now builds on the stored version.
      const newer = latest.current !== null && latest.current !== pending ? { base: change.version, scores: latest.current.scores } : null;
      keep(newer);
      setState(newer === null ? 'saved' : 'saving');
      if (newer !== null) void save(newer);
      return;
    }
    setProblem(change.problem.status === 412 ? undefined : change.problem);
    setState(change.problem.status === 412 ? 'conflict' : 'idle');
  };

  useEffect(() => () => { clearTimeout(timer.current); }, []);

  const change = (domainId: string, level: number | undefined): void => {
    const next = withEntry(scores, domainId, level);
    const pending = { base: latest.current?.base ?? view.version, scores: next };
    keep(pending);
    if (state === 'conflict') return;
    setState('saving');
    clearTimeout(timer.current);
    // One save at a time: a choice made while one is on its way goes out when it lands.
    timer.current = setTimeout(() => {
      if (!inFlight.current) void save(pending);
    }, DELAY);
  };

  return (
    <section class="card" aria-labelledby="quick-heading">
      <h2 id="quick-heading">Quick scores (self-rated, 0–{Math.max(...model.levels.map((level) => level.level))} per domain)</h2>
      <p class="muted">
        A quick score is kept as "self-rated" beside the level derived from the practices; a domain without practice answers takes the quick score as its level.
        {editable ? '' : ' Only a lead of the team changes quick scores once the checkpoint has started.'}
      </p>
      <p class="save-lines" aria-live="polite">
        {state === 'saving' ? <span class="save save-saving">Quick scores: saving…</span> : null}
        {state === 'saved' ? <span class="save save-saved">Quick scores: saved ✓</span> : null}
      </p>
      {state === 'conflict' && edit !== null ? (
        <div class="conflict" role="alert">
          <p>
            <strong>Not saved: conflicting change.</strong> The checkpoint changed while you were choosing (version {view.version}, state {view.state}).
          </p>
          <p>Yours: {scoresText(model, edit.scores)}</p>
          <p>Theirs: {scoresText(model, view.domainScores)}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => {
                const pending = { base: view.version, scores: edit.scores };
                keep(pending);
                void save(pending);
              }}>
              Keep mine
            </button>
            <button
              type="button"
              onClick={() => {
                keep(null);
                setState('idle');
              }}
            >
              Take theirs
            </button>
          </div>
        </div>
      ) : null}
      {problem === undefined ? null : (
        <div class="problem" role="alert">
          {problemMessage(problem)}
        </div>
      )}
      <div class="quick-grid">
        {model.domains.map((domain) => (
          <div key={domain.id} class="quick-domain">
            <LevelSelector model={model} domainId={domain.id} name={domain.name} value={Object.hasOwn(scores, domain.id) ? scores[domain.id] : undefined} disabled={!editable} onChange={(level) => { change(domain.id, level); }} />
            <p class="muted">{derivedText(view.domains.find((candidate) => candidate.domain === domain.id))}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
