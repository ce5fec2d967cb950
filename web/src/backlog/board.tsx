import type { JSX, TargetedDragEvent, TargetedKeyboardEvent } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { BacklogStatus } from '../../../src/core/persistence/records.js';
import { columnsOf, neighbourStatus, STATUS_LABELS, STATUSES } from './backlog-data.js';
import type { BacklogEntry } from './backlog-data.js';
import { ItemDetails, ItemMeta, MoveButtons, PriorityBadge } from './item.js';
import type { ItemContext } from './item.js';

/** Cards rendered per column before "Show more": an organisation's backlog can hold thousands of items. */
const PAGE = 60;

const cardSelector = (key: string, team: string): string => `.bl-card[data-key="${CSS.escape(key)}"][data-team="${CSS.escape(team)}"]`;

function focusCard(key: string, team: string): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(cardSelector(key, team))?.focus();
  });
}

/** Arrow keys walk the cards (up/down in a column, left/right across columns); Shift+←/→ moves the card there. */
function onCardKey(event: TargetedKeyboardEvent<HTMLElement>, item: BacklogEntry, context: ItemContext): void {
  if (event.target !== event.currentTarget) return;
  const card = event.currentTarget;
  if (event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    const to = neighbourStatus(item.status, event.key === 'ArrowLeft' ? -1 : 1);
    if (to === undefined || !context.canMove(item.team) || context.pending.has(`${item.team}\n${item.key}`)) return;
    event.preventDefault();
    void context.move(item, to);
    return;
  }
  const target = neighbourCard(card, event.key);
  if (target === undefined) return;
  event.preventDefault();
  target.focus();
}

function neighbourCard(card: HTMLElement, key: string): HTMLElement | undefined {
  const siblings = [...(card.parentElement?.querySelectorAll<HTMLElement>(':scope > .bl-card') ?? [])];
  const index = siblings.indexOf(card);
  if (key === 'ArrowDown') return siblings[index + 1];
  if (key === 'ArrowUp') return siblings[index - 1];
  if (key !== 'ArrowLeft' && key !== 'ArrowRight') return undefined;
  const column = card.closest('.bl-column');
  const next = key === 'ArrowLeft' ? column?.previousElementSibling : column?.nextElementSibling;
  const cards = [...(next?.querySelectorAll<HTMLElement>('.bl-card') ?? [])];
  return cards[Math.min(index, cards.length - 1)];
}

interface CardProps {
  readonly item: BacklogEntry;
  readonly context: ItemContext;
  readonly onDragStart: (item: BacklogEntry) => void;
}

function Card({ item, context, onDragStart }: CardProps): JSX.Element {
  const movable = context.canMove(item.team);
  const titleId = useId();
  return (
    <li
      class={`bl-card bl-card-${item.priority.toLowerCase()}`}
      tabIndex={0}
      data-key={item.key}
      data-team={item.team}
      data-status={item.status}
      aria-labelledby={titleId}
      draggable={movable}
      onKeyDown={(event) => {
        onCardKey(event, item, context);
      }}
      onDragStart={(event: TargetedDragEvent<HTMLElement>) => {
        event.dataTransfer?.setData('text/plain', item.key);
        onDragStart(item);
      }}
    >
      <div class="bl-card-head">
        <PriorityBadge item={item} />
        <h3 id={titleId} class="bl-title">
          {item.title}
        </h3>
      </div>
      <ItemMeta item={item} context={context} />
      <ItemDetails item={item} context={context} />
      <MoveButtons item={item} context={context} />
    </li>
  );
}

interface ColumnProps {
  readonly status: BacklogStatus;
  readonly items: readonly BacklogEntry[];
  readonly context: ItemContext;
  readonly recent: ReadonlySet<string>;
  readonly dragging: BacklogEntry | undefined;
  readonly setDragging: (item: BacklogEntry | undefined) => void;
}

function Column({ status, items, context, recent, dragging, setDragging }: ColumnProps): JSX.Element {
  const [limit, setLimit] = useState(PAGE);
  const [over, setOver] = useState(false);
  // Cards moved here from this page stay in view even past the limit, so focus can follow them.
  const shown = items.filter((item, index) => index < limit || recent.has(`${item.team}\n${item.key}`));
  const accepts = dragging !== undefined && dragging.status !== status;
  return (
    <section
      class={`bl-column${over && accepts ? ' bl-drop' : ''}`}
      data-column={status}
      aria-labelledby={`bl-col-${status}`}
      onDragOver={(event) => {
        if (!accepts) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => { setOver(false); }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (dragging === undefined || !accepts) return;
        void context.move(dragging, status);
        setDragging(undefined);
      }}
    >
      <h2 id={`bl-col-${status}`} class="bl-column-head">
        {STATUS_LABELS[status]} <span class="bl-count">{items.length}</span>
      </h2>
      {items.length === 0 ? <p class="muted bl-empty">No item.</p> : null}
      <ol class="bl-cards">
        {shown.map((item) => (
          <Card key={`${item.team}\n${item.key}`} item={item} context={context} onDragStart={setDragging} />
        ))}
      </ol>
      {items.length > shown.length ? (
        <button type="button" class="bl-more" onClick={() => { setLimit(limit + PAGE); }}>
          Show {Math.min(PAGE, items.length - shown.length)} more <span class="muted">({items.length - shown.length} not shown)</span>
        </button>
      ) : null}
    </section>
  );
}

/** Open / in progress / done, each column in the API's priority order. */
export function Board({ items, context }: { items: readonly BacklogEntry[]; context: ItemContext }): JSX.Element {
  const [recent, setRecent] = useState<ReadonlySet<string>>(new Set());
  const [dragging, setDragging] = useState<BacklogEntry | undefined>(undefined);
  const columns = columnsOf(items);
  const boardContext: ItemContext = {
    ...context,
    move: async (item, to) => {
      setRecent((keys) => new Set([...keys, `${item.team}\n${item.key}`]));
      await context.move(item, to);
      // The card re-renders in its new column; keyboard focus follows it unless the user went elsewhere meanwhile.
      if (document.activeElement === null || document.activeElement === document.body) focusCard(item.key, item.team);
    },
  };
  return (
    <div class="bl-board" onDragEnd={() => { setDragging(undefined); }}>
      {STATUSES.map((status) => (
        <Column key={status} status={status} items={columns[status]} context={boardContext} recent={recent} dragging={dragging} setDragging={setDragging} />
      ))}
    </div>
  );
}
