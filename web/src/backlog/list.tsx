import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { BacklogStatus } from '../../../src/core/persistence/records.js';
import { STATUS_LABELS, STATUSES } from './backlog-data.js';
import type { BacklogEntry } from './backlog-data.js';
import { ItemDetails, PriorityBadge, teamName } from './item.js';
import type { ItemContext } from './item.js';

/** Rows rendered before "Show more". */
const PAGE = 150;

function StatusCell({ item, context }: { item: BacklogEntry; context: ItemContext }): JSX.Element {
  if (!context.canMove(item.team)) return <span class={`bl-status bl-status-${item.status}`}>{STATUS_LABELS[item.status]}</span>;
  return (
    <select
      class="bl-status-select"
      aria-label={`Status of “${item.title}”`}
      value={item.status}
      disabled={context.pending.has(`${item.team}\n${item.key}`)}
      onChange={(event) => {
        void context.move(item, event.currentTarget.value as BacklogStatus);
      }}
    >
      {STATUSES.map((status) => (
        <option key={status} value={status}>
          {STATUS_LABELS[status]}
        </option>
      ))}
    </select>
  );
}

/** The items as a table in the API's priority order; `rank` is each item's place in the whole (unfiltered) listing. */
export function List({ items, rank, context }: { items: readonly BacklogEntry[]; rank: ReadonlyMap<BacklogEntry, number>; context: ItemContext }): JSX.Element {
  const [limit, setLimit] = useState(PAGE);
  const shown = items.slice(0, limit);
  return (
    <div class="bl-list-wrap">
      <table class="bl-list">
        <caption class="visually-hidden">Backlog items in priority order</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Priority</th>
            <th scope="col">Item</th>
            {context.showTeam ? <th scope="col">Team</th> : null}
            <th scope="col">Domain</th>
            <th scope="col">Level</th>
            <th scope="col">Effort</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={`${item.team}\n${item.key}`} class="bl-row" data-key={item.key} data-team={item.team} data-status={item.status}>
              <td class="bl-rank">{(rank.get(item) ?? 0) + 1}</td>
              <td>
                <PriorityBadge item={item} />
              </td>
              <th scope="row" class="bl-item">
                <span class="bl-title">{item.title}</span>
                <ItemDetails item={item} context={context} />
              </th>
              {context.showTeam ? <td>{teamName(context, item.team)}</td> : null}
              <td>{context.domainNames.get(item.domain) ?? item.domain}</td>
              <td>{item.level}</td>
              <td>{item.effort}</td>
              <td>{item.source === 'finding' ? 'finding' : `gap (${item.reason})`}</td>
              <td>
                <StatusCell item={item} context={context} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > shown.length ? (
        <div class="actions bl-more-row">
          <button type="button" onClick={() => { setLimit(limit + PAGE); }}>
            Show {Math.min(PAGE, items.length - shown.length)} more
          </button>
          <button type="button" onClick={() => { setLimit(items.length); }}>
            Show all {items.length}
          </button>
        </div>
      ) : null}
    </div>
  );
}
