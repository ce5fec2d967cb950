import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { cellStyle } from '../../../src/charts/palette.js';
import type { DomainScore } from '../../../src/core/scoring/score-checkpoint.js';
import { apiGet } from '../api.js';
import type { ApiResult } from '../api.js';
import type { TeamSummaryBody } from '../api-types.js';
import { cellStateOf } from '../dashboard/heatmap-data.js';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';

/** Levels 0..3 in the built-in model; the summary does not name the maximum, so the palette scales to the largest level seen (at least 3). */
const MIN_SCALE = 3;

function levelText(score: DomainScore): string {
  if (score.basis === 'unassessed') return 'not assessed';
  if (score.level === null) return 'n/a';
  const progress = score.progress !== null && score.progress !== score.level ? ` (progress ${score.progress.toFixed(2)})` : '';
  return `${score.level}${score.incomplete > 0 ? '?' : ''}${progress}`;
}

function ScoresTable({ summary, focus }: { summary: TeamSummaryBody; focus: string | null }): JSX.Element {
  const names = new Map(summary.domains.map((domain) => [domain.id, domain.name] as const));
  const maxLevel = Math.max(MIN_SCALE, ...summary.scores.map((score) => score.target ?? 0), ...summary.scores.map((score) => score.level ?? 0));
  return (
    <table class="scores">
      <caption class="visually-hidden">Levels per domain</caption>
      <thead>
        <tr>
          <th scope="col">Domain</th>
          <th scope="col">Level</th>
          <th scope="col">Target</th>
          <th scope="col">Gap</th>
          <th scope="col">Unanswered</th>
          <th scope="col">Stale</th>
          <th scope="col">Disagreements</th>
        </tr>
      </thead>
      <tbody>
        {summary.scores.map((score) => {
          const paint = cellStyle(cellStateOf(score.basis === 'unassessed' ? 'unassessed' : score.applicable ? 'derived' : 'n/a', score.level, score.incomplete), score.level, maxLevel);
          return (
            <tr key={score.domain} id={`domain-${score.domain}`} class={focus === score.domain ? 'focus-row' : undefined} aria-current={focus === score.domain ? 'true' : undefined}>
              <th scope="row">{names.get(score.domain) ?? score.domain}</th>
              <td>
                <span class="swatch" style={{ background: paint.fill, color: paint.text }}>
                  {paint.label}
                </span>{' '}
                <span class="muted">{levelText(score)}</span>
              </td>
              <td>{score.target ?? '—'}</td>
              <td>{score.gap !== null && score.gap > 0 ? score.gap : '—'}</td>
              <td>{score.unknown}</td>
              <td>{score.stale}</td>
              <td>{score.disagreements}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function dueText(summary: TeamSummaryBody): string {
  const { due } = summary;
  if (due.status === 'never-assessed') return 'never assessed';
  if (due.daysLeft !== null && due.daysLeft < 0) return `overdue since ${due.nextDue ?? '?'}`;
  return `next due ${due.nextDue ?? '?'}`;
}

function Summary({ summary, focus }: { summary: TeamSummaryBody; focus: string | null }): JSX.Element {
  useEffect(() => {
    if (focus !== null) document.getElementById(`domain-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus]);
  return (
    <>
      <dl class="figures">
        <div>
          <dt>Group</dt>
          <dd>{summary.team.group ?? '—'}</dd>
        </div>
        <div>
          <dt>Last checkpoint</dt>
          <dd>{summary.date ?? 'none yet'}</dd>
        </div>
        <div>
          <dt>Cadence</dt>
          <dd>{summary.team.cadence}</dd>
        </div>
        <div>
          <dt>Reassessment</dt>
          <dd>{dueText(summary)}</dd>
        </div>
      </dl>
      <section class="card" aria-labelledby="scores-heading">
        <h2 id="scores-heading">Levels as of {summary.asOf}</h2>
        <ScoresTable summary={summary} focus={focus} />
      </section>
      <div class="columns">
        <section class="card" aria-labelledby="steps-heading">
          <h2 id="steps-heading">Next steps</h2>
          {summary.nextSteps.length === 0 ? (
            <p class="muted">No open backlog item.</p>
          ) : (
            <ol class="steps">
              {summary.nextSteps.map((item) => (
                <li key={item.key}>
                  <span class={`badge badge-${item.priority.toLowerCase()}`}>{item.priority}</span> {item.title} <span class="muted">· effort {item.effort}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section class="card" aria-labelledby="stale-heading">
          <h2 id="stale-heading">Stale evidence</h2>
          {summary.stale.length === 0 ? (
            <p class="muted">All evidence is fresh.</p>
          ) : (
            <ul class="plain">
              {summary.stale.slice(0, 10).map((item) => (
                <li key={item.practice}>
                  {item.title} <span class="muted">· {item.ageDays} days old</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p class="muted">Radar, trend, ratings and the team's checkpoints arrive on this page in the next steps of the web application.</p>
    </>
  );
}

/** A team's page (first version): header figures and levels per domain; `?domain=` highlights one domain. */
export function TeamPage({ teamId, query }: { readonly teamId: string; readonly query: URLSearchParams }): JSX.Element {
  const [result, setResult] = useState<ApiResult<TeamSummaryBody> | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setResult(undefined);
    void apiGet<TeamSummaryBody>(`/api/v1/teams/${encodeURIComponent(teamId)}/summary`).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [teamId]);
  const name = result?.ok === true ? result.value.team.name : teamId;
  useTitle(name);
  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <Link href="/">Dashboard</Link> <span aria-hidden="true">›</span> <span aria-current="page">{name}</span>
      </nav>
      <PageHeading>{name}</PageHeading>
      {result === undefined ? <Loading what="the team" /> : null}
      {result !== undefined && !result.ok ? <ProblemBox problem={result.problem} /> : null}
      {result?.ok === true ? <Summary summary={result.value} focus={query.get('domain')} /> : null}
    </>
  );
}
