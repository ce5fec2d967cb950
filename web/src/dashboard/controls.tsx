import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { ApiProblem } from '../api.js';
import { saveBlob } from '../downloads.js';
import { ProblemBox } from '../ui.js';
import { localToday, REPORT_FORMATS, reportFileName, reportPath } from './view-query.js';
import type { DashboardScope } from './view-query.js';

/**
 * The dashboard's server-side choices: which group, as of which date, and the report downloads of
 * that group. Each change replaces the scope; the page turns it into the address and a new request.
 */

interface ScopeProps {
  readonly scope: DashboardScope;
  readonly onChange: (scope: DashboardScope) => void;
}

/** "All groups" or one of the organisation's groups (a group in the address but no longer in the list is kept as an option). */
export function GroupSelect({ scope, onChange, groups }: ScopeProps & { readonly groups: readonly string[] | undefined }): JSX.Element {
  const options = scope.group !== '' && groups?.includes(scope.group) !== true ? [...(groups ?? []), scope.group] : (groups ?? []);
  return (
    <div class="field inline">
      <label for="dash-group">Group</label>
      <select
        id="dash-group"
        value={scope.group}
        disabled={groups === undefined && scope.group === ''}
        onChange={(event) => {
          onChange({ ...scope, group: event.currentTarget.value });
        }}
      >
        <option value="">All groups</option>
        {options.map((group) => (
          <option key={group} value={group}>
            {group}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The date of the heatmap: empty is today; a past date shows each team's latest final checkpoint on or before it. */
export function DatePicker({ scope, onChange }: ScopeProps): JSX.Element {
  const today = localToday();
  return (
    <div class="field inline">
      <label for="dash-date">Heatmap as of</label>
      <input
        id="dash-date"
        type="date"
        value={scope.date === '' ? today : scope.date}
        max={today}
        aria-describedby="dash-date-shown"
        onChange={(event) => {
          const value = event.currentTarget.value;
          // Today (or a date after it, typed past the picker's limit) is the live view, not a past one.
          onChange({ ...scope, date: value === '' || value >= today ? '' : value });
        }}
      />
      {scope.date === '' ? null : (
        <button
          type="button"
          onClick={() => {
            onChange({ ...scope, date: '' });
          }}
        >
          Back to today
        </button>
      )}
    </div>
  );
}

/** Which date the grid shows, in words, for the banner above it. */
export function ShownDate({ date, past }: { readonly date: string; readonly past: boolean }): JSX.Element {
  return (
    <p id="dash-date-shown" class={past ? 'dash-past' : 'muted dash-today'} role="status">
      {past ? (
        <>
          Showing the heatmap as it stood on <strong>{date}</strong>: each team's latest final checkpoint on or before that date, judged as of that date. Changes
          (▲▼) compare with the checkpoint before it.
        </>
      ) : (
        <>Showing today, {date}: each team's latest final checkpoint, with evidence judged as of today.</>
      )}
    </p>
  );
}

type DownloadState = { readonly kind: 'idle' } | { readonly kind: 'busy'; readonly label: string } | { readonly kind: 'done'; readonly fileName: string } | { readonly kind: 'failed'; readonly problem: ApiProblem };

/** Closes a `<details>` menu when Escape is pressed inside it or the user clicks elsewhere. */
function useCloseOnOutside(menu: { current: HTMLDetailsElement | null }): void {
  useEffect(() => {
    const close = (event: Event): void => {
      const element = menu.current;
      if (element === null || !element.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !element.contains(event.target as Node)) {
        element.open = false;
        if (event instanceof KeyboardEvent) element.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, [menu]);
}

/** "Download report": HTML, Markdown or XLSX of the teams in the chosen group, fetched through `api()` so a refusal is shown. */
export function ReportMenu({ scope }: { readonly scope: DashboardScope }): JSX.Element {
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });
  const menu = useRef<HTMLDetailsElement>(null);
  useCloseOnOutside(menu);
  const download = async (format: string, label: string, extension: string): Promise<void> => {
    if (menu.current !== null) menu.current.open = false;
    setState({ kind: 'busy', label });
    const result = await api<Blob>('GET', reportPath(format, scope), { as: 'blob' });
    if (!result.ok) {
      setState({ kind: 'failed', problem: result.problem });
      return;
    }
    const fileName = reportFileName(extension, scope, localToday());
    saveBlob(result.value, fileName);
    setState({ kind: 'done', fileName });
  };
  return (
    <div class="dash-report">
      <details class="dash-menu" ref={menu}>
        <summary class="button-like">Download report</summary>
        <ul class="dash-menu-list" aria-label="Report formats">
          {REPORT_FORMATS.map(([format, label, extension]) => (
            <li key={format}>
              <button type="button" data-format={format} disabled={state.kind === 'busy'} onClick={() => void download(format, label, extension)}>
                {label}
              </button>
            </li>
          ))}
          <li class="hint dash-menu-hint">{scope.group === '' ? 'All the teams you can see' : `Teams of the group ${scope.group}`}, as of today.</li>
        </ul>
      </details>
      <div class="dash-report-status" aria-live="polite">
        {state.kind === 'busy' ? <span class="muted">Preparing the {state.label.split(' (')[0]} report…</span> : null}
        {state.kind === 'done' ? <span class="muted">Saved {state.fileName} to your downloads.</span> : null}
      </div>
      {state.kind === 'failed' ? <ProblemBox problem={state.problem} /> : null}
    </div>
  );
}
