import type { JSX } from 'preact';
import { STATUS_LABELS, STATUS_ORDER } from './types.js';
import type { AnswerStatus } from './types.js';

interface StatusRadiosProps {
  /** Unique per page: radios of one group share it. */
  readonly name: string;
  readonly id: string;
  readonly legend: string;
  readonly value: AnswerStatus | null;
  readonly onChange: (status: AnswerStatus) => void;
  readonly disabled?: boolean;
  readonly describedBy?: string;
}

/**
 * The five statuses as one native radio group: one tab stop, arrow keys move and choose, the
 * legend names the question. Each option carries its word, so colour is never the only signal.
 */
export function StatusRadios({ name, id, legend, value, onChange, disabled = false, describedBy }: StatusRadiosProps): JSX.Element {
  return (
    <fieldset class="status-radios" id={id} aria-describedby={describedBy} disabled={disabled}>
      <legend>{legend}</legend>
      <div class="status-options">
        {STATUS_ORDER.map((status) => (
          <label key={status} class={`status-option status-${status}`}>
            <input
              type="radio"
              name={name}
              value={status}
              checked={value === status}
              onChange={() => {
                onChange(status);
              }}
            />
            <span>{STATUS_LABELS[status]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Focuses a radio group: its chosen option, else its first (for "next unanswered"). */
export function focusRadioGroup(id: string): boolean {
  const group = document.getElementById(id);
  if (group === null) return false;
  const target = group.querySelector<HTMLInputElement>('input:checked') ?? group.querySelector<HTMLInputElement>('input');
  if (target === null) return false;
  group.closest('article')?.scrollIntoView({ block: 'start' });
  target.focus();
  return true;
}
