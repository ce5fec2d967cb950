import type { JSX } from 'preact';
import { Link } from '../ui.js';
import { domainNames, plural, ratingsText } from './team-data.js';
import type { NextStep, TeamSummary } from './types.js';

function Gaps({ summary }: { summary: TeamSummary }): JSX.Element {
  const names = domainNames(summary);
  if (summary.gaps.length === 0) return <p class="muted">{summary.date === null ? 'No gaps yet: the team has not been assessed.' : 'Every assessed domain meets its target.'}</p>;
  return (
    <ul class="gap-list">
      {summary.gaps.map((gap) => (
        <li key={gap.domain} data-domain={gap.domain}>
          <span class="badge badge-gap">gap {gap.gap}</span> <span class="gap-name">{names.get(gap.domain) ?? gap.domain}</span>{' '}
          <span class="muted">
            level {gap.level} → target {gap.target}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Step({ item, domain }: { item: NextStep; domain: string }): JSX.Element {
  return (
    <li class="step">
      <div class="step-head">
        <span class={`badge badge-${item.priority.toLowerCase()}`}>{item.priority}</span> <strong>{item.title}</strong>
      </div>
      <div class="muted step-meta">
        {domain} · level {item.level} · effort {item.effort}
        {item.status === 'in-progress' ? ' · in progress' : ''}
        {item.source === 'finding' ? ' · from a scan finding' : ''}
      </div>
      {item.acceptance.length === 0 ? null : (
        <>
          <div class="visually-hidden">Acceptance criteria:</div>
          <ul class="acceptance">
            {item.acceptance.map((criterion, index) => (
              <li key={String(index)}>{criterion}</li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** Domains below target and the first open backlog items with their acceptance criteria. */
export function GapsAndSteps({ summary }: { readonly summary: TeamSummary }): JSX.Element {
  const names = domainNames(summary);
  return (
    <section class="card" aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">Gaps and next steps</h2>
      <Gaps summary={summary} />
      <h3>Next steps</h3>
      {summary.nextSteps.length === 0 ? (
        <p class="muted">No open backlog item.</p>
      ) : (
        <ol class="steps">
          {summary.nextSteps.map((item) => (
            <Step key={item.key} item={item} domain={names.get(item.domain) ?? item.domain} />
          ))}
        </ol>
      )}
      <p>
        <Link href="/backlog">The whole backlog</Link>
      </p>
    </section>
  );
}

/** Answers whose newest evidence is older than the practice allows. */
export function StaleEvidence({ summary }: { readonly summary: TeamSummary }): JSX.Element {
  return (
    <section class="card" aria-labelledby="stale-heading">
      <h2 id="stale-heading">Stale evidence</h2>
      {summary.stale.length === 0 ? (
        <p class="muted">{summary.date === null ? 'No evidence yet.' : 'All evidence is fresh.'}</p>
      ) : (
        <>
          <p class="muted">{plural(summary.stale.length, 'answer')} with evidence older than the practice’s freshness limit; they earn no credit until confirmed.</p>
          <div class="table-scroll">
            <table class="data stale-table">
              <thead>
                <tr>
                  <th scope="col">Practice</th>
                  <th scope="col" class="num">
                    Age
                  </th>
                  <th scope="col" class="num">
                    Limit
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.stale.map((item) => (
                  <tr key={item.practice}>
                    <td>
                      {item.title}
                      <div class="muted small-text">
                        <code>{item.practice}</code> · evidence of {item.evidenceDate}
                      </div>
                    </td>
                    <td class="num">{plural(item.ageDays, 'day')}</td>
                    <td class="num">{plural(item.freshnessDays, 'day')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Practices the raters of the latest checkpoint rated differently, with the status that counts. */
export function Disagreements({ summary }: { readonly summary: TeamSummary }): JSX.Element {
  const names = domainNames(summary);
  return (
    <section class="card" aria-labelledby="disagreements-heading">
      <h2 id="disagreements-heading">Disagreements{summary.date === null ? '' : ` in the checkpoint of ${summary.date}`}</h2>
      {summary.disagreements.length === 0 ? (
        <p class="muted">{summary.date === null ? 'No checkpoint yet.' : 'The raters agreed on every practice.'}</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Practice</th>
                <th scope="col">Domain</th>
                <th scope="col">Ratings</th>
                <th scope="col">Counts as</th>
              </tr>
            </thead>
            <tbody>
              {summary.disagreements.map((item) => (
                <tr key={item.practice}>
                  <td>{item.title}</td>
                  <td>{names.get(item.domain) ?? item.domain}</td>
                  <td>{ratingsText(item.ratings)}</td>
                  <td>{item.resolved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
