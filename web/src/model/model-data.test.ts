import { describe, expect, it } from 'vitest';
import { modelAsFile } from '../../../src/services/model-files.js';
import { builtinModel } from '../../../test/support/workspaces.js';
import { filterFromQuery, filterPractices, indexModel, isFiltered, matrixOf, modelHrefFor, NO_FILTER, practiceHref, queryOfFilter } from './model-data.js';
import type { ModelBody, PracticeFilter } from './model-data.js';

// The model exactly as GET /api/v1/models/current sends it (a JSON round trip drops nothing the UI reads).
const BUILTIN = JSON.parse(JSON.stringify(modelAsFile(builtinModel()))) as ModelBody;
const index = indexModel(BUILTIN);

function ids(filter: Partial<PracticeFilter>): string[] {
  return filterPractices(index, { ...NO_FILTER, ...filter }).map((practice) => practice.id);
}

/** A DSOMM-sized model: 16 sub-dimensions, levels 1–5, 200 activities with uuids as mappings. */
function dsommLike(): ModelBody {
  const domains = Array.from({ length: 16 }, (_, index) => ({ id: `dimension-${index}`, name: `Dimension ${index}`, description: '' }));
  const practices = Array.from({ length: 200 }, (_, n) => ({
    id: `dimension-${n % 16}.activity-${n}`,
    domain: `dimension-${n % 16}`,
    level: (n % 5) + 1,
    title: n % 10 === 0 ? `Threat modelling round ${n}` : `Activity ${n}`,
    description: '',
    guidance: '',
    risk: 3,
    effort: 3,
    dependsOn: n > 0 ? [`dimension-${(n - 1) % 16}.activity-${n - 1}`] : [],
    detectors: [],
    mappings: { dsomm: [`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`], samm: [], iso27001: [], ssdf: [] },
  }));
  return { id: 'dsomm', version: '1', name: 'DSOMM', levels: [1, 2, 3, 4, 5].map((level) => ({ level, name: `Level ${level}` })), domains, practices };
}

describe('the model index', () => {
  it('holds the 128 built-in practices on levels 1–3 of 10 domains, with reverse dependencies', () => {
    expect(index.model.practices.length).toBe(128);
    expect(index.practiceLevels.map((level) => level.level)).toEqual([1, 2, 3]);
    expect(index.domainNames.size).toBe(10);
    expect(index.dependents.get('secrets.central-vault')?.map((practice) => practice.id)).toContain('secrets.access-control');
    const dependencyCount = BUILTIN.practices.reduce((sum, practice) => sum + practice.dependsOn.length, 0);
    expect([...index.dependents.values()].reduce((sum, list) => sum + list.length, 0)).toBe(dependencyCount);
  });

  it('offers every mapping value and detector the model uses, sorted with numbers in order (8.2 before 8.10)', () => {
    const iso = index.mappingValues.iso27001;
    expect(iso).toEqual([...new Set(BUILTIN.practices.flatMap((practice) => practice.mappings.iso27001))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(iso).toContain('8.24');
    if (iso.includes('8.2') && iso.includes('8.10')) expect(iso.indexOf('8.2')).toBeLessThan(iso.indexOf('8.10'));
    expect(index.detectors.length).toBe(new Set(BUILTIN.practices.flatMap((practice) => practice.detectors)).size);
  });
});

describe('filtering the practices in memory', () => {
  it('searches title, id and description; every word must match, case ignored', () => {
    const vault = BUILTIN.practices.filter((practice) => `${practice.title} ${practice.id} ${practice.description}`.toLowerCase().includes('vault')).map((practice) => practice.id);
    expect(ids({ text: 'VAULT' })).toEqual(vault);
    expect(vault.length).toBeGreaterThan(1);
    expect(ids({ text: 'vault rotated' }).every((id) => vault.includes(id))).toBe(true);
    expect(ids({ text: 'secrets.central-vault' })).toContain('secrets.central-vault');
    expect(ids({ text: 'no such words anywhere' })).toEqual([]);
  });

  it('narrows by domain and level together', () => {
    expect(ids({ domain: 'secrets', level: '2' })).toEqual(BUILTIN.practices.filter((practice) => practice.domain === 'secrets' && practice.level === 2).map((practice) => practice.id));
  });

  it('narrows by an exact mapping value (ISO 8.2 is not 8.24), or by any value of a kind', () => {
    const withIso = (value: string): string[] => BUILTIN.practices.filter((practice) => practice.mappings.iso27001.includes(value)).map((practice) => practice.id);
    expect(ids({ mappingKind: 'iso27001', mappingValue: '8.24' })).toEqual(withIso('8.24'));
    expect(ids({ mappingKind: 'iso27001', mappingValue: ' 8.2 ' })).toEqual(withIso('8.2'));
    expect(ids({ mappingKind: 'samm' })).toEqual(BUILTIN.practices.filter((practice) => practice.mappings.samm.length > 0).map((practice) => practice.id));
  });

  it('narrows by detector', () => {
    const detector = index.detectors[0] ?? '';
    expect(ids({ detector })).toEqual(BUILTIN.practices.filter((practice) => practice.detectors.includes(detector)).map((practice) => practice.id));
  });

  it('handles a DSOMM-sized model: 5 levels, every activity in its cell, a uuid finds its activity', () => {
    const dsomm = indexModel(dsommLike());
    expect(dsomm.practiceLevels.map((level) => level.level)).toEqual([1, 2, 3, 4, 5]);
    const matrix = matrixOf(filterPractices(dsomm, NO_FILTER));
    expect([...matrix.values()].flatMap((row) => [...row.values()]).reduce((sum, cell) => sum + cell.length, 0)).toBe(200);
    expect(matrix.get('dimension-3')?.get(4)?.map((practice) => practice.id)).toEqual(['dimension-3.activity-3', 'dimension-3.activity-83', 'dimension-3.activity-163']);
    expect(filterPractices(dsomm, { ...NO_FILTER, mappingKind: 'dsomm', mappingValue: '00000000-0000-4000-8000-000000000042' }).map((practice) => practice.id)).toEqual(['dimension-10.activity-42']);
    expect(filterPractices(dsomm, { ...NO_FILTER, text: 'threat' }).length).toBe(20);
    expect(dsomm.dependents.get('dimension-0.activity-0')?.map((practice) => practice.id)).toEqual(['dimension-1.activity-1']);
  });
});

describe('filters in the address', () => {
  it('reads back what it writes', () => {
    const filter: PracticeFilter = { text: 'scan', domain: 'secrets', level: '2', mappingKind: 'iso27001', mappingValue: '8.24', detector: 'has-secret-scan-in-ci' };
    const query = new URLSearchParams(queryOfFilter(filter));
    expect(query.get('mapping')).toBe('iso27001:8.24');
    expect(filterFromQuery(query)).toEqual(filter);
    expect(filterFromQuery(new URLSearchParams('mapping=samm'))).toEqual({ ...NO_FILTER, mappingKind: 'samm' });
    expect(filterFromQuery(new URLSearchParams('mapping=bogus:1'))).toEqual(NO_FILTER);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, level: '1' })).toBe(true);
  });

  it('builds links to a filtered browser and to a practice page', () => {
    expect(modelHrefFor({ mappingKind: 'iso27001', mappingValue: '8.24' })).toBe('/model?mapping=iso27001%3A8.24');
    expect(modelHrefFor({ detector: 'pins-actions-by-sha' })).toBe('/model?detector=pins-actions-by-sha');
    expect(modelHrefFor({})).toBe('/model');
    expect(practiceHref('a.b/c')).toBe('/model/practices/a.b%2Fc');
  });
});
