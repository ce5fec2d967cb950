import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, apiGet } from '../api.js';
import type { ApiProblem, ApiResult } from '../api.js';
import type { PublicUser, TeamRole } from '../api-types.js';
import { navigate } from '../router.js';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';
import { withEntry } from './edits.js';
import { LevelSelector } from './quick-scores.js';
import { capacityOf } from './roles.js';
import { STATE_LABELS } from './types.js';
import type { CheckpointSummary, ModelBody, TeamBody } from './types.js';
import { latestFinal, openCheckpoint, startBody } from './start-data.js';
import type { StartForm } from './start-data.js';

interface FormProps {
  readonly teamId: string;
  readonly model: ModelBody;
  readonly latest: CheckpointSummary | undefined;
}

function ModeChoice({ form, onChange }: { readonly form: StartForm; readonly onChange: (form: StartForm) => void }): JSX.Element {
  const modes: readonly (readonly [StartForm['mode'], string, string])[] = [
    ['detailed', 'Detailed', 'answer each practice of the model; the domain levels are derived'],
    ['quick', 'Quick', 'rate each domain 0–3 directly, as in the spreadsheet approach'],
  ];
  return (
    <fieldset class="mode-choice">
      <legend>Mode</legend>
      {modes.map(([mode, label, hint]) => (
        <label key={mode} class="check">
          <input type="radio" name="mode" value={mode} checked={form.mode === mode} onChange={() => { onChange({ ...form, mode }); }} />
          <span>
            {label} <span class="muted">— {hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function StartCheckpointForm({ teamId, model, latest }: FormProps): JSX.Element {
  const [form, setForm] = useState<StartForm>({ date: new Date().toISOString().slice(0, 10), mode: 'detailed', copy: latest !== undefined, scores: {} });
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await api<{ id: string }>('POST', `/api/v1/teams/${encodeURIComponent(teamId)}/checkpoints`, { body: startBody(form) });
    setBusy(false);
    if (result.ok) navigate(`/checkpoints/${encodeURIComponent(result.value.id)}`);
    else setProblem(result.problem);
  };
  return (
    <form class="card stack start-form" onSubmit={(event) => void submit(event)}>
      <h2>Start a checkpoint</h2>
      <div class="field">
        <label for="start-date">Date</label>
        <input id="start-date" type="date" required value={form.date} onInput={(event) => { setForm({ ...form, date: event.currentTarget.value }); }} />
        <div class="hint">One checkpoint per team and date.</div>
      </div>
      <ModeChoice form={form} onChange={setForm} />
      <label class="check">
        <input type="checkbox" checked={form.copy} disabled={latest === undefined} onChange={(event) => { setForm({ ...form, copy: event.currentTarget.checked }); }} />
        <span>
          Copy from the latest final checkpoint{' '}
          <span class="muted">{latest === undefined ? '(there is none yet)' : `(${latest.date}: status, justification and evidence, not the ratings)`}</span>
        </span>
      </label>
      {form.mode === 'quick' ? (
        <div class="quick-grid">
          {model.domains.map((domain) => (
            <LevelSelector
              key={domain.id}
              model={model}
              domainId={domain.id}
              name={domain.name}
              value={Object.hasOwn(form.scores, domain.id) ? form.scores[domain.id] : undefined}
              disabled={false}
              onChange={(level) => {
                setForm({ ...form, scores: withEntry(form.scores, domain.id, level) });
              }}
            />
          ))}
        </div>
      ) : null}
      <ProblemBox problem={problem} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start the checkpoint'}
        </button>
      </div>
    </form>
  );
}

function History({ checkpoints }: { readonly checkpoints: readonly CheckpointSummary[] }): JSX.Element | null {
  if (checkpoints.length === 0) return null;
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">Earlier checkpoints</h2>
      <ul class="plain">
        {[...checkpoints].reverse().map((checkpoint) => (
          <li key={checkpoint.id}>
            <Link href={`/checkpoints/${encodeURIComponent(checkpoint.id)}`}>{checkpoint.date}</Link> <span class="muted">· {STATE_LABELS[checkpoint.state]} · {checkpoint.counts.answered} answered</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Loaded {
  readonly team: ApiResult<TeamBody>;
  readonly checkpoints: ApiResult<{ checkpoints: CheckpointSummary[] }>;
  readonly model: ApiResult<ModelBody>;
}

function useStartData(teamId: string): Loaded | undefined {
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setLoaded(undefined);
    const base = `/api/v1/teams/${encodeURIComponent(teamId)}`;
    void Promise.all([apiGet<TeamBody>(base), apiGet<{ checkpoints: CheckpointSummary[] }>(`${base}/checkpoints`), apiGet<ModelBody>('/api/v1/models/current')]).then(([team, checkpoints, model]) => {
      if (current) setLoaded({ team, checkpoints, model });
    });
    return () => {
      current = false;
    };
  }, [teamId]);
  return loaded;
}

/** `/teams/:teamId/assess`: continues the team's open checkpoint, or offers to start one. */
export function StartOrContinue({ teamId, user, roles }: { readonly teamId: string; readonly user: PublicUser; readonly roles: Readonly<Record<string, TeamRole>> }): JSX.Element {
  const loaded = useStartData(teamId);
  const name = loaded?.team.ok === true ? loaded.team.value.name : teamId;
  useTitle(`Assess ${name}`);
  const open = loaded?.checkpoints.ok === true ? openCheckpoint(loaded.checkpoints.value.checkpoints) : undefined;
  useEffect(() => {
    if (open !== undefined) navigate(`/checkpoints/${encodeURIComponent(open.id)}`, { replace: true });
  }, [open]);
  const problem = loaded === undefined ? undefined : [loaded.team, loaded.checkpoints, loaded.model].find((result) => !result.ok);
  const capacity = capacityOf(user.username, user.isAdmin, roles[teamId]);
  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <Link href="/">Dashboard</Link> <span aria-hidden="true">›</span> <Link href={`/teams/${encodeURIComponent(teamId)}`}>{name}</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">Assess</span>
      </nav>
      <PageHeading>Assess {name}</PageHeading>
      {loaded === undefined || open !== undefined ? <Loading what="the team's checkpoints" /> : null}
      {problem !== undefined && !problem.ok ? <ProblemBox problem={problem.problem} /> : null}
      {loaded !== undefined && problem === undefined && open === undefined && loaded.checkpoints.ok && loaded.model.ok ? (
        <>
          <p>The team has no checkpoint in progress.</p>
          {capacity.canRate ? (
            <StartCheckpointForm teamId={teamId} model={loaded.model.value} latest={latestFinal(loaded.checkpoints.value.checkpoints)} />
          ) : (
            <p class="notice notice-info">Only assessors and leads of this team (and admins) start a checkpoint. Ask the team lead.</p>
          )}
          <History checkpoints={loaded.checkpoints.value.checkpoints} />
        </>
      ) : null}
    </>
  );
}
