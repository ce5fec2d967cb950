import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, apiGet } from '../api.js';
import type { ApiProblem } from '../api.js';
import { Loading, ProblemBox } from '../ui.js';
import { UploadForm } from './files.js';
import type { ConflictRow } from './forms.js';
import { Checkbox, ConflictPanel, ErrorSummary, Saved, SelectInput, TextInput, useFocusFirstError, When } from './forms.js';
import { useApi } from './load.js';
import { DomainGrid, targetErrors, topLevel, weightErrors } from './targets.js';
import type { ModelFile, ModelsBody, ModelSummary, Settings, UploadedModel } from './types.js';
import { CADENCES } from './types.js';
import type { FieldErrors } from './validate.js';
import { compact, inputsFrom, isClean, levelError, nameError, targetsFrom } from './validate.js';

/**
 * `/admin/organisation`: the settings `stepwise.yaml` holds besides teams, the model in use, and the
 * upload of a model file. Every change is a PATCH with If-Match; a 412 shows both versions.
 */

type TargetMode = 'none' | 'same' | 'domain';

interface SettingsForm {
  readonly name: string;
  readonly defaultCadence: string;
  readonly staleCounts: boolean;
  readonly mode: TargetMode;
  readonly same: string;
  readonly targets: Readonly<Record<string, string>>;
  readonly weights: Readonly<Record<string, string>>;
}

export type SettingsChanges = Partial<Pick<Settings, 'name' | 'model' | 'defaultTargets' | 'domainWeights' | 'staleCounts' | 'defaultCadence'>>;

function formOf(settings: Settings, model: ModelFile): SettingsForm {
  const domains = model.domains.map((domain) => domain.id);
  const targets = settings.defaultTargets;
  return {
    name: settings.name,
    defaultCadence: settings.defaultCadence,
    staleCounts: settings.staleCounts,
    mode: targets === null ? 'none' : typeof targets === 'number' ? 'same' : 'domain',
    same: typeof targets === 'number' ? String(targets) : '',
    targets: inputsFrom(typeof targets === 'object' && targets !== null ? targets : undefined, domains),
    weights: inputsFrom(settings.domainWeights, domains),
  };
}

function sameMap(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

function sameTargets(a: Settings['defaultTargets'], b: Settings['defaultTargets']): boolean {
  if (a === null || b === null || typeof a === 'number' || typeof b === 'number') return a === b;
  return sameMap(a, b);
}

function targetsOf(form: SettingsForm): Settings['defaultTargets'] {
  if (form.mode === 'none') return null;
  if (form.mode === 'same') return Number(form.same);
  const map = targetsFrom(form.targets);
  return Object.keys(map).length === 0 ? null : map;
}

/** Only the settings that differ from those read. */
export function settingsChanges(settings: Settings, form: SettingsForm): SettingsChanges {
  const targets = targetsOf(form);
  const weights = targetsFrom(form.weights);
  return {
    ...(form.name.trim() === settings.name ? {} : { name: form.name.trim() }),
    ...(form.defaultCadence === settings.defaultCadence ? {} : { defaultCadence: form.defaultCadence }),
    ...(form.staleCounts === settings.staleCounts ? {} : { staleCounts: form.staleCounts }),
    ...(sameTargets(targets, settings.defaultTargets) ? {} : { defaultTargets: targets }),
    ...(sameMap(weights, settings.domainWeights) ? {} : { domainWeights: weights }),
  };
}

function targetsText(targets: Settings['defaultTargets'] | undefined): string {
  if (targets === null || targets === undefined) return 'none';
  if (typeof targets === 'number') return `${targets} in every domain`;
  return Object.entries(targets)
    .map(([domain, level]) => `${domain} ${level}`)
    .join(', ');
}

function mapText(map: Readonly<Record<string, number>> | undefined): string {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? 'all 1' : entries.map(([domain, value]) => `${domain} ${value}`).join(', ');
}

/** Rows of the conflict panel for a settings change. */
export function settingsConflictRows(changes: SettingsChanges, theirs: Settings): ConflictRow[] {
  const rows: ConflictRow[] = [];
  if (changes.name !== undefined) rows.push({ label: 'Name', mine: changes.name, theirs: theirs.name });
  if (changes.model !== undefined) rows.push({ label: 'Model', mine: changes.model, theirs: theirs.model });
  if (changes.defaultCadence !== undefined) rows.push({ label: 'Default cadence', mine: changes.defaultCadence, theirs: theirs.defaultCadence });
  if (changes.staleCounts !== undefined) rows.push({ label: 'Stale answers count', mine: changes.staleCounts ? 'yes' : 'no', theirs: theirs.staleCounts ? 'yes' : 'no' });
  if ('defaultTargets' in changes) rows.push({ label: 'Default targets', mine: targetsText(changes.defaultTargets), theirs: targetsText(theirs.defaultTargets) });
  if (changes.domainWeights !== undefined) rows.push({ label: 'Domain weights', mine: mapText(changes.domainWeights), theirs: mapText(theirs.domainWeights) });
  return rows;
}

function formErrors(form: SettingsForm, model: ModelFile): FieldErrors {
  const top = topLevel(model);
  return compact({
    name: nameError(form.name, 'the organisation’s name'),
    same: form.mode === 'same' ? (form.same.trim() === '' ? `Enter a level from 0 to ${top}.` : levelError(form.same, top)) : undefined,
    ...(form.mode === 'domain' ? targetErrors('org-target', form.targets, model) : {}),
    ...weightErrors('org-weight', form.weights, model),
  });
}

interface Conflict {
  readonly changes: SettingsChanges;
  readonly theirs: Settings;
}

/** Saving settings: PATCH with the version read, a 412 turned into a conflict to resolve. */
function useSettingsSave(onSaved: () => void): {
  busy: boolean;
  problem: ApiProblem | undefined;
  saved: string | undefined;
  conflict: Conflict | undefined;
  save: (changes: SettingsChanges, version: number, done: string) => Promise<boolean>;
  dismiss: (message: string) => void;
} {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [conflict, setConflict] = useState<Conflict | undefined>(undefined);
  const save = async (changes: SettingsChanges, version: number, done: string): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    setSaved(undefined);
    const result = await api<Settings>('PATCH', '/api/v1/organisation', { body: changes, ifMatch: version });
    if (result.ok) {
      setConflict(undefined);
      setSaved(done);
      onSaved();
    } else if (result.problem.status === 412) {
      const current = await apiGet<Settings>('/api/v1/organisation');
      if (current.ok) setConflict({ changes, theirs: current.value });
      else setProblem(current.problem);
    } else setProblem(result.problem);
    setBusy(false);
    return result.ok;
  };
  const dismiss = (message: string): void => {
    setConflict(undefined);
    setSaved(message);
    onSaved();
  };
  return { busy, problem, saved, conflict, save, dismiss };
}

interface FormProps {
  readonly settings: Settings;
  readonly model: ModelFile;
  readonly onSaved: () => void;
}

function SettingsFormCard({ settings, model, onSaved }: FormProps): JSX.Element {
  const [form, setForm] = useState<SettingsForm>(() => formOf(settings, model));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [nothing, setNothing] = useState(false);
  const saving = useSettingsSave(onSaved);
  useFocusFirstError(errors, attempt, (field) => (field.startsWith('org-') ? field : `org-${field}`));
  const set = (changes: Partial<SettingsForm>): void => {
    setForm({ ...form, ...changes });
  };
  const submit = (event: Event): void => {
    event.preventDefault();
    const found = formErrors(form, model);
    setErrors(found);
    setAttempt(attempt + 1);
    const changes = settingsChanges(settings, form);
    setNothing(isClean(found) && Object.keys(changes).length === 0);
    if (isClean(found) && Object.keys(changes).length > 0) void saving.save(changes, settings.version, 'The settings are saved. Every team’s levels are recomputed with them.');
  };
  const conflict = saving.conflict;
  return (
    <section class="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {conflict === undefined ? null : (
        <ConflictPanel
          rows={settingsConflictRows(conflict.changes, conflict.theirs)}
          busy={saving.busy}
          onUseMine={() => void saving.save(conflict.changes, conflict.theirs.version, 'Your version was saved over theirs.')}
          onUseTheirs={() => {
            setForm(formOf(conflict.theirs, model));
            saving.dismiss('Kept their version; your change was discarded.');
          }}
        />
      )}
      <form class="stack" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        <div class="form-row">
          <TextInput id="org-name" label="Organisation name" required value={form.name} onInput={(name) => { set({ name }); }} error={errors['name']} />
          <SelectInput
            id="org-defaultCadence"
            label="Default reassessment cadence"
            value={form.defaultCadence}
            options={CADENCES.map((cadence): [string, string] => [cadence, cadence])}
            onChange={(defaultCadence) => { set({ defaultCadence }); }}
            hint="For teams without their own cadence."
          />
        </div>
        <Checkbox
          id="org-staleCounts"
          label="Stale answers still count"
          checked={form.staleCounts}
          onChange={(staleCounts) => { set({ staleCounts }); }}
          hint="Off (recommended): an answer whose evidence is older than the practice allows earns no credit until it is re-evidenced. On: it counts as answered and is only flagged."
        />
        <DefaultTargets form={form} model={model} errors={errors} set={set} />
        <DomainGrid
          prefix="org-weight"
          legend="Domain weights"
          hint="How much a domain's gaps weigh when the backlog is prioritised (value = risk × weight). Empty means 1; 2 doubles the weight."
          model={model}
          kind="weight"
          inputs={form.weights}
          onInput={(weights) => { set({ weights }); }}
          errors={errors}
          placeholder={() => '1'}
        />
        <ProblemBox problem={saving.problem} />
        <Saved text={saving.saved} />
        {nothing ? <p class="muted" role="status">Nothing changed: there is nothing to save.</p> : null}
        <div class="actions">
          <button type="submit" class="primary" disabled={saving.busy}>
            Save the settings
          </button>
        </div>
      </form>
    </section>
  );
}

function DefaultTargets({ form, model, errors, set }: { readonly form: SettingsForm; readonly model: ModelFile; readonly errors: FieldErrors; readonly set: (changes: Partial<SettingsForm>) => void }): JSX.Element {
  const modes: readonly (readonly [TargetMode, string])[] = [
    ['none', 'No default target'],
    ['same', 'The same level in every domain'],
    ['domain', 'A level per domain'],
  ];
  return (
    <fieldset class="plain-fieldset">
      <legend>Default targets</legend>
      <p class="hint">What teams aim for unless they set their own target; the gap is target − level.</p>
      <div class="radio-row">
        {modes.map(([mode, text]) => (
          <label key={mode} class="check" for={`org-mode-${mode}`}>
            <input id={`org-mode-${mode}`} type="radio" name="org-target-mode" value={mode} checked={form.mode === mode} onChange={() => { set({ mode }); }} />
            {text}
          </label>
        ))}
      </div>
      {form.mode === 'same' ? (
        <TextInput id="org-same" label="Target level for every domain" type="number" size="short" min={0} max={topLevel(model)} step="1" value={form.same} onInput={(same) => { set({ same }); }} error={errors['same']} />
      ) : null}
      {form.mode === 'domain' ? (
        <DomainGrid prefix="org-target" legend="Target level per domain" hint="Empty: no default target for the domain." model={model} kind="level" inputs={form.targets} onInput={(targets) => { set({ targets }); }} errors={errors} />
      ) : null}
    </fieldset>
  );
}

function ModelRow({ model, chosen, onChoose }: { readonly model: ModelSummary; readonly chosen: boolean; readonly onChoose: () => void }): JSX.Element {
  const id = `model-${model.id}`;
  return (
    <li class={chosen ? 'model-choice chosen' : 'model-choice'}>
      <label class="check" for={id}>
        <input id={id} type="radio" name="model" value={model.id} checked={chosen} onChange={onChoose} />
        <span>
          <strong>{model.name}</strong> <code>{model.id === 'builtin' ? `builtin (${model.modelId}@${model.version})` : model.id}</code>{' '}
          {model.current ? <span class="badge badge-active">in use</span> : null}
        </span>
      </label>
      <div class="hint">
        {model.builtin ? 'Ships with Stepwise: ten domains, levels 0–3.' : `${model.format === 'dsomm' ? 'Official DSOMM model' : 'Stepwise model file'} uploaded by ${model.uploadedBy ?? '?'} on `}
        {model.builtin ? null : <When at={model.uploadedAt} />}
      </div>
    </li>
  );
}

function ModelChoice({ settings, models, onSaved }: { readonly settings: Settings; readonly models: readonly ModelSummary[]; readonly onSaved: () => void }): JSX.Element {
  const [chosen, setChosen] = useState(settings.model);
  const saving = useSettingsSave(onSaved);
  const refusedForTargets = saving.problem?.status === 400 && /^(defaultTargets|domainWeights):/.test(saving.problem.detail);
  const use = (clear: boolean): void => {
    const changes: SettingsChanges = clear ? { model: chosen, defaultTargets: null, domainWeights: {} } : { model: chosen };
    void saving.save(changes, settings.version, `The organisation now uses ${chosen}. Every team's levels are recomputed with it.`);
  };
  const conflict = saving.conflict;
  return (
    <section class="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Maturity model</h2>
      {conflict === undefined ? null : (
        <ConflictPanel
          rows={settingsConflictRows(conflict.changes, conflict.theirs)}
          busy={saving.busy}
          onUseMine={() => void saving.save(conflict.changes, conflict.theirs.version, 'Your version was saved over theirs.')}
          onUseTheirs={() => {
            setChosen(conflict.theirs.model);
            saving.dismiss('Kept their version; your change was discarded.');
          }}
        />
      )}
      <fieldset class="plain-fieldset">
        <legend>Model in use</legend>
        <ul class="plain-list">
          {models.map((model) => (
            <ModelRow
              key={model.id}
              model={model}
              chosen={chosen === model.id}
              onChoose={() => {
                setChosen(model.id);
              }}
            />
          ))}
        </ul>
      </fieldset>
      {refusedForTargets ? null : <ProblemBox problem={saving.problem} />}
      {refusedForTargets ? (
        <div class="notice notice-info" role="alert">
          <p>
            The model was not switched: the organisation's default targets or weights do not fit it (<q>{saving.problem?.detail}</q>). Switch and clear them, then set them again for the new
            model.
          </p>
          <button type="button" onClick={() => { use(true); }} disabled={saving.busy}>
            Switch and clear default targets and weights
          </button>
        </div>
      ) : null}
      <Saved text={saving.saved} />
      <div class="actions">
        <button type="button" class="primary" disabled={saving.busy || chosen === settings.model} aria-describedby="model-choice-hint" onClick={() => { use(false); }}>
          Use the chosen model
        </button>
      </div>
      <p class="hint" id="model-choice-hint">
        {chosen === settings.model ? 'This model is in use. Choose another one above to switch.' : 'Switching recomputes every team’s levels with the chosen model; checkpoints keep the model they were rated with.'}
      </p>
    </section>
  );
}

function warningText(warning: unknown): string {
  const fields = typeof warning === 'object' && warning !== null ? (warning as { message?: unknown; at?: { line?: unknown } }) : {};
  const message = typeof fields.message === 'string' ? fields.message : JSON.stringify(warning);
  return typeof fields.at?.line === 'number' ? `line ${fields.at.line}: ${message}` : message;
}

function describeUpload(model: UploadedModel): JSX.Element {
  return (
    <>
      It is stored as <code>{model.id}</code>: {model.name}, {model.domains} domains, {model.practices} practices. Choose it in the list above to use it.
      {model.warnings.length === 0 ? null : (
        <>
          <br />
          Warnings:
          <ul class="plain result-list">
            {model.warnings.map((warning, index) => (
              <li key={index}>{warningText(warning)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ModelUpload({ onUploaded }: { readonly onUploaded: () => void }): JSX.Element {
  return (
    <section class="card" aria-labelledby="model-upload-heading">
      <h2 id="model-upload-heading">Upload a model</h2>
      <UploadForm<UploadedModel>
        id="model-file"
        label="Model file (YAML)"
        accept=".yaml,.yml,application/yaml,text/yaml"
        hint={
          <>
            A Stepwise model file (<code>stepwise model schema</code> describes it) or the official DSOMM <code>model.yaml</code>, at most 5 MB. Models never change in place: give a new{' '}
            <code>version</code> to upload a changed one.
          </>
        }
        button="Upload the model"
        send={async (file) => {
          const result = await api<UploadedModel>('POST', '/api/v1/models', { file: new Blob([file], { type: 'application/yaml' }) });
          if (result.ok) onUploaded();
          return result;
        }}
        describe={describeUpload}
      />
    </section>
  );
}

/** The organisation section of the admin page. */
export function OrganisationSection(): JSX.Element {
  const settings = useApi<Settings>('/api/v1/organisation');
  const models = useApi<ModelsBody>('/api/v1/models');
  const model = useApi<ModelFile>('/api/v1/models/current');
  const reloadAll = (): void => {
    settings.reload();
    models.reload();
    model.reload();
  };
  const failed = [settings.result, models.result, model.result].find((result) => result !== undefined && !result.ok);
  if (failed !== undefined && !failed.ok) return <ProblemBox problem={failed.problem} />;
  if (settings.result?.ok !== true || models.result?.ok !== true || model.result?.ok !== true) return <Loading what="the organisation settings" />;
  const current = settings.result.value;
  return (
    <div class="admin-columns">
      <SettingsFormCard key={`${model.result.value.id}@${model.result.value.version}`} settings={current} model={model.result.value} onSaved={reloadAll} />
      <div>
        <ModelChoice settings={current} models={models.result.value.models} onSaved={reloadAll} />
        <ModelUpload onUploaded={models.reload} />
      </div>
    </div>
  );
}
