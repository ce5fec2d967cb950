import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiResult } from '../api.js';
import { sessionStore } from '../session.js';
import { useStore } from '../store.js';
import { RadarCard, TrendCard } from '../team/charts.js';
import { DomainTable } from '../team/domain-table.js';
import { AssessLink, assessHref, mayAssess, mayManageTeamTokens, TeamFigures, TeamLinks } from '../team/header.js';
import { CheckpointHistory, CompareCheckpoints, checkpointHref } from '../team/history.js';
import { Disagreements, GapsAndSteps, StaleEvidence } from '../team/lists.js';
import { Members } from '../team/members.js';
import { domainNames, isAssessed, maxLevelOf, openCheckpoint, practiceTitles } from '../team/team-data.js';
import type { CheckpointListBody, MembersBody, ModelBody, TeamSummary } from '../team/types.js';
import { useGet, useModel } from '../team/use-api.js';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';
import '../team/team.css';

function Breadcrumb({ name }: { name: string }): JSX.Element {
  return (
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <Link href="/teams">Teams</Link> <span aria-hidden="true">›</span> <span aria-current="page">{name}</span>
    </nav>
  );
}

/** The answer for a team that does not exist or that the user may not see: the same page either way (S14). */
function TeamNotFound(): JSX.Element {
  return (
    <>
      <Breadcrumb name="Not found" />
      <PageHeading>Team not found</PageHeading>
      <section class="card">
        <p>There is no team at this address, or you are not a member of it.</p>
        <p>
          Go to the <Link href="/teams">teams you can see</Link>, or ask an admin for access.
        </p>
      </section>
    </>
  );
}

function NeverAssessed({ summary, canAssess, open }: { summary: TeamSummary; canAssess: boolean; open: ApiResult<CheckpointListBody> | undefined }): JSX.Element {
  const inProgress = open?.ok === true ? openCheckpoint(open.value.checkpoints) : undefined;
  return (
    <section class="card empty-state" aria-labelledby="never-heading">
      <h2 id="never-heading">Not assessed yet</h2>
      <p>
        {summary.team.name} has no final checkpoint, so there are no levels, radar or trend to show yet.
        {inProgress === undefined ? null : (
          <>
            {' '}
            An assessment of <Link href={checkpointHref(inProgress.id)}>{inProgress.date}</Link> is in progress.
          </>
        )}
      </p>
      {canAssess ? (
        <p>
          <Link href={assessHref(summary.team.id)}>{inProgress === undefined ? 'Start the first assessment' : 'Continue the assessment'}</Link>
        </p>
      ) : (
        <p class="muted">An assessor or the team lead can start the first assessment.</p>
      )}
    </section>
  );
}

interface ReadyProps {
  readonly summary: TeamSummary;
  readonly checkpoints: ApiResult<CheckpointListBody> | undefined;
  readonly members: ApiResult<MembersBody> | undefined;
  readonly model: ModelBody | undefined;
  readonly focus: string | null;
  readonly canAssess: boolean;
  readonly canLead: boolean;
}

function HeadActions({ summary, checkpoints, canAssess, canLead }: Pick<ReadyProps, 'summary' | 'checkpoints' | 'canAssess' | 'canLead'>): JSX.Element {
  return (
    <div class="actions team-head-actions">
      <TeamLinks teamId={summary.team.id} showTokens={canLead} />
      {canAssess && checkpoints !== undefined ? <AssessLink teamId={summary.team.id} open={checkpoints.ok ? openCheckpoint(checkpoints.value.checkpoints) : undefined} /> : null}
    </div>
  );
}

function Ready({ summary, checkpoints, members, model, focus, canAssess, canLead }: ReadyProps): JSX.Element {
  const maxLevel = maxLevelOf(model, summary);
  const assessed = isAssessed(summary);
  return (
    <>
      <Breadcrumb name={summary.team.name} />
      <div class="page-head">
        <PageHeading>{summary.team.name}</PageHeading>
        <HeadActions summary={summary} checkpoints={checkpoints} canAssess={canAssess} canLead={canLead} />
      </div>
      <TeamFigures summary={summary} />
      {assessed ? (
        <div class="chart-row">
          <RadarCard summary={summary} maxLevel={maxLevel} />
          <TrendCard summary={summary} maxLevel={maxLevel} />
        </div>
      ) : (
        <NeverAssessed summary={summary} canAssess={canAssess} open={checkpoints} />
      )}
      <DomainTable summary={summary} maxLevel={maxLevel} focus={focus} />
      {assessed ? (
        <>
          <div class="columns team-columns">
            <GapsAndSteps summary={summary} />
            <StaleEvidence summary={summary} />
          </div>
          <Disagreements summary={summary} />
        </>
      ) : null}
      <div class="columns team-columns">
        <CheckpointHistory checkpoints={checkpoints} />
        <Members members={members} />
      </div>
      {checkpoints?.ok === true && checkpoints.value.checkpoints.length > 0 ? <CompareCheckpoints teamId={summary.team.id} checkpoints={checkpoints.value.checkpoints} names={domainNames(summary)} titleOf={practiceTitles(model)} /> : null}
    </>
  );
}

function Failed({ problem, retry }: { problem: Extract<ApiResult<unknown>, { ok: false }>['problem']; retry: () => void }): JSX.Element {
  return (
    <>
      <Breadcrumb name="Team" />
      <PageHeading>Team</PageHeading>
      <ProblemBox problem={problem} />
      <p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </p>
    </>
  );
}

function titleOf(summary: ApiResult<TeamSummary> | undefined): string {
  if (summary?.ok === true) return summary.value.team.name;
  return summary?.problem.status === 404 ? 'Team not found' : 'Team';
}

/**
 * A team's page: header, radar and trend, levels per domain, gaps and next steps, stale evidence,
 * disagreements, checkpoint history with a comparison, members. `?domain=` highlights one domain.
 * Nothing but the summary is asked for until the summary says the team is visible.
 */
export function TeamPage({ teamId, query }: { readonly teamId: string; readonly query: URLSearchParams }): JSX.Element {
  const [attempt, setAttempt] = useState(0);
  const session = useStore(sessionStore);
  const base = `/api/v1/teams/${encodeURIComponent(teamId)}`;
  const summary = useGet<TeamSummary>(`${base}/summary`, attempt);
  const visible = summary?.ok === true;
  const checkpoints = useGet<CheckpointListBody>(visible ? `${base}/checkpoints` : undefined, attempt);
  const members = useGet<MembersBody>(visible ? `${base}/members` : undefined, attempt);
  const model = useModel();
  useTitle(titleOf(summary));
  if (summary === undefined) {
    return (
      <>
        <Breadcrumb name="Team" />
        <PageHeading>Team</PageHeading>
        <Loading what="the team" />
      </>
    );
  }
  if (!summary.ok) {
    if (summary.problem.status === 404) return <TeamNotFound />;
    return <Failed problem={summary.problem} retry={() => { setAttempt(attempt + 1); }} />;
  }
  const canAssess = session.kind === 'signed-in' && mayAssess(session.user, session.roles[teamId]);
  const canLead = session.kind === 'signed-in' && mayManageTeamTokens(session.user, session.roles[teamId]);
  return <Ready summary={summary.value} checkpoints={checkpoints} members={members} model={model} focus={query.get('domain')} canAssess={canAssess} canLead={canLead} />;
}
