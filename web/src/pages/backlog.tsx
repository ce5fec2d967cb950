import type { JSX } from 'preact';
import { useCallback, useMemo } from 'preact/hooks';
import type { PublicUser } from '../api-types.js';
import { filterItems, hrefOfView, NO_FILTER, viewFromQuery } from '../backlog/backlog-data.js';
import type { BacklogBody, BacklogView, TeamInfo } from '../backlog/backlog-data.js';
import { useBacklog, useTeams } from '../backlog/backlog-state.js';
import type { BacklogState } from '../backlog/backlog-state.js';
import { Board } from '../backlog/board.js';
import type { ItemContext } from '../backlog/item.js';
import { List } from '../backlog/list.js';
import { MoveNotices } from '../backlog/notices.js';
import { Exports, Filters, LayoutSwitch, StrategySwitch } from '../backlog/toolbar.js';
import '../backlog/backlog.css';
import { useModel } from '../model/model-store.js';
import { navigate } from '../router.js';
import type { Route } from '../router.js';
import { sessionStore } from '../session.js';
import { useStore } from '../store.js';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';

/** Leads of the item's team and admins move items; everyone else reads (the server enforces it: team:lead). */
function useCanMove(user: PublicUser): (team: string) => boolean {
  const session = useStore(sessionStore);
  const roles = session.kind === 'signed-in' ? session.roles : {};
  return useCallback((team: string) => user.isAdmin || roles[team] === 'lead', [user.isAdmin, roles]);
}

function Figures({ body, shown }: { body: BacklogBody; shown: number }): JSX.Element {
  const p1 = body.items.filter((item) => item.priority === 'P1' && item.status !== 'done').length;
  const done = body.items.filter((item) => item.status === 'done').length;
  return (
    <dl class="figures">
      <div>
        <dt>As of</dt>
        <dd>{body.asOf}</dd>
      </div>
      <div>
        <dt>Items shown</dt>
        <dd id="bl-shown">{shown === body.items.length ? body.items.length : `${shown} of ${body.items.length}`}</dd>
      </div>
      <div>
        <dt>P1 not done</dt>
        <dd>{p1}</dd>
      </div>
      <div>
        <dt>Done</dt>
        <dd>{done}</dd>
      </div>
    </dl>
  );
}

interface ContentProps {
  readonly body: BacklogBody;
  readonly view: BacklogView;
  readonly onChange: (view: BacklogView) => void;
  readonly context: Omit<ItemContext, 'byKey'>;
}

function Content({ body, view, onChange, context }: ContentProps): JSX.Element {
  const shown = useMemo(() => filterItems(body.items, view.filter, context.teams), [body.items, view.filter, context.teams]);
  const rank = useMemo(() => new Map(body.items.map((item, index) => [item, index])), [body.items]);
  const byKey = useMemo(() => new Map(body.items.map((item) => [`${item.team}\n${item.key}`, item])), [body.items]);
  const full: ItemContext = { ...context, byKey };
  const movable = body.items.some((item) => context.canMove(item.team));
  return (
    <div class="bl-content" data-strategy={body.strategy}>
      <Figures body={body} shown={shown.length} />
      <p class="hint bl-hint">
        {!movable
          ? 'You can read this backlog. Leads of a team and admins move its items between open, in progress and done.'
          : view.layout === 'list'
            ? "Change an item's status with the menu in its Status column."
            : 'Move an item with its buttons, by dragging it to another column, or from the keyboard: Tab to a card, the arrow keys go from card to card, Shift+← and Shift+→ move it to the previous or next column.'}
      </p>
      {body.items.length === 0 ? (
        <section class="card">
          <p>No backlog item for the teams you can see: each meets its targets, or none has a final checkpoint yet.</p>
        </section>
      ) : shown.length === 0 ? (
        <section class="card">
          <p>No item matches these filters.</p>
          <button type="button" onClick={() => { onChange({ ...view, filter: NO_FILTER }); }}>
            Clear filters
          </button>
        </section>
      ) : view.layout === 'board' ? (
        <Board items={shown} context={full} />
      ) : (
        <List items={shown} rank={rank} context={full} />
      )}
    </div>
  );
}

function Listing({ state, view, onChange, context }: { state: BacklogState; view: BacklogView; onChange: (view: BacklogView) => void; context: Omit<ItemContext, 'byKey'> }): JSX.Element {
  const { listing } = state;
  if (listing === undefined) return <Loading what="the backlog" />;
  if (!listing.ok) {
    return (
      <>
        <ProblemBox problem={listing.problem} />
        <button type="button" onClick={state.reload}>
          Try again
        </button>
      </>
    );
  }
  return <Content body={listing.value} view={view} onChange={onChange} context={context} />;
}

function heading(teamId: string | undefined, teams: ReadonlyMap<string, TeamInfo>): string {
  if (teamId === undefined) return 'Backlog';
  return `Backlog of ${teams.get(teamId)?.name ?? teamId}`;
}

/** `/backlog` (every team the user can read) and `/teams/:teamId/backlog`: board or list, ordered by the chosen strategy. */
export function BacklogPage({ route, user }: { readonly route: Route; readonly user: PublicUser }): JSX.Element {
  const teamId = route.params['teamId'];
  const search = route.location.query.toString();
  const view = useMemo(() => viewFromQuery(new URLSearchParams(search)), [search]);
  const path = route.location.path;
  const onChange = useCallback(
    (next: BacklogView) => {
      navigate(hrefOfView(path, next), { replace: true });
    },
    [path],
  );
  const state = useBacklog(teamId === undefined ? '/api/v1/backlog' : `/api/v1/teams/${encodeURIComponent(teamId)}/backlog`, view.strategy);
  const teams = useTeams();
  const model = useModel();
  const canMove = useCanMove(user);
  const domainNames = useMemo(() => (model?.ok === true ? model.index.domainNames : new Map<string, string>()), [model]);
  const title = heading(teamId, teams);
  useTitle(title);
  const teamName = (team: string): string => teams.get(team)?.name ?? team;
  const context = { teams, domainNames, canMove, pending: state.pending, move: state.move, showTeam: teamId === undefined };
  return (
    <>
      {teamId === undefined ? null : (
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <Link href="/backlog">Backlog</Link> <span aria-hidden="true">›</span> <Link href={`/teams/${encodeURIComponent(teamId)}`}>{teams.get(teamId)?.name ?? teamId}</Link>{' '}
          <span aria-hidden="true">›</span> <span aria-current="page">Backlog</span>
        </nav>
      )}
      <PageHeading>{title}</PageHeading>
      <div class="bl-controls card">
        <div class="bl-switches">
          <StrategySwitch view={view} onChange={onChange} />
          <LayoutSwitch view={view} onChange={onChange} />
        </div>
        <Filters view={view} onChange={onChange} teams={teams} domains={model?.ok === true ? model.index.model.domains.map((domain) => [domain.id, domain.name] as const) : []} fixedTeam={teamId} />
        <Exports view={view} fixedTeam={teamId} />
      </div>
      <MoveNotices notice={state.notice} dismiss={state.dismiss} move={state.move} teamName={teamName} />
      <Listing state={state} view={view} onChange={onChange} context={context} />
    </>
  );
}
