import type { ComponentChildren, JSX, TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem, ApiResult } from '../api.js';
import { saveBlob } from '../downloads.js';
import { ProblemBox } from '../ui.js';
import { FileProblem } from './forms.js';

/** Downloads and uploads of the transfer page: files go through `api()`, so a refusal is shown like any other. */

/** Today as YYYY-MM-DD, for file names. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface DownloadProps {
  /** The API path that answers with the file. */
  readonly path: string;
  readonly fileName: string;
  readonly label: string;
}

/** A button that fetches a file and saves it, saying what it saved or why it could not. */
export function DownloadButton({ path, fileName, label }: DownloadProps): JSX.Element {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const fetchFile = async (): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    const result = await api<Blob>('GET', path, { as: 'blob' });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    saveBlob(result.value, fileName);
    setDone(`Saved ${fileName} (${sizeText(result.value.size)}) to your downloads.`);
  };
  return (
    <div class="stack-tight">
      <div>
        <button type="button" class="primary" disabled={busy} onClick={() => void fetchFile()}>
          {busy ? 'Preparing the file…' : label}
        </button>
      </div>
      <ProblemBox problem={problem} />
      {done === undefined ? null : (
        <p class="muted" role="status">
          {done}
        </p>
      )}
    </div>
  );
}

interface UploadProps<T> {
  readonly id: string;
  readonly label: string;
  readonly accept: string;
  readonly hint: ComponentChildren;
  readonly button: string;
  /** Sends the chosen file; the answer is shown by `describe` or as a problem with its file and line. */
  readonly send: (file: File) => Promise<ApiResult<T> | { readonly ok: false; readonly local: string }>;
  readonly describe: (value: T) => ComponentChildren;
  /** More fields of the form (team, date, options), placed before the file input. */
  readonly children?: ComponentChildren;
  /** A check of the other fields before sending; a message keeps the form from being sent. */
  readonly check?: () => string | undefined;
}

type UploadState<T> = { readonly kind: 'idle' } | { readonly kind: 'busy' } | { readonly kind: 'refused'; readonly problem: ApiProblem; readonly name: string } | { readonly kind: 'local'; readonly message: string } | { readonly kind: 'done'; readonly value: T; readonly name: string };

/** A labelled file input and a send button; the server's refusal is shown with the file, line and column it names. */
export function UploadForm<T>({ id, label, accept, hint, button, send, describe, children, check }: UploadProps<T>): JSX.Element {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [state, setState] = useState<UploadState<T>>({ kind: 'idle' });
  const [missing, setMissing] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const other = check?.();
    if (other !== undefined) {
      setState({ kind: 'local', message: other });
      return;
    }
    if (file === undefined) {
      setMissing(true);
      document.getElementById(id)?.focus();
      return;
    }
    setState({ kind: 'busy' });
    const result = await send(file);
    if ('local' in result) setState({ kind: 'local', message: result.local });
    else setState(result.ok ? { kind: 'done', value: result.value, name: file.name } : { kind: 'refused', problem: result.problem, name: file.name });
  };
  return (
    <form class="stack upload-form" onSubmit={(event) => void submit(event)} noValidate>
      {children}
      <div class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          type="file"
          accept={accept}
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ''}`}
          onChange={(event: TargetedEvent<HTMLInputElement>) => {
            setFile(event.currentTarget.files?.[0]);
            setMissing(false);
            setState({ kind: 'idle' });
          }}
        />
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
        {missing ? (
          <div class="field-error" id={`${id}-error`}>
            <span aria-hidden="true">✗ </span>Choose a file first.
          </div>
        ) : null}
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? 'Uploading…' : button}
        </button>
      </div>
      {state.kind === 'refused' ? <FileProblem problem={state.problem} fileName={state.name} /> : null}
      {state.kind === 'local' ? (
        <div class="notice notice-error" role="alert">
          {state.message}
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <div class="notice notice-success" role="status">
          <strong>{state.name}</strong> was accepted. {describe(state.value)}
        </div>
      ) : null}
    </form>
  );
}
