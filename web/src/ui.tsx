import type { AnchorHTMLAttributes, ComponentChildren, JSX, TargetedInputEvent } from 'preact';
import { useEffect, useId } from 'preact/hooks';
import { problemMessage } from './api.js';
import type { ApiProblem } from './api.js';
import { onLinkClick } from './router.js';

/** An in-app link: a real anchor (new tab works), routed without a reload. */
export function Link(props: AnchorHTMLAttributes & { readonly href: string }): JSX.Element {
  return <a {...props} onClick={onLinkClick} />;
}

/** Sets the window title for the page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Stepwise`;
  }, [title]);
}

/** The page's heading; focusable so the router can move focus to it after navigation. */
export function PageHeading({ children }: { readonly children: ComponentChildren }): JSX.Element {
  return (
    <h1 id="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}

/** A refused or failed request, announced to screen readers. */
export function ProblemBox({ problem }: { readonly problem: ApiProblem | undefined }): JSX.Element | null {
  if (problem === undefined) return null;
  return (
    <div class="problem" role="alert">
      {problemMessage(problem)}
      {problem.correlationId !== undefined && problem.status >= 500 ? <span class="muted"> (reference {problem.correlationId})</span> : null}
    </div>
  );
}

/** A message for the user that is not an API problem (a local check). */
export function Notice({ kind, children }: { readonly kind: 'error' | 'success' | 'info'; readonly children: ComponentChildren }): JSX.Element {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** While data loads. */
export function Loading({ what }: { readonly what: string }): JSX.Element {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly type?: 'text' | 'password';
  readonly autoComplete?: string;
  readonly hint?: ComponentChildren;
  readonly required?: boolean;
  readonly autoFocus?: boolean;
  readonly name?: string;
}

/** A labelled text input with an optional hint tied to it for screen readers. */
export function Field({ label, value, onInput, type = 'text', autoComplete, hint, required = true, autoFocus = false, name }: FieldProps): JSX.Element {
  const id = useId();
  const hintId = `${id}-hint`;
  const input = {
    id,
    name,
    value,
    required,
    autoComplete,
    autoFocus,
    'aria-describedby': hint === undefined ? undefined : hintId,
    onInput: (event: TargetedInputEvent<HTMLInputElement>) => {
      onInput(event.currentTarget.value);
    },
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {type === 'password' ? <input type="password" {...input} /> : <input type="text" {...input} />}
      {hint === undefined ? null : (
        <div class="hint" id={hintId}>
          {hint}
        </div>
      )}
    </div>
  );
}

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 128;

/** What the server checks in a new password (src/services/org/password-policy.ts), with the checks the browser can make ticked live. */
export function PasswordRules({ password, username }: { readonly password: string; readonly username: string }): JSX.Element {
  const length = Array.from(password).length;
  const rules: readonly (readonly [string, boolean | undefined])[] = [
    [`${MIN_PASSWORD} to ${MAX_PASSWORD} characters (a passphrase of a few words works well)`, password === '' ? undefined : length >= MIN_PASSWORD && length <= MAX_PASSWORD],
    ['does not contain the username', password === '' || username.length < 3 ? undefined : !password.toLowerCase().includes(username.toLowerCase())],
    ['not one of the most common passwords, not a keyboard run like "qwertyuiop", not one character repeated', undefined],
  ];
  return (
    <ul class="rules">
      {rules.map(([text, met]) => (
        <li key={text} class={met === undefined ? '' : met ? 'met' : 'unmet'}>
          <span aria-hidden="true">{met === undefined ? '•' : met ? '✓' : '✗'}</span> {text}
          {met === undefined ? null : <span class="visually-hidden">{met ? ' (met)' : ' (not met yet)'}</span>}
        </li>
      ))}
    </ul>
  );
}

/** A labelled drop-down of `[value, text]` options. */
export function SelectField({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (value: string) => void; options: readonly (readonly [string, string])[] }): JSX.Element {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
      >
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
