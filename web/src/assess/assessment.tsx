import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiGet } from '../api.js';
import type { ApiResult } from '../api.js';
import type { PublicUser, TeamRole } from '../api-types.js';
import { Link, Loading, PageHeading, ProblemBox, useTitle } from '../ui.js';
import { DomainNav, levelText } from './domain-nav.js';
import type { Edits } from './edits.js';
import { DisagreementPanel, StateActions } from './facilitator.js';
import { controlId, PracticeCard } from './practice-card.js';
import { levelGroups, nextOpen, openCount } from './progress.js';
import { QuickScores } from './quick-scores.js';
import type { Capacity, Control } from './roles.js';
import { capacityOf, controlFor, seesAllRatings } from './roles.js';
import { focusRadioGroup } from './status-radios.js';
import type { CheckpointEditor, SaveState } from './use-checkpoint.js';
import { useCheckpoint } from './use-checkpoint.js';
import { STATE_LABELS } from './types.js';
import type { CheckpointState, CheckpointView, ModelBody, ScanListBody, TeamBody } from './types.js';

const STEPS: readonly CheckpointState[] = ['draft', 'rating', 'consensus', 'final'];
const SHORTCUT = 'Alt+Shift+N';

/** One GET for the page (re-sent when `path` changes; undefined path: nothing to load yet). */
function useGet<T>(path: string | undefined): ApiResult<T> | undefined {
  const [result, setResult] = useState<ApiResult<T> | undefined>(undefined);
  useEffect(() => {
    if (path === undefined) return undefined;
    let current = true;
    void apiGet<T>(path).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [path]);
  return result;
}

/** The whole page's save state in a few words. */
export function saveSummary(edits: Edits, saves: Readonly<Record<string, SaveState>>): { text: string; kind: 'ok' | 'busy' | 'problem' } {
  const states = Object.values(saves);
  const count = (kind: SaveState['kind']): number => states.filter((state) => state.kind === kind).length;
  const pending = Object.values(edits).reduce((sum, practice) => sum + (practice.answer === undefined ? 0 : 1) + (practice.rating === undefined ? 0 : 1), 0);
  if (count('conflict') > 0) return { text: `${count('conflict')} conflicting change(s) to resolve`, kind: 'problem' };
  if (count('error') > 0) return { text: `${count('error')} change(s) not saved`, kind: 'problem' };
  if (count('held') > 0) return { text: `${count('held')} change(s) wait for a justification`, kind: 'problem' };
  if (pending > 0 || count('saving') > 0) return { text: 'Saving…', kind: 'busy' };
  return { text: 'All changes saved', kind: 'ok' };
}

function Stepper({ state }: { readonly state: CheckpointState }): JSX.Element {
  const index = STEPS.indexOf(state);
  return (
    <ol class="stepper" aria-label="Checkpoint state">
      {STEPS.map((step, position) => (
        <li key={step} class={position < index ? 'step-done' : position === index ? 'step-current' : 'step-later'} aria-current={position === index ? 'step' : undefined}>
          {position < index ? '✓ ' : ''}
          {STATE_LABELS[step]}
        </li>
      ))}
    </ol>
  );
}

function roleNote(view: CheckpointView, capacity: Capacity, control: Control): string {
  if (view.state === 'final') return 'This checkpoint is final: it counts for the heatmap, the backlog and the trend, and no longer changes. Start a new checkpoint to reassess.';
  if (!capacity.canRate) return 'You can read this checkpoint; only assessors and leads of the team change it.';
  if (control === 'rating' && view.state === 'rating') return 'Rating round: rate each practice on your own. Other raters\u2019 ratings stay hidden until the lead opens consensus. Evidence and justifications are shared.';
  if (control === 'rating') return 'Consensus: the lead decides the status of each practice. You can still change your own rating, evidence and justifications.';
  if (view.state === 'consensus') return 'Consensus: compare the ratings, set the consensus status of each practice (the median is the default), then finalise.';
  return 'Draft: set the status of each practice with its evidence. A lead can start a rating round so several people rate independently.';
}

interface ToolbarProps {
  readonly editor: CheckpointEditor;
  readonly view: CheckpointView;
  readonly left: number;
  readonly onNext: () => void;
  readonly control: Control;
}

function Toolbar({ editor, view, left, onNext, control }: ToolbarProps): JSX.Element {
  const summary = saveSummary(editor.edits, editor.saves);
  return (
    <div class="assess-bar">
      <Stepper state={view.state} />
      {control === 'none' ? null : (
        <p class={`save-summary save-summary-${summary.kind}`} role="status" aria-live="polite">
          {summary.text}
        </p>
      )}
      {control === 'none' ? null : (
        <button type="button" class="next-open" onClick={onNext} aria-keyshortcuts={SHORTCUT} disabled={left === 0}>
          {left === 0 ? 'Everything answered' : `Next unanswered (${left} left)`} <kbd>{SHORTCUT}</kbd>
        </button>
      )}
    </div>
  );
}

function DomainSection(props: { model: ModelBody; view: CheckpointView; editor: CheckpointEditor; capacity: Capacity; control: Control; domainId: string; today: string; seesAll: boolean }): JSX.Element {
  const { model, view, domainId } = props;
  const domain = model.domains.find((candidate) => candidate.id === domainId);
  const score = view.domains.find((candidate) => candidate.domain === domainId);
  return (
    <section class="domain-section" aria-labelledby="domain-heading">
      <h2 id="domain-heading">{domain?.name ?? domainId}</h2>
      <p class="muted">{domain?.description}</p>
      <p class="domain-level-line" aria-live="polite">
        Derived: <strong>{levelText(score)}</strong>
        {score?.target === null || score?.target === undefined ? null : ` · target ${score.target}`}
        {score?.selfRated === null || score?.selfRated === undefined ? null : ` · self-rated ${score.selfRated}${score.mismatch ? ' (differs from the derived level)' : ''}`}
        {props.seesAll && score !== undefined && score.disagreements > 0 ? ` · ${score.disagreements} disagreement(s)` : null}
      </p>
      {levelGroups(model, domainId).map((group) => (
        <section key={group.level} class="level-group" aria-labelledby={`level-${domainId}-${group.level}`}>
          <h3 id={`level-${domainId}-${group.level}`}>
            Level {group.level} · {group.name}
          </h3>
          {group.practices.map((practice) => (
            <PracticeCard key={practice.id} practice={practice} view={view} editor={props.editor} capacity={props.capacity} control={props.control} today={props.today} />
          ))}
        </section>
      ))}
    </section>
  );
}

interface EditorProps {
  readonly model: ModelBody;
  readonly view: CheckpointView;
  readonly editor: CheckpointEditor;
  readonly capacity: Capacity;
  readonly initialDomain: string | null;
}

function useShortcut(handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => { window.removeEventListener('keydown', onKey); };
  }, []);
}

function Editor({ model, view, editor, capacity, initialDomain }: EditorProps): JSX.Element {
  const control = controlFor(view.state, capacity);
  const firstDomain = model.domains[0]?.id ?? '';
  const [domainId, setDomainId] = useState(initialDomain !== null && model.domains.some((domain) => domain.id === initialDomain) ? initialDomain : firstDomain);
  const [tab, setTab] = useState<'practices' | 'quick'>(Object.keys(view.domainScores).length > 0 && Object.keys(view.answers).length === 0 ? 'quick' : 'practices');
  const [focusTarget, setFocusTarget] = useState<string | undefined>(undefined);
  const current = useRef<string | undefined>(undefined);
  const today = new Date().toISOString().slice(0, 10);
  const left = openCount(model, view, editor.edits, control, capacity.username);

  useEffect(() => {
    if (focusTarget === undefined) return;
    focusRadioGroup(controlId(focusTarget));
    setFocusTarget(undefined);
  }, [focusTarget]);

  const open = (practiceId: string): void => {
    const practice = model.practices.find((candidate) => candidate.id === practiceId);
    if (practice === undefined) return;
    setTab('practices');
    setDomainId(practice.domain);
    current.current = practiceId;
    setFocusTarget(practiceId);
  };
  const next = (): void => {
    const found = nextOpen(model, view, editor.edits, control, capacity.username, current.current);
    if (found !== undefined) open(found.id);
  };
  useShortcut(next);

  return (
    <>
      <Toolbar editor={editor} view={view} left={left} onNext={next} control={control} />
      <p class="role-note">{roleNote(view, capacity, control)}</p>
      <StateActions model={model} view={view} editor={editor} capacity={capacity} onOpen={open} />
      {capacity.isLead && view.state === 'consensus' ? <DisagreementPanel model={model} view={view} facilitator={capacity.username} onOpen={open} /> : null}
      {capacity.isLead && view.state === 'rating' ? (
        <p class="muted">
          Ratings so far: {view.raters.length === 0 ? 'none' : `${view.raters.length} rater(s) (${view.raters.join(', ')})`}. As facilitator you see them all; the raters do not see each other's.
        </p>
      ) : null}
      <div class="view-switch" role="group" aria-label="What to assess">
        <button type="button" aria-pressed={tab === 'practices'} onClick={() => { setTab('practices'); }}>
          Practices (detailed)
        </button>
        <button type="button" aria-pressed={tab === 'quick'} onClick={() => { setTab('quick'); }}>
          Quick scores (0–3 per domain)
        </button>
      </div>
      {tab === 'quick' ? (
        <QuickScores model={model} view={view} editor={editor} capacity={capacity} />
      ) : (
        <div
          class="assess-layout"
          onFocusIn={(event) => {
            const practice = (event.target as HTMLElement).closest('article[data-practice]')?.getAttribute('data-practice');
            if (practice !== null && practice !== undefined) current.current = practice;
          }}
        >
          <DomainNav model={model} view={view} edits={editor.edits} control={control} rater={capacity.username} selected={domainId} onSelect={setDomainId} />
          <DomainSection model={model} view={view} editor={editor} capacity={capacity} control={control} domainId={domainId} today={today} seesAll={seesAllRatings(view.state, capacity)} />
        </div>
      )}
    </>
  );
}

interface AssessmentProps {
  readonly checkpointId: string;
  readonly user: PublicUser;
  readonly roles: Readonly<Record<string, TeamRole>>;
  readonly initialDomain: string | null;
}

function ScanLine({ scans, view }: { readonly scans: ApiResult<ScanListBody> | undefined; readonly view: CheckpointView }): JSX.Element | null {
  const proposals = Object.values(view.answers).filter((answer) => answer.proposed !== null).length;
  const latest = scans?.ok === true ? scans.value.scans[0] : undefined;
  if (proposals === 0 && latest === undefined) return null;
  return (
    <p class="muted scan-line">
      {latest === undefined ? 'Scan proposals' : `Latest scan pushed ${latest.pushedAt.slice(0, 16).replace('T', ' ')} UTC by ${latest.pushedBy}`}: {proposals} practice(s) carry a proposal to accept or override.
    </p>
  );
}

/** The assessment editor of one checkpoint: loads the model, the checkpoint and its team, then edits it. */
export function Assessment({ checkpointId, user, roles, initialDomain }: AssessmentProps): JSX.Element {
  const model = useGet<ModelBody>('/api/v1/models/current');
  const editor = useCheckpoint(checkpointId, user.username);
  const view = editor.view;
  const teamPath = view === undefined ? undefined : `/api/v1/teams/${encodeURIComponent(view.teamId)}`;
  const team = useGet<TeamBody>(teamPath);
  const scans = useGet<ScanListBody>(teamPath === undefined ? undefined : `${teamPath}/scans?limit=1`);
  const teamName = team?.ok === true ? team.value.name : (view?.teamId ?? '');
  useTitle(view === undefined ? 'Checkpoint' : `${teamName} ${view.date}`);
  const problem = editor.loadProblem ?? (model !== undefined && !model.ok ? model.problem : undefined);
  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <Link href="/">Dashboard</Link> <span aria-hidden="true">›</span>{' '}
        {view === undefined ? null : (
          <>
            <Link href={`/teams/${encodeURIComponent(view.teamId)}`}>{teamName}</Link> <span aria-hidden="true">›</span>{' '}
          </>
        )}
        <span aria-current="page">Checkpoint{view === undefined ? '' : ` ${view.date}`}</span>
      </nav>
      <PageHeading>{view === undefined ? 'Checkpoint' : `${teamName}: checkpoint of ${view.date}`}</PageHeading>
      {problem === undefined ? null : <ProblemBox problem={problem} />}
      {problem === undefined && (view === undefined || model === undefined) ? <Loading what="the checkpoint" /> : null}
      {view !== undefined && model?.ok === true ? (
        <>
          <ScanLine scans={scans} view={view} />
          <Editor model={model.value} view={view} editor={editor} capacity={capacityOf(user.username, user.isAdmin, roles[view.teamId])} initialDomain={initialDomain} />
        </>
      ) : null}
    </>
  );
}
