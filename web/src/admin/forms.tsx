import type { ComponentChildren, JSX, PartialInputHTMLAttributes, RefObject, TargetedEvent } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { ApiProblem } from '../api.js';
import { ProblemBox } from '../ui.js';
import type { FieldErrors } from './validate.js';
import { positionText } from './validate.js';

/**
 * Form pieces of the administration pages: every control has a visible label, its error sits right
 * under it (tied with aria-describedby, aria-invalid set), and after a refused submit the focus moves
 * to the first field in error so a keyboard user lands where the fix is.
 */

interface Described {
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ComponentChildren;
}

function describedBy(id: string, error: string | undefined, hint: ComponentChildren): string | undefined {
  const ids = [error === undefined ? undefined : `${id}-error`, hint === undefined ? undefined : `${id}-hint`].filter((part) => part !== undefined);
  return ids.length === 0 ? undefined : ids.join(' ');
}

function FieldNotes({ id, error, hint }: { readonly id: string; readonly error: string | undefined; readonly hint: ComponentChildren }): JSX.Element {
  return (
    <>
      {hint === undefined ? null : (
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error === undefined ? null : (
        <div class="field-error" id={`${id}-error`}>
          <span aria-hidden="true">✗ </span>
          {error}
        </div>
      )}
    </>
  );
}

interface TextInputProps extends Described {
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly type?: 'text' | 'password' | 'number' | 'date' | 'search';
  readonly required?: boolean;
  readonly autoComplete?: string;
  readonly list?: string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: string;
  readonly placeholder?: string;
  readonly size?: 'short' | 'normal';
  readonly disabled?: boolean;
}

type InputType = NonNullable<TextInputProps['type']>;

/** Preact types each input `type` separately, so the element is written once per type. */
function TypedInput({ type, list, attributes }: { readonly type: InputType; readonly list: string | undefined; readonly attributes: Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'type' | 'role'> }): JSX.Element {
  switch (type) {
    case 'password':
      return <input type="password" {...attributes} />;
    case 'number':
      return <input type="number" list={list} {...attributes} />;
    case 'date':
      return <input type="date" list={list} {...attributes} />;
    case 'search':
      return <input type="search" list={list} {...attributes} />;
    case 'text':
      return <input type="text" list={list} {...attributes} />;
  }
}

/** A labelled input with its hint and error. */
export function TextInput(props: TextInputProps): JSX.Element {
  const { id, label, error, hint, value, onInput, type = 'text', required = false, size = 'normal' } = props;
  return (
    <div class={`field${size === 'short' ? ' field-short' : ''}`}>
      <label for={id}>
        {label}
        {required ? <span class="muted"> (required)</span> : null}
      </label>
      <TypedInput
        type={type}
        list={props.list}
        attributes={{
          id,
          name: id,
          value,
          required,
          disabled: props.disabled,
          autoComplete: props.autoComplete ?? 'off',
          min: props.min,
          max: props.max,
          step: props.step,
          placeholder: props.placeholder,
          'aria-invalid': error === undefined ? undefined : 'true',
          'aria-describedby': describedBy(id, error, hint),
          onInput: (event: TargetedEvent<HTMLInputElement>) => {
            onInput(event.currentTarget.value);
          },
        }}
      />
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

interface SelectProps extends Described {
  readonly value: string;
  readonly options: readonly (readonly [value: string, text: string])[];
  readonly onChange: (value: string) => void;
  readonly disabled?: boolean;
}

/** A labelled drop-down with its hint and error. */
export function SelectInput({ id, label, error, hint, value, options, onChange, disabled }: SelectProps): JSX.Element {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        disabled={disabled}
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event: TargetedEvent<HTMLSelectElement>) => {
          onChange(event.currentTarget.value);
        }}
      >
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

interface CheckboxProps {
  readonly id: string;
  readonly label: ComponentChildren;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: ComponentChildren;
  readonly disabled?: boolean;
}

/** A checkbox with its label after it and an optional hint. */
export function Checkbox({ id, label, checked, onChange, hint, disabled }: CheckboxProps): JSX.Element {
  return (
    <div class="field">
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={hint === undefined ? undefined : `${id}-hint`}
          onChange={(event: TargetedEvent<HTMLInputElement>) => {
            onChange(event.currentTarget.checked);
          }}
        />
        {label}
      </label>
      {hint === undefined ? null : (
        <div class="hint check-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}

/**
 * Moves the focus to the first field in error each time `attempt` grows (one per refused submit).
 * Field keys become element ids through `idOf`.
 */
export function useFocusFirstError(errors: FieldErrors, attempt: number, idOf: (field: string) => string): void {
  useEffect(() => {
    if (attempt === 0) return;
    const first = Object.keys(errors)[0];
    if (first !== undefined) document.getElementById(idOf(first))?.focus();
    // Only a new attempt moves the focus (not typing that changes the errors), hence `attempt` alone.
  }, [attempt]);
}

/**
 * Moves the focus to the element when it first appears (an editor opened from a list, a panel that
 * needs an answer), scrolling it into view: at tablet width it opens below the list.
 */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const element = useRef<T>(null);
  useEffect(() => {
    element.current?.focus();
    element.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return element;
}

/** A summary above a form that failed its checks: says how many fields need a fix. */
export function ErrorSummary({ errors }: { readonly errors: FieldErrors }): JSX.Element | null {
  const count = Object.keys(errors).length;
  if (count === 0) return null;
  return (
    <div class="notice notice-error" role="alert">
      {count === 1 ? 'One field needs a fix: see the message under it.' : `${count} fields need a fix: see the messages under them.`}
    </div>
  );
}

/** Names the server gives an upload as a whole; the person knows it by the name of the file they chose. */
const UPLOAD_NAMES = new Set(['upload', 'upload.xlsx']);

/** The reason as a sentence; a reason that starts with a field path (`teams.0.id: …`) keeps it as written. */
function sentence(text: string): string {
  const trimmed = text.replace(/[.\s]*$/, '');
  return /^[a-z]+\s/.test(trimmed) ? `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}` : trimmed;
}

/**
 * The server's refusal of an upload or import: its reason and where — file, line and column — in one
 * alert, with what to do. Problems that name no position are shown as any other.
 */
export function FileProblem({ problem, fileName }: { readonly problem: ApiProblem | undefined; readonly fileName?: string | undefined }): JSX.Element | null {
  if (problem === undefined) return null;
  const at = problem.at === undefined ? undefined : { ...problem.at, file: problem.at.file !== undefined && UPLOAD_NAMES.has(problem.at.file) ? (fileName ?? problem.at.file) : problem.at.file };
  const where = positionText(at);
  if (where === undefined || problem.status >= 500) return <ProblemBox problem={problem} />;
  return (
    <div class="problem" role="alert">
      <p class="problem-at">
        Where: <strong>{where}</strong>
      </p>
      <p>{sentence(problem.detail)}.</p>
      <p>{at?.line === undefined ? 'Check that you chose the right file, then upload it again.' : 'Fix it there and upload the file again.'}</p>
    </div>
  );
}

interface ConfirmProps {
  readonly open: boolean;
  readonly title: string;
  readonly children: ComponentChildren;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
}

/** A modal question before something that cannot be undone; the focus starts on “Cancel”. */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, busy = false }: ConfirmProps): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      element.showModal();
      cancel.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={headingId}>{title}</h2>
      <div class="confirm-body">{children}</div>
      <div class="actions">
        <button type="button" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class="danger" disabled={busy} onClick={onConfirm}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** One field of a concurrent change: what this person typed and what is saved now. */
export interface ConflictRow {
  readonly label: string;
  readonly mine: string;
  readonly theirs: string;
}

interface ConflictProps {
  readonly rows: readonly ConflictRow[];
  readonly onUseMine: () => void;
  readonly onUseTheirs: () => void;
  readonly busy?: boolean;
}

/** After a 412: both values side by side, and the choice of which one stays. Nothing is overwritten without it. */
export function ConflictPanel({ rows, onUseMine, onUseTheirs, busy = false }: ConflictProps): JSX.Element {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="conflict" aria-labelledby="conflict-heading">
      <h3 id="conflict-heading" ref={heading} tabIndex={-1}>
        Someone else changed this while you were editing
      </h3>
      <p>Your change was not saved. Compare the two versions and choose which one to keep.</p>
      <table class="admin-table conflict-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Your version</th>
            <th scope="col">Saved now (their change)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} class={row.mine === row.theirs ? undefined : 'differs'}>
              <th scope="row">{row.label}</th>
              <td>{row.mine}</td>
              <td>
                {row.theirs}
                {row.mine === row.theirs ? null : <span class="muted"> (differs)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={onUseMine}>
          Save my version over theirs
        </button>
        <button type="button" disabled={busy} onClick={onUseTheirs}>
          Keep theirs, discard mine
        </button>
      </div>
    </section>
  );
}

/** A success message that announces itself (and the focus stays where the user is). */
export function Saved({ text }: { readonly text: string | undefined }): JSX.Element | null {
  if (text === undefined) return null;
  return (
    <div class="notice notice-success" role="status">
      {text}
    </div>
  );
}

/** A date-time from the API shown in the reader's own words, with the exact instant as a tooltip. */
export function When({ at }: { readonly at: string | null }): JSX.Element {
  if (at === null) return <span class="muted">never</span>;
  const date = new Date(at);
  const text = Number.isNaN(date.getTime()) ? at : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time dateTime={at} title={at}>
      {text}
    </time>
  );
}
