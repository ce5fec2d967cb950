import type { JSX } from 'preact';
import '../admin/admin.css';
import { useApi } from '../admin/load.js';
import { TokensPanel } from '../admin/tokens.js';
import type { Team } from '../admin/types.js';
import type { PublicUser } from '../api-types.js';
import { sessionStore } from '../session.js';
import { useStore } from '../store.js';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';
import { NotFoundPage } from './other.js';

/**
 * `/teams/:teamId/tokens`: a team's API tokens for its lead (and admins). Anyone else gets "not
 * found" without a request being sent, as the API would answer them.
 */

/** True when the user may manage the team's tokens (the `team:lead` policy). */
export function mayManageTokens(user: PublicUser, role: string | undefined): boolean {
  return user.isAdmin || role === 'lead';
}

function Loaded({ teamId }: { readonly teamId: string }): JSX.Element {
  const team = useApi<Team>(`/api/v1/teams/${encodeURIComponent(teamId)}`);
  const name = team.result?.ok === true ? team.result.value.name : teamId;
  useTitle(`API tokens · ${name}`);
  if (team.result !== undefined && !team.result.ok && team.result.problem.status === 404) return <NotFoundPage />;
  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <Link href="/teams">Teams</Link> <span aria-hidden="true">›</span> <Link href={`/teams/${encodeURIComponent(teamId)}`}>{name}</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">API tokens</span>
      </nav>
      <PageHeading>API tokens · {name}</PageHeading>
      {team.result === undefined ? <Loading what="the team" /> : null}
      {team.result !== undefined && !team.result.ok ? <ProblemBox problem={team.result.problem} /> : null}
      {team.result?.ok === true ? <TokensPanel team={team.result.value} /> : null}
    </>
  );
}

/** The page; leads of the team and admins only. */
export function TeamTokensPage({ teamId, user }: { readonly teamId: string; readonly user: PublicUser }): JSX.Element {
  const session = useStore(sessionStore);
  const role = session.kind === 'signed-in' ? session.roles[teamId] : undefined;
  if (!mayManageTokens(user, role)) return <NotFoundPage />;
  return <Loaded key={teamId} teamId={teamId} />;
}
