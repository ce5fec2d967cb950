import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, apiGet } from '../api.js';
import type { ApiProblem, ApiResult } from '../api.js';
import { Link, ProblemBox } from '../ui.js';
import type { ConflictRow } from './forms.js';
import { ConflictPanel, Saved, useFocusFirstError, useFocusOnMount } from './forms.js';
import type { FieldErrors } from './validate.js';
import { fieldOfProblem, isClean } from './validate.js';

/**
 * What the create forms and the editors of the administration pages share: a create form's refusals
 * and success, and an editor's PATCH with the version read (If-Match) whose 412 shows both versions.
 */

/** A change refused with 412, and the resource as it is saved now. */
export interface Conflict<C, T> {
  readonly changes: C;
  readonly theirs: T;
}

/** The state of an editor of one versioned resource. */
export interface VersionedPatch<C, T> {
  readonly busy: boolean;
  readonly problem: ApiProblem | undefined;
  readonly saved: string | undefined;
  readonly conflict: Conflict<C, T> | undefined;
  /** Sends the change with `version` as If-Match; true when saved (then says `done`), false when refused. */
  readonly patch: (changes: C, version: number, done: string) => Promise<boolean>;
  /** Closes the conflict keeping the saved version. */
  readonly keepTheirs: () => void;
}

/** PATCHes `path` with If-Match; a 412 reads the saved resource for the conflict panel; `after` runs after each save. */
export function useVersionedPatch<C, T>(path: string, after: () => void): VersionedPatch<C, T> {
  const [conflict, setConflict] = useState<Conflict<C, T> | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const settle = (text: string): void => {
    setConflict(undefined);
    setSaved(text);
    after();
  };
  const patch = async (changes: C, version: number, done: string): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    setSaved(undefined);
    const result = await api<unknown>('PATCH', path, { body: changes, ifMatch: version });
    if (result.ok) settle(done);
    else if (result.problem.status !== 412) setProblem(result.problem);
    else {
      const current = await apiGet<T>(path);
      if (current.ok) setConflict({ changes, theirs: current.value });
      else setProblem(current.problem);
    }
    setBusy(false);
    return result.ok;
  };
  return { busy, problem, saved, conflict, patch, keepTheirs: () => { settle('Kept their version; your change was discarded.'); } };
}

/** Where an editor's saves end: the conflict panel (when refused with 412), a problem, or the success message. */
export function PatchOutcome<C, T extends { readonly version: number }>({ editor, rows }: { readonly editor: VersionedPatch<C, T>; readonly rows: (conflict: Conflict<C, T>) => ConflictRow[] }): JSX.Element {
  const { conflict } = editor;
  return (
    <>
      {conflict === undefined ? null : (
        <ConflictPanel rows={rows(conflict)} busy={editor.busy} onUseMine={() => void editor.patch(conflict.changes, conflict.theirs.version, 'Your version was saved over theirs.')} onUseTheirs={editor.keepTheirs} />
      )}
      <ProblemBox problem={editor.problem} />
      <Saved text={editor.saved} />
    </>
  );
}

/** An editor's heading (focused when it opens) with what it edits, its id, and a link that closes it. */
export function EditorHead({ id, title, detail, closeHref }: { readonly id: string; readonly title: string; readonly detail: string; readonly closeHref: string }): JSX.Element {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div class="editor-head">
      <h2 id={id} ref={heading} tabIndex={-1}>
        {title} <span class="muted">({detail})</span>
      </h2>
      <Link href={closeHref}>Close</Link>
    </div>
  );
}

/** What a create form does: check, send, turn a refusal into field errors, say what was created. */
export interface CreateFormOptions<F, R> {
  readonly empty: F;
  /** The element id of a field key, to focus the first field in error. */
  readonly idOf: (field: string) => string;
  readonly check: (form: F) => FieldErrors;
  readonly send: (form: F) => Promise<ApiResult<R>>;
  /** Field errors a refusal names; when none, the problem is shown whole. */
  readonly serverErrors: (problem: ApiProblem) => FieldErrors;
  readonly savedText: (created: R) => string;
  readonly onCreated: (created: R) => void;
}

/** The state of a create form. */
export interface CreateForm<F> {
  readonly form: F;
  readonly errors: FieldErrors;
  readonly problem: ApiProblem | undefined;
  readonly busy: boolean;
  readonly saved: string | undefined;
  readonly set: (changes: Partial<F>) => void;
  readonly submit: (event: Event) => Promise<void>;
}

/** A create form: refused input names its fields (focus on the first); once created, the form empties and says so. */
export function useCreateForm<F, R>(options: CreateFormOptions<F, R>): CreateForm<F> {
  const [form, setForm] = useState<F>(options.empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  useFocusFirstError(errors, attempt, options.idOf);
  const refuse = (found: FieldErrors, shown: ApiProblem | undefined): void => {
    setErrors(found);
    setProblem(shown);
    setAttempt(attempt + 1);
  };
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setSaved(undefined);
    const found = options.check(form);
    if (!isClean(found)) { refuse(found, undefined); return; }
    setBusy(true);
    const created = await options.send(form);
    setBusy(false);
    if (!created.ok) {
      const fields = options.serverErrors(created.problem);
      refuse(fields, isClean(fields) ? created.problem : undefined); return;
    }
    setForm(options.empty);
    setErrors({});
    setProblem(undefined);
    setSaved(options.savedText(created.value));
    options.onCreated(created.value);
  };
  return { form, errors, problem, busy, saved, set: (changes) => { setForm({ ...form, ...changes }); }, submit };
}

/**
 * A refusal of a create form as field errors: 409 means `taken`; a 400 that names one of `fields` goes
 * under that field, unless it is one of `shownWhole` (a field with no single input of its own).
 */
export function refusalErrors(problem: ApiProblem, fields: readonly string[], taken: FieldErrors, shownWhole: readonly string[] = []): FieldErrors {
  if (problem.status === 409) return taken;
  const field = problem.status === 400 ? fieldOfProblem(problem.at, problem.detail, fields) : undefined;
  return field === undefined || shownWhole.includes(field) ? {} : { [field]: `${problem.detail.charAt(0).toUpperCase()}${problem.detail.slice(1)}.` };
}

/** The submit button of a create form: disabled and saying so while the request is on its way. */
export function CreateButton({ busy, label }: { readonly busy: boolean; readonly label: string }): JSX.Element {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Creating…' : label}
      </button>
    </div>
  );
}
