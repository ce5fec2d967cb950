import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api.js';
import type { ApiResult } from '../api.js';
import { teamHref } from '../dashboard/heatmap-grid.js';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';

interface TeamListBody {
  readonly teams: readonly { readonly id: string; readonly name: string; readonly group: string | null; readonly cadence?: string | null }[];
}

/** The teams the user may see, by name (the full Teams page with members and targets comes next). */
export function TeamsPage(): JSX.Element {
  useTitle('Teams');
  const [result, setResult] = useState<ApiResult<TeamListBody> | undefined>(undefined);
  useEffect(() => {
    void apiGet<TeamListBody>('/api/v1/teams').then(setResult);
  }, []);
  return (
    <>
      <PageHeading>Teams</PageHeading>
      {result === undefined ? <Loading what="the teams" /> : null}
      {result !== undefined && !result.ok ? <ProblemBox problem={result.problem} /> : null}
      {result?.ok === true ? (
        <section class="card">
          {result.value.teams.length === 0 ? (
            <p>No team is visible to you yet.</p>
          ) : (
            <table class="due">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Group</th>
                  <th scope="col">Cadence</th>
                </tr>
              </thead>
              <tbody>
                {[...result.value.teams]
                  .sort((a, b) => a.name.localeCompare(b.name, 'en'))
                  .map((team) => (
                    <tr key={team.id}>
                      <td>
                        <Link href={teamHref(team.id)}>{team.name}</Link> <span class="muted">({team.id})</span>
                      </td>
                      <td>{team.group ?? '—'}</td>
                      <td>{team.cadence ?? 'organisation default'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </>
  );
}

const LATER: Readonly<Record<'backlog' | 'model' | 'admin', { title: string; text: string }>> = {
  backlog: { title: 'Backlog', text: 'The prioritised backlog of every team you can see, with filters and exports, arrives here in the next step.' },
  model: { title: 'Model', text: 'The maturity model (domains, levels and practices with their guidance) arrives here in the next step.' },
  admin: { title: 'Admin', text: 'Users, teams, roles, API tokens, organisation settings and the audit log arrive here in the next step.' },
};

/** A page not built yet: says so instead of failing. */
export function LaterPage({ page }: { readonly page: keyof typeof LATER }): JSX.Element {
  const { title, text } = LATER[page];
  useTitle(title);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <section class="card">
        <p>{text}</p>
        <p>
          Meanwhile the <a href="/api/v1/openapi.json">API</a> and the <code>stepwise</code> command line cover it.
        </p>
      </section>
    </>
  );
}

/** An address the app does not know. */
export function NotFoundPage(): JSX.Element {
  useTitle('Not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <section class="card">
        <p>
          There is no page at this address. Go to the <Link href="/">dashboard</Link>.
        </p>
      </section>
    </>
  );
}
