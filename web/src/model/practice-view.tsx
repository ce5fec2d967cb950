import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api.js';
import type { ApiResult } from '../api.js';
import { Link, Loading, ProblemBox } from '../ui.js';
import { MAPPING_KINDS, MAPPING_LABELS, modelHrefFor, practiceHref } from './model-data.js';
import type { ModelIndex, PracticeBody } from './model-data.js';

/** GET /api/v1/practices/:practiceId/teams (docs/api/views.md, "Teams of a practice"). */
export interface PracticeTeamsBody {
  readonly practice: string;
  readonly asOf: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly teams: readonly {
    readonly id: string;
    readonly name: string;
    readonly group: string | null;
    readonly date: string | null;
    readonly status: string;
    readonly source: 'facilitator' | 'median' | 'none';
    readonly stale: boolean;
    readonly inPlace: boolean;
    readonly domainLevel: number | null;
  }[];
}

/** Each status as words with a symbol, so colour is never the only signal. */
const STATUS_TEXT: Readonly<Record<string, readonly [string, string]>> = {
  implemented: ['✓', 'Implemented'],
  partial: ['◐', 'Partly'],
  'not-implemented': ['✗', 'Not implemented'],
  'not-applicable': ['–', 'Not applicable'],
  unknown: ['?', 'Not assessed'],
};

function PracticeLinks({ practices, empty }: { practices: readonly (PracticeBody | string)[]; empty: string }): JSX.Element {
  if (practices.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="plain">
      {practices.map((practice) =>
        typeof practice === 'string' ? (
          <li key={practice}>
            <code>{practice}</code> <span class="muted">(not in this model)</span>
          </li>
        ) : (
          <li key={practice.id}>
            <Link href={practiceHref(practice.id)}>{practice.title}</Link> <span class="muted">· level {practice.level}</span>
          </li>
        ),
      )}
    </ul>
  );
}

function Mappings({ practice }: { practice: PracticeBody }): JSX.Element {
  const kinds = MAPPING_KINDS.filter((kind) => practice.mappings[kind].length > 0);
  if (kinds.length === 0) return <p class="muted">No mapping to other frameworks.</p>;
  return (
    <dl class="practice-mappings">
      {kinds.map((kind) => (
        <div key={kind}>
          <dt>{MAPPING_LABELS[kind]}</dt>
          <dd>
            {practice.mappings[kind].map((value) => (
              <Link key={value} href={modelHrefFor({ mappingKind: kind, mappingValue: value })} class="chip" title={`Practices mapped to ${value}`}>
                {value}
              </Link>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Detectors({ practice }: { practice: PracticeBody }): JSX.Element {
  if (practice.detectors.length === 0) return <p class="muted">No scanner detector evidences this practice: an assessor confirms it.</p>;
  return (
    <ul class="plain">
      {practice.detectors.map((detector) => (
        <li key={detector}>
          <code>{detector}</code> <Link href={modelHrefFor({ detector })}>other practices it evidences</Link>
        </li>
      ))}
    </ul>
  );
}

/** A reference becomes a link only when it is an absolute http(s) address without credentials (S23); anything else stays text. */
function safeHref(reference: string): string | undefined {
  try {
    const url = new URL(reference);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function References({ references }: { references: readonly string[] }): JSX.Element {
  return (
    <ul class="plain">
      {references.map((reference) => {
        const href = safeHref(reference);
        return (
          <li key={reference}>
            {href === undefined ? (
              reference
            ) : (
              <a href={href} rel="noopener noreferrer" target="_blank">
                {reference}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function countsLine(body: PracticeTeamsBody): string {
  const { counts } = body;
  const parts = [`In place at ${counts['inPlace'] ?? 0} of ${body.teams.length} teams`, `partly ${counts['partial'] ?? 0}`, `not implemented ${counts['not-implemented'] ?? 0}`, `not applicable ${counts['not-applicable'] ?? 0}`, `not assessed ${counts['unknown'] ?? 0}`];
  if ((counts['stale'] ?? 0) > 0) parts.push(`stale evidence ${counts['stale'] ?? 0}`);
  return `${parts.join(' · ')} (as of ${body.asOf})`;
}

function TeamsTable({ body, domain }: { body: PracticeTeamsBody; domain: string }): JSX.Element {
  if (body.teams.length === 0) return <p class="muted">No team is visible to you.</p>;
  return (
    <>
      <p id="practice-team-counts">{countsLine(body)}</p>
      <table class="due practice-teams">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Group</th>
            <th scope="col">Answer</th>
            <th scope="col">Checkpoint</th>
            <th scope="col">Domain level</th>
          </tr>
        </thead>
        <tbody>
          {body.teams.map((team) => {
            const [symbol, words] = STATUS_TEXT[team.status] ?? ['?', team.status];
            return (
              <tr key={team.id} data-team={team.id} data-status={team.status}>
                <th scope="row">
                  <Link href={`/teams/${encodeURIComponent(team.id)}?domain=${encodeURIComponent(domain)}`}>{team.name}</Link>
                </th>
                <td>{team.group ?? '—'}</td>
                <td>
                  <span class={`answer answer-${team.status}`}>
                    <span aria-hidden="true">{symbol}</span> {words}
                  </span>
                  {team.source === 'median' ? <span class="muted"> (median of ratings)</span> : null}
                  {team.stale ? <span class="badge badge-stale">stale evidence{team.inPlace ? '' : ', no credit'}</span> : null}
                </td>
                <td>{team.date ?? <span class="muted">never assessed</span>}</td>
                <td>{team.domainLevel ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function PracticeTeams({ practice }: { practice: PracticeBody }): JSX.Element {
  const [result, setResult] = useState<ApiResult<PracticeTeamsBody> | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResult(undefined);
    void apiGet<PracticeTeamsBody>(`/api/v1/practices/${encodeURIComponent(practice.id)}/teams`).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [practice.id, attempt]);
  if (result === undefined) return <Loading what="the teams" />;
  if (!result.ok) {
    return (
      <>
        <ProblemBox problem={result.problem} />
        <button type="button" onClick={() => { setAttempt(attempt + 1); }}>
          Try again
        </button>
      </>
    );
  }
  return <TeamsTable body={result.value} domain={practice.domain} />;
}

function Figures({ index, practice }: { index: ModelIndex; practice: PracticeBody }): JSX.Element {
  const level = index.model.levels.find((entry) => entry.level === practice.level);
  return (
    <dl class="figures">
      <div>
        <dt>Domain</dt>
        <dd>
          <Link href={modelHrefFor({ domain: practice.domain })}>{index.domainNames.get(practice.domain) ?? practice.domain}</Link>
        </dd>
      </div>
      <div>
        <dt>Level</dt>
        <dd>
          {practice.level} <span class="figure-note">{level?.name ?? ''}</span>
        </dd>
      </div>
      <div>
        <dt>Risk while missing</dt>
        <dd>{practice.risk} of 5</dd>
      </div>
      <div>
        <dt>Effort to put in place</dt>
        <dd>{practice.effort} of 5</dd>
      </div>
      <div>
        <dt>Evidence expires</dt>
        <dd>{practice.freshnessDays === undefined ? 'never' : `after ${practice.freshnessDays} days`}</dd>
      </div>
    </dl>
  );
}

/** One practice: what it is, how to assess it, how it links to others and to frameworks, and which teams have it. */
export function PracticeView({ index, practice }: { index: ModelIndex; practice: PracticeBody }): JSX.Element {
  const dependsOn = practice.dependsOn.map((id) => index.practiceById.get(id) ?? id);
  const dependents = index.dependents.get(practice.id) ?? [];
  return (
    <>
      <p class="practice-id">
        <code>{practice.id}</code>
      </p>
      <Figures index={index} practice={practice} />
      <div class="columns practice-columns">
        <section class="card" aria-labelledby="practice-what">
          <h2 id="practice-what">What it is</h2>
          <p class="prose">{practice.description === '' ? <span class="muted">No description.</span> : practice.description}</p>
          <h2 class="practice-next">What an assessor should see</h2>
          <p class="prose">{practice.guidance === '' ? <span class="muted">No guidance.</span> : practice.guidance}</p>
        </section>
        <section class="card" aria-labelledby="practice-backlog">
          <h2 id="practice-backlog">Backlog item when missing</h2>
          <p>
            <strong>{practice.backlog?.title ?? `Put in place: ${practice.title}`}</strong>
          </p>
          {(practice.backlog?.acceptance.length ?? 0) > 0 ? (
            <>
              <h3 class="model-subhead">Acceptance criteria</h3>
              <ul class="plain">
                {practice.backlog?.acceptance.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
      <div class="columns practice-columns">
        <section class="card" aria-labelledby="practice-depends" data-section="depends-on">
          <h2 id="practice-depends">Depends on</h2>
          <PracticeLinks practices={dependsOn} empty="Nothing: this practice can be started first." />
          <h2 class="practice-next">Depended on by</h2>
          <div data-section="depended-on-by">
            <PracticeLinks practices={dependents} empty="No practice builds on this one." />
          </div>
        </section>
        <section class="card" aria-labelledby="practice-mappings">
          <h2 id="practice-mappings">Mappings</h2>
          <Mappings practice={practice} />
          <h2 class="practice-next">Evidenced by the scanner</h2>
          <Detectors practice={practice} />
          {practice.references !== undefined && practice.references.length > 0 ? (
            <>
              <h2 class="practice-next">References</h2>
              <References references={practice.references} />
            </>
          ) : null}
        </section>
      </div>
      <section class="card" aria-labelledby="practice-teams">
        <h2 id="practice-teams">Teams</h2>
        <PracticeTeams practice={practice} />
      </section>
    </>
  );
}
