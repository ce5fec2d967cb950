import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { findingPlace, isSafeLink, linkProblem, newLink, newNote, withoutEntry } from './evidence.js';
import type { Evidence } from './types.js';

function byLine(entry: Evidence): string {
  const parts = [entry.by, entry.date].filter((part) => part !== undefined && part !== '');
  return parts.length === 0 ? '' : ` · ${parts.join(', ')}`;
}

/** A link only when it passes the S23 check; anything else stays text. */
function LinkEntry({ entry }: { readonly entry: Extract<Evidence, { type: 'link' }> }): JSX.Element {
  const label = entry.title ?? entry.url;
  if (!isSafeLink(entry.url)) return <span class="evidence-refused">{`${label} (link not shown: not an http(s) address)`}</span>;
  return (
    <a href={entry.url} rel="noopener noreferrer" target="_blank">
      {label}
    </a>
  );
}

function EntryView({ entry }: { readonly entry: Evidence }): JSX.Element {
  if (entry.type === 'note') {
    return (
      <>
        <span class="evidence-kind">Note</span> <span class="evidence-text">{entry.text}</span>
      </>
    );
  }
  if (entry.type === 'link') {
    return (
      <>
        <span class="evidence-kind">Link</span> <LinkEntry entry={entry} />
      </>
    );
  }
  return (
    <>
      <span class="evidence-kind">Scan</span> <code>{entry.detector}</code> at <code>{findingPlace(entry)}</code>
      {entry.message === undefined ? null : <span class="evidence-text"> — {entry.message}</span>}
    </>
  );
}

interface EditorProps {
  readonly practiceId: string;
  readonly evidence: readonly Evidence[];
  readonly editable: boolean;
  readonly by: string;
  readonly today: string;
  readonly onChange: (evidence: Evidence[]) => void;
}

function AddNote({ practiceId, onAdd }: { readonly practiceId: string; readonly onAdd: (text: string) => void }): JSX.Element {
  const [text, setText] = useState('');
  const id = `${useId()}-note`;
  return (
    <div class="evidence-add">
      <label for={id}>Add a note</label>
      <textarea
        id={id}
        rows={2}
        value={text}
        data-practice={practiceId}
        onInput={(event) => {
          setText(event.currentTarget.value);
        }}
      />
      <button
        type="button"
        disabled={text.trim() === ''}
        onClick={() => {
          onAdd(text);
          setText('');
        }}
      >
        Add note
      </button>
    </div>
  );
}

function AddLink({ onAdd }: { readonly onAdd: (url: string, title: string) => void }): JSX.Element {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const id = useId();
  const add = (): void => {
    const refused = linkProblem(url);
    setProblem(refused);
    if (refused !== undefined) return;
    onAdd(url, title);
    setUrl('');
    setTitle('');
  };
  return (
    <div class="evidence-add evidence-add-link">
      <div class="field">
        <label for={`${id}-url`}>Link address</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          placeholder="https://…"
          value={url}
          aria-invalid={problem === undefined ? undefined : 'true'}
          aria-describedby={`${id}-hint`}
          onInput={(event) => {
            setUrl(event.currentTarget.value);
            setProblem(undefined);
          }}
        />
      </div>
      <div class="field">
        <label for={`${id}-title`}>Link title (optional)</label>
        <input
          id={`${id}-title`}
          type="text"
          value={title}
          onInput={(event) => {
            setTitle(event.currentTarget.value);
          }}
        />
      </div>
      <button type="button" disabled={url.trim() === ''} onClick={add}>
        Add link
      </button>
      <div id={`${id}-hint`} class={problem === undefined ? 'hint' : 'field-problem'} role={problem === undefined ? undefined : 'alert'}>
        {problem ?? 'An absolute https:// (or http://) address, without user name or password. Stepwise never opens it for you.'}
      </div>
    </div>
  );
}

/** The evidence of an answer: notes, links (S23) and scan findings with file:line; notes and links can be added and removed. */
export function EvidenceEditor({ practiceId, evidence, editable, by, today, onChange }: EditorProps): JSX.Element {
  return (
    <div class="evidence">
      {evidence.length === 0 ? (
        <p class="muted">No evidence yet.</p>
      ) : (
        <ul class="evidence-list">
          {evidence.map((entry, index) => (
            <li key={String(index)}>
              <EntryView entry={entry} />
              <span class="muted">{byLine(entry)}</span>
              {editable && entry.type !== 'finding' ? (
                <button
                  type="button"
                  class="link-button evidence-remove"
                  aria-label={`Remove ${entry.type} ${index + 1}`}
                  onClick={() => {
                    onChange(withoutEntry(evidence, index));
                  }}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <div class="evidence-forms">
          <AddNote
            practiceId={practiceId}
            onAdd={(text) => {
              onChange([...evidence, newNote(text, by, today)]);
            }}
          />
          <AddLink
            onAdd={(url, title) => {
              onChange([...evidence, newLink(url, title, by, today)]);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
