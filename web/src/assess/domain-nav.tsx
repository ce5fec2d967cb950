import type { JSX } from 'preact';
import { domainProgress } from './progress.js';
import type { Edits } from './edits.js';
import type { Control } from './roles.js';
import type { CheckpointView, DomainView, ModelBody } from './types.js';

/** A domain's level as words: level, progress, incomplete, n/a or not assessed. */
export function levelText(domain: DomainView | undefined): string {
  if (domain === undefined || domain.basis === 'unassessed') return 'not assessed';
  if (domain.level === null) return 'n/a';
  const progress = domain.progress !== null && domain.progress !== domain.level ? ` (${domain.progress.toFixed(2)})` : '';
  const incomplete = domain.incomplete > 0 ? `, ${domain.incomplete} unknown` : '';
  return `level ${domain.level}${domain.incomplete > 0 ? '?' : ''}${progress}${incomplete}${domain.basis === 'self-rated' ? ', self-rated' : ''}`;
}

interface NavProps {
  readonly model: ModelBody;
  readonly view: CheckpointView;
  readonly edits: Edits;
  readonly control: Control;
  readonly rater: string;
  readonly selected: string;
  readonly onSelect: (domainId: string) => void;
}

/** The domains with their progress (answered/total) and live level; the chosen one is marked current. */
export function DomainNav({ model, view, edits, control, rater, selected, onSelect }: NavProps): JSX.Element {
  return (
    <nav class="domain-nav" aria-label="Domains">
      <ul>
        {model.domains.map((domain) => {
          const progress = domainProgress(model, view, edits, domain.id, control, rater);
          const score = view.domains.find((candidate) => candidate.domain === domain.id);
          const done = progress.answered === progress.total;
          return (
            <li key={domain.id}>
              <button type="button" class="domain-link" aria-current={selected === domain.id ? 'true' : undefined} data-domain={domain.id} onClick={() => { onSelect(domain.id); }}>
                <span class="domain-name">{domain.name}</span>
                <span class="domain-figures">
                  <span class="domain-progress" data-answered={progress.answered} data-total={progress.total}>
                    {done ? '✓ ' : ''}
                    {progress.answered}/{progress.total} answered
                  </span>
                  <span class="domain-level">{levelText(score)}</span>
                </span>
                <span class="progress-bar" aria-hidden="true">
                  <span class="progress-fill" style={{ width: `${progress.total === 0 ? 0 : Math.round((100 * progress.answered) / progress.total)}%` }} />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
