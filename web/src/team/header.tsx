import type { JSX } from 'preact';
import type { PublicUser, TeamRole } from '../api-types.js';
import { Link } from '../ui.js';
import { DUE_LABELS, dueText } from './team-data.js';
import type { CheckpointListEntry, TeamSummary } from './types.js';

/** The assessment page of a team (built beside this one). */
export function assessHref(teamId: string): string {
  return `/teams/${encodeURIComponent(teamId)}/assess`;
}

/** Assessors, leads and admins may start or continue an assessment (the server's team:rate policy). */
export function mayAssess(user: PublicUser, role: TeamRole | undefined): boolean {
  return user.isAdmin || role === 'lead' || role === 'assessor';
}

/** "Start an assessment", or "Continue the assessment of <date>" while one is open. */
export function AssessLink({ teamId, open }: { readonly teamId: string; readonly open: CheckpointListEntry | undefined }): JSX.Element {
  return (
    <Link href={assessHref(teamId)} class="button-link primary">
      {open === undefined ? 'Start an assessment' : `Continue the assessment of ${open.date}`}
    </Link>
  );
}

/** Leads of the team and admins manage its API tokens (the server's team:lead policy). */
export function mayManageTeamTokens(user: PublicUser, role: TeamRole | undefined): boolean {
  return user.isAdmin || role === 'lead';
}

/** The team's backlog board for everyone who can read the team; its API tokens for leads and admins. */
export function TeamLinks({ teamId, showTokens }: { readonly teamId: string; readonly showTokens: boolean }): JSX.Element {
  const base = `/teams/${encodeURIComponent(teamId)}`;
  return (
    <>
      <Link href={`${base}/backlog`} class="button-link">
        Backlog
      </Link>
      {showTokens ? (
        <Link href={`${base}/tokens`} class="button-link">
          API tokens
        </Link>
      ) : null}
    </>
  );
}

/** Group, cadence, last checkpoint and the next due date with its status. */
export function TeamFigures({ summary }: { readonly summary: TeamSummary }): JSX.Element {
  const { due } = summary;
  return (
    <dl class="figures team-figures">
      <div>
        <dt>Group</dt>
        <dd>{summary.team.group ?? '—'}</dd>
      </div>
      <div>
        <dt>Cadence</dt>
        <dd>{summary.team.cadence}</dd>
      </div>
      <div>
        <dt>Last checkpoint</dt>
        <dd>{summary.date ?? 'none yet'}</dd>
      </div>
      <div>
        <dt>Next due</dt>
        <dd>
          {dueText(due)} {due.status === 'on-track' ? null : <span class={`badge badge-${due.status}`}>{DUE_LABELS[due.status]}</span>}
        </dd>
      </div>
    </dl>
  );
}
