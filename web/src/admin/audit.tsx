import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { navigate, pathWithQuery } from '../router.js';
import { Link, Loading, ProblemBox } from '../ui.js';
import { ErrorSummary, SelectInput, TextInput, useFocusFirstError, When } from './forms.js';
import { useApi, valueOf } from './load.js';
import type { AuditBody, AuditEntry, TeamsBody } from './types.js';
import type { FieldErrors } from './validate.js';
import { compact, dateError, isClean } from './validate.js';

/**
 * `/admin/audit`: the audit log, newest first, filtered by actor, action, outcome, team and dates.
 * The filters live in the address (shareable, survive a reload); "Older entries" pages back with `before`.
 * Everything is shown as text.
 */

export const FILTERS = ['actor', 'action', 'outcome', 'team', 'since', 'until'] as const;
export type Filter = (typeof FILTERS)[number];
export const PAGE_SIZE = 50;

/** Actions the server writes (docs/api/*.md), offered as suggestions; any text is accepted. */
const KNOWN_ACTIONS = [
  'access',
  'answer.put',
  'backlog.status',
  'checkpoint.create',
  'checkpoint.import',
  'checkpoint.push',
  'checkpoint.update',
  'dsomm.import',
  'login',
  'logout',
  'membership.remove',
  'membership.set',
  'model.upload',
  'organisation.update',
  'password.change',
  'rating.delete',
  'rating.put',
  'scan.import',
  'scan.push',
  'setup',
  'team.create',
  'team.delete',
  'team.update',
  'token.create',
  'token.revoke',
  'token.use',
  'user.create',
  'user.update',
  'workbook.import',
  'workspace.import',
];

/** The filters of the address, as the audit route's query (before and limit added). */
export function auditQuery(query: URLSearchParams): string {
  const params: Record<string, string | undefined> = Object.fromEntries(FILTERS.map((filter) => [filter, query.get(filter)?.trim() || undefined]));
  return pathWithQuery('/api/v1/audit', { ...params, before: query.get('before') ?? undefined, limit: String(PAGE_SIZE) });
}

/** One detail value as text (objects as compact JSON, long text cut with an ellipsis). */
export function detailText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function Detail({ detail }: { readonly detail: AuditEntry['detail'] }): JSX.Element {
  const entries = Object.entries(detail);
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <dl class="audit-detail">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{detailText(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function EntryRow({ entry }: { readonly entry: AuditEntry }): JSX.Element {
  return (
    <tr data-action={entry.action} data-id={entry.id}>
      <td class="nowrap">
        <When at={entry.at} />
      </td>
      <td>{entry.actor}</td>
      <td>
        <code>{entry.action}</code>
      </td>
      <td>
        <span class={`badge badge-outcome-${entry.outcome}`}>{entry.outcome}</span>
      </td>
      <td>{entry.teamId ?? <span class="muted">—</span>}</td>
      <td class="wrap">{entry.target ?? <span class="muted">—</span>}</td>
      <td class="nowrap">{entry.ip ?? <span class="muted">—</span>}</td>
      <td class="detail-cell">
        <Detail detail={entry.detail} />
      </td>
    </tr>
  );
}

type FilterValues = Readonly<Record<Filter, string>>;

function valuesOf(query: URLSearchParams): FilterValues {
  return Object.fromEntries(FILTERS.map((filter) => [filter, query.get(filter) ?? ''])) as Record<Filter, string>;
}

function filterErrors(values: FilterValues): FieldErrors {
  return compact({
    since: dateError(values.since),
    until: dateError(values.until) ?? (values.since !== '' && values.until !== '' && values.until < values.since ? 'The end date is before the start date.' : undefined),
  });
}

function FilterForm({ query, teams }: { readonly query: URLSearchParams; readonly teams: readonly string[] }): JSX.Element {
  const [values, setValues] = useState<FilterValues>(() => valuesOf(query));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  useFocusFirstError(errors, attempt, (field) => `audit-${field}`);
  const set = (filter: Filter, value: string): void => {
    setValues({ ...values, [filter]: value });
  };
  const submit = (event: Event): void => {
    event.preventDefault();
    const found = filterErrors(values);
    setErrors(found);
    setAttempt(attempt + 1);
    if (isClean(found)) navigate(pathWithQuery('/admin/audit', Object.fromEntries(FILTERS.map((filter) => [filter, values[filter].trim()]))));
  };
  return (
    <form class="stack" onSubmit={submit} noValidate aria-label="Filter the audit log">
      <ErrorSummary errors={errors} />
      <div class="filter-grid">
        <TextInput id="audit-actor" label="Actor" value={values.actor} onInput={(value) => { set('actor', value); }} hint="A username, token:<id> or anonymous." />
        <TextInput id="audit-action" label="Action" list="audit-actions" value={values.action} onInput={(value) => { set('action', value); }} hint="For example team.create." />
        <SelectInput
          id="audit-outcome"
          label="Outcome"
          value={values.outcome}
          options={[
            ['', 'any'],
            ['ok', 'ok'],
            ['refused', 'refused'],
            ['failed', 'failed'],
          ]}
          onChange={(value) => { set('outcome', value); }}
        />
        <TextInput id="audit-team" label="Team id" list="audit-teams" value={values.team} onInput={(value) => { set('team', value); }} hint="Also of deleted teams." />
        <TextInput id="audit-since" label="From" type="date" value={values.since} onInput={(value) => { set('since', value); }} error={errors['since']} hint="Whole day, inclusive." />
        <TextInput id="audit-until" label="Until" type="date" value={values.until} onInput={(value) => { set('until', value); }} error={errors['until']} hint="Whole day, inclusive." />
      </div>
      <datalist id="audit-actions">
        {KNOWN_ACTIONS.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <datalist id="audit-teams">
        {teams.map((team) => (
          <option key={team} value={team} />
        ))}
      </datalist>
      <div class="actions">
        <button type="submit" class="primary">
          Show matching entries
        </button>
        <Link href="/admin/audit" class="button-link">
          Clear the filters
        </Link>
      </div>
    </form>
  );
}

function Entries({ body, query }: { readonly body: AuditBody; readonly query: URLSearchParams }): JSX.Element {
  const older = body.next === null ? undefined : pathWithQuery('/admin/audit', { ...Object.fromEntries(query), before: String(body.next) });
  const paged = query.has('before');
  const newest = pathWithQuery('/admin/audit', { ...Object.fromEntries(query), before: undefined });
  return (
    <>
      <p class="muted" role="status">
        {body.entries.length === 0 ? 'No entry matches.' : `${body.entries.length} entries${paged ? ' (an older page)' : ''}, newest first.`}
      </p>
      {body.entries.length === 0 ? null : (
        <div class="table-scroll">
          <table class="admin-table audit-table">
            <caption class="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">Team</th>
                <th scope="col">Target</th>
                <th scope="col">From</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {body.entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Audit log pages">
        {paged ? <Link href={newest}>« Newest entries</Link> : null}
        {older === undefined ? <span class="muted">{body.entries.length === 0 ? '' : 'These are the oldest matching entries.'}</span> : <Link href={older}>Older entries »</Link>}
      </nav>
    </>
  );
}

/** The audit section of the admin page (admins and auditors). */
export function AuditSection({ query }: { readonly query: URLSearchParams }): JSX.Element {
  const path = auditQuery(query);
  const entries = useApi<AuditBody>(path);
  const teams = valueOf(useApi<TeamsBody>('/api/v1/teams'));
  const filters = FILTERS.map((filter) => query.get(filter) ?? '').join('|');
  return (
    <>
      <section class="card" aria-label="Filters">
        <FilterForm key={filters} query={query} teams={(teams?.teams ?? []).map((team) => team.id)} />
      </section>
      <section class="card" aria-label="Entries">
        {entries.result === undefined ? <Loading what="the audit log" /> : null}
        {entries.result !== undefined && !entries.result.ok ? <ProblemBox problem={entries.result.problem} /> : null}
        {entries.result?.ok === true ? <Entries body={entries.result.value} query={query} /> : null}
      </section>
    </>
  );
}
