import type { JSX } from 'preact';
import { TextInput } from './forms.js';
import type { ModelFile } from './types.js';
import { CADENCES } from './types.js';
import type { FieldErrors } from './validate.js';
import { levelError, weightError } from './validate.js';

/** Per-domain number inputs (targets, weights) in a grid; empty inputs take the default the hint names. */

/** The model's highest level (3 in the built-in model). */
export function topLevel(model: ModelFile): number {
  return Math.max(0, ...model.levels.map((level) => level.level));
}

/** Input id of one domain's value in a grid. */
export function domainInputId(prefix: string, domain: string): string {
  return `${prefix}-${domain}`;
}

/** The error of each domain's target, keyed `<prefix>-<domain>` in the order of the model. */
export function targetErrors(prefix: string, inputs: Readonly<Record<string, string>>, model: ModelFile): Record<string, string | undefined> {
  const top = topLevel(model);
  return Object.fromEntries(model.domains.map((domain) => [domainInputId(prefix, domain.id), levelError(inputs[domain.id] ?? '', top)]));
}

/** The error of each domain's weight, keyed `<prefix>-<domain>`. */
export function weightErrors(prefix: string, inputs: Readonly<Record<string, string>>, model: ModelFile): Record<string, string | undefined> {
  return Object.fromEntries(model.domains.map((domain) => [domainInputId(prefix, domain.id), weightError(inputs[domain.id] ?? '')]));
}

interface GridProps {
  readonly prefix: string;
  readonly legend: string;
  readonly hint: string;
  readonly model: ModelFile;
  readonly inputs: Readonly<Record<string, string>>;
  readonly onInput: (inputs: Record<string, string>) => void;
  readonly errors: FieldErrors;
  readonly kind: 'level' | 'weight';
  /** What an empty input means for a domain, shown as its placeholder. */
  readonly placeholder?: (domain: string) => string;
}

/** A fieldset with one labelled input per domain of the model. */
export function DomainGrid({ prefix, legend, hint, model, inputs, onInput, errors, kind, placeholder }: GridProps): JSX.Element {
  const top = topLevel(model);
  return (
    <fieldset class="plain-fieldset">
      <legend>{legend}</legend>
      <p class="hint">{hint}</p>
      <div class="domain-grid">
        {model.domains.map((domain) => {
          const id = domainInputId(prefix, domain.id);
          return (
            <TextInput
              key={domain.id}
              id={id}
              label={domain.name}
              type="number"
              size="short"
              min={kind === 'level' ? 0 : undefined}
              max={kind === 'level' ? top : 100}
              step={kind === 'level' ? '1' : 'any'}
              placeholder={placeholder?.(domain.id)}
              value={inputs[domain.id] ?? ''}
              onInput={(value) => {
                onInput({ ...inputs, [domain.id]: value });
              }}
              error={errors[id]}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

/** Cadence choices: the organisation default first. */
export function cadenceOptions(defaultCadence: string | undefined): [string, string][] {
  return [['', `organisation default${defaultCadence === undefined ? '' : ` (${defaultCadence})`}`], ...CADENCES.map((cadence): [string, string] => [cadence, cadence])];
}
