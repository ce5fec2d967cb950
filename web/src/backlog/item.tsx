import type { JSX } from 'preact';
import type { BacklogStatus } from '../../../src/core/persistence/records.js';
import { practiceHref } from '../model/model-data.js';
import { Link } from '../ui.js';
import { practiceOfKey, STATUS_LABELS, STATUSES } from './backlog-data.js';
import type { BacklogEntry, TeamInfo } from './backlog-data.js';

/** What every view of an item needs besides the item. */
export interface ItemContext {
  readonly teams: ReadonlyMap<string, TeamInfo>;
  readonly domainNames: ReadonlyMap<string, string>;
  /** Listed items by `team\nkey`, to name dependencies by their title. */
  readonly byKey: ReadonlyMap<string, BacklogEntry>;
  readonly canMove: (team: string) => boolean;
  readonly pending: ReadonlySet<string>;
  readonly move: (item: BacklogEntry, to: BacklogStatus) => Promise<void>;
  /** Show the team on each item (the organisation's backlog), or not (one team's). */
  readonly showTeam: boolean;
}

const EFFORT_WORDS: Readonly<Record<string, string>> = { S: 'small', M: 'medium', L: 'large' };

export function teamName(context: ItemContext, team: string): string {
  return context.teams.get(team)?.name ?? team;
}

/** P1–P4 as a badge whose text carries the meaning (the colour only repeats it). */
export function PriorityBadge({ item }: { item: BacklogEntry }): JSX.Element {
  return (
    <span class={`badge badge-${item.priority.toLowerCase()}`} title={`Priority ${item.priority}, score ${item.score}`}>
      {item.priority}
    </span>
  );
}

function sourceText(item: BacklogEntry): string {
  if (item.source === 'finding') return 'scan finding';
  const reasons: Readonly<Record<string, string>> = { missing: 'gap: not in place', partial: 'gap: partly in place', stale: 'gap: evidence expired', unassessed: 'gap: not assessed' };
  return reasons[item.reason] ?? 'gap';
}

/** Team, domain, level, effort and source on one line. */
export function ItemMeta({ item, context }: { item: BacklogEntry; context: ItemContext }): JSX.Element {
  return (
    <p class="bl-meta">
      {context.showTeam ? <span class="bl-team">{teamName(context, item.team)}</span> : null}
      <span>{context.domainNames.get(item.domain) ?? item.domain}</span>
      <span>level {item.level}</span>
      <span title={`Effort ${EFFORT_WORDS[item.effort] ?? item.effort}`}>effort {item.effort}</span>
      <span class={item.source === 'finding' ? 'bl-finding' : undefined}>{sourceText(item)}</span>
    </p>
  );
}

function DependsOn({ item, context }: { item: BacklogEntry; context: ItemContext }): JSX.Element | null {
  if (item.dependsOn.length === 0) return null;
  return (
    <p class="bl-depends">
      <span class="muted">Depends on: </span>
      {item.dependsOn.map((key, index) => {
        const dependency = context.byKey.get(`${item.team}\n${key}`);
        return (
          <span key={key}>
            {index > 0 ? '; ' : ''}
            {dependency === undefined ? <code>{practiceOfKey(key)}</code> : `${dependency.title} (${STATUS_LABELS[dependency.status].toLowerCase()})`}
          </span>
        );
      })}
    </p>
  );
}

/** Description and acceptance criteria, folded away until asked for. */
export function ItemDetails({ item, context }: { item: BacklogEntry; context: ItemContext }): JSX.Element {
  return (
    <>
      <DependsOn item={item} context={context} />
      <details class="bl-details">
        <summary>
          Acceptance criteria ({item.acceptance.length}) and details<span class="visually-hidden"> of {item.title}</span>
        </summary>
        {item.acceptance.length === 0 ? (
          <p class="muted">No acceptance criteria given.</p>
        ) : (
          <ul class="bl-acceptance">
            {item.acceptance.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <p class="bl-description">{item.description}</p>
        {item.practice === null ? null : (
          <p>
            <Link href={practiceHref(item.practice)}>About the practice</Link> <span class="muted">· priority score {item.score}</span>
          </p>
        )}
      </details>
    </>
  );
}

/** One button per other column; shown only to the team's leads and admins. */
export function MoveButtons({ item, context }: { item: BacklogEntry; context: ItemContext }): JSX.Element | null {
  if (!context.canMove(item.team)) return null;
  const busy = context.pending.has(`${item.team}\n${item.key}`);
  return (
    <div class="bl-moves" role="group" aria-label={`Move ${item.title}`}>
      {STATUSES.filter((status) => status !== item.status).map((status) => (
        <button
          key={status}
          type="button"
          class="bl-move"
          disabled={busy}
          data-move={status}
          aria-label={`Move “${item.title}” to ${STATUS_LABELS[status]}`}
          onClick={() => {
            void context.move(item, status);
          }}
        >
          {STATUSES.indexOf(status) < STATUSES.indexOf(item.status) ? `← ${STATUS_LABELS[status]}` : `${STATUS_LABELS[status]} →`}
        </button>
      ))}
    </div>
  );
}
