import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { Link, SelectField } from '../ui.js';
import { filterPractices, isFiltered, MAPPING_KINDS, MAPPING_LABELS, MAPPING_SHORT, matrixOf, NO_FILTER, practiceHref } from './model-data.js';
import type { MappingKind, ModelIndex, PracticeBody, PracticeFilter } from './model-data.js';

interface ToolbarProps {
  readonly index: ModelIndex;
  readonly filter: PracticeFilter;
  readonly onChange: (filter: PracticeFilter) => void;
  readonly shown: number;
}

function MappingFields({ index, filter, onChange }: Omit<ToolbarProps, 'shown'>): JSX.Element {
  const kinds: (readonly [string, string])[] = [['', 'Any mapping'], ...MAPPING_KINDS.filter((kind) => index.mappingValues[kind].length > 0).map((kind) => [kind, MAPPING_SHORT[kind]] as const)];
  const values = filter.mappingKind === '' ? [] : index.mappingValues[filter.mappingKind];
  return (
    <>
      <SelectField id="model-mapping-kind" label="Mapping" value={filter.mappingKind} options={kinds} onChange={(kind) => { onChange({ ...filter, mappingKind: kind as MappingKind | '', mappingValue: '' }); }} />
      <div class="field">
        <label for="model-mapping-value">{filter.mappingKind === '' ? 'Mapping value' : MAPPING_LABELS[filter.mappingKind]}</label>
        <input
          id="model-mapping-value"
          type="search"
          class="model-mapping-value"
          list="model-mapping-values"
          value={filter.mappingValue}
          disabled={filter.mappingKind === ''}
          placeholder={filter.mappingKind === '' ? 'pick a mapping' : `type one of ${values.length}`}
          onInput={(event) => {
            onChange({ ...filter, mappingValue: event.currentTarget.value });
          }}
        />
        <datalist id="model-mapping-values">
          {values.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      </div>
    </>
  );
}

/** Search and filters of the model browser; every change is applied in memory. */
function ModelToolbar({ index, filter, onChange, shown }: ToolbarProps): JSX.Element {
  const total = index.model.practices.length;
  return (
    <div class="card model-toolbar" role="search" aria-label="Search and filter the practices">
      <div class="field model-search">
        <label for="model-search">Search practices</label>
        <input
          id="model-search"
          type="search"
          value={filter.text}
          placeholder="Title, id or description"
          aria-describedby="model-count"
          onInput={(event) => {
            onChange({ ...filter, text: event.currentTarget.value });
          }}
        />
      </div>
      <SelectField id="model-domain" label="Domain" value={filter.domain} options={[['', 'All domains'], ...index.model.domains.map((domain) => [domain.id, domain.name] as const)]} onChange={(domain) => { onChange({ ...filter, domain }); }} />
      <SelectField id="model-level" label="Level" value={filter.level} options={[['', 'All levels'], ...index.practiceLevels.map((level) => [String(level.level), `${level.level} · ${level.name}`] as const)]} onChange={(level) => { onChange({ ...filter, level }); }} />
      <MappingFields index={index} filter={filter} onChange={onChange} />
      {index.detectors.length > 0 ? (
        <SelectField id="model-detector" label="Evidenced by detector" value={filter.detector} options={[['', 'Any or none'], ...index.detectors.map((detector) => [detector, detector] as const)]} onChange={(detector) => { onChange({ ...filter, detector }); }} />
      ) : null}
      <div class="model-toolbar-end">
        <p id="model-count" class="muted" aria-live="polite">
          {shown === total ? `${total} practices` : `${shown} of ${total} practices`}
        </p>
        {isFiltered(filter) ? (
          <button type="button" onClick={() => { onChange(NO_FILTER); }}>
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}

function PracticeCard({ practice }: { practice: PracticeBody }): JSX.Element {
  return (
    <li class="model-practice" data-practice={practice.id}>
      <Link href={practiceHref(practice.id)}>{practice.title}</Link>
      <span class="model-practice-meta">
        <code>{practice.id}</code>
        <span>
          risk {practice.risk} · effort {practice.effort}
          {practice.detectors.length > 0 ? ' · scan evidence' : ''}
        </span>
      </span>
    </li>
  );
}

/** Domains × levels; each cell lists its practices. With a filter on, domains without a match are left out. */
function ModelMatrix({ index, practices, filtered }: { index: ModelIndex; practices: readonly PracticeBody[]; filtered: boolean }): JSX.Element {
  const matrix = matrixOf(practices);
  const domains = index.model.domains.filter((domain) => !filtered || matrix.has(domain.id));
  return (
    <div class="model-scroll">
      <table class="model-matrix">
        <caption class="visually-hidden">Practices by domain and level</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            {index.practiceLevels.map((level) => (
              <th scope="col" key={level.level} data-level-col={level.level}>
                Level {level.level} <span class="model-level-name">{level.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {domains.map((domain) => {
            const row = matrix.get(domain.id);
            const count = [...(row?.values() ?? [])].reduce((sum, list) => sum + list.length, 0);
            return (
              <tr key={domain.id} data-domain-row={domain.id}>
                <th scope="row">
                  {domain.name}
                  <span class="muted model-domain-count">
                    {count} practice{count === 1 ? '' : 's'}
                  </span>
                </th>
                {index.practiceLevels.map((level) => {
                  const cell = row?.get(level.level) ?? [];
                  return (
                    <td key={level.level} data-domain={domain.id} data-level={level.level}>
                      {cell.length === 0 ? (
                        <span class="muted" aria-label="no practice">
                          —
                        </span>
                      ) : (
                        <ul class="model-cell">
                          {cell.map((practice) => (
                            <PracticeCard key={practice.id} practice={practice} />
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The model browser: toolbar and matrix, filtered in memory by `filter`. */
export function ModelBrowser({ index, filter, onChange }: { index: ModelIndex; filter: PracticeFilter; onChange: (filter: PracticeFilter) => void }): JSX.Element {
  const practices = useMemo(() => filterPractices(index, filter), [index, filter]);
  const filtered = isFiltered(filter);
  return (
    <>
      <ModelToolbar index={index} filter={filter} onChange={onChange} shown={practices.length} />
      {practices.length === 0 ? (
        <section class="card">
          <p>No practice matches these filters.</p>
          <button type="button" onClick={() => { onChange(NO_FILTER); }}>
            Clear filters
          </button>
        </section>
      ) : (
        <ModelMatrix index={index} practices={practices} filtered={filtered} />
      )}
    </>
  );
}
