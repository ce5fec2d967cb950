import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadModelFromText } from '../../core/model/load.js';
import { DETECTORS } from './registry.js';

const folder = new URL('.', import.meta.url);
const modelText = readFileSync(new URL('../../../model/builtin.yaml', import.meta.url), 'utf8');
const loaded = loadModelFromText(modelText, 'model/builtin.yaml');
if (!loaded.ok) throw new Error(loaded.error.message);
const model = loaded.value.model;
const catalogue = (parse(readFileSync(new URL('../../../model/detectors.yaml', import.meta.url), 'utf8')) as { detectors: { id: string; domain: string; kind: string }[] }).detectors;
const folders = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

describe('the detector registry', () => {
  it('lists exactly the detector folders, sorted by id, each id its folder name', () => {
    const ids = DETECTORS.map((detector) => detector.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(folders);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(folders)('%s has an index, a test and a readme', (name) => {
    for (const file of ['index.ts', 'index.test.ts', 'readme.md']) expect(existsSync(new URL(`${name}/${file}`, folder)), `${name}/${file}`).toBe(true);
  });

  it('names, for every detector, practices of the built-in model that name it back', () => {
    for (const detector of DETECTORS) {
      for (const id of detector.evidenceFor) expect(model.practiceById.has(id), `${detector.id} → ${id}`).toBe(true);
      const namedBy = model.practices.filter((practice) => practice.detectors.includes(detector.id)).map((practice) => practice.id).sort();
      expect([...detector.evidenceFor].sort(), detector.id).toEqual(namedBy);
    }
  });

  it('gives every detector exactly one form of analysis: the whole input, or file by file with an optional verdict', () => {
    for (const detector of DETECTORS) {
      const forms = ['analyze', 'analyzeFile'].filter((name) => typeof (detector as unknown as Record<string, unknown>)[name] === 'function');
      expect(forms, detector.id).toHaveLength(1);
      if ('finish' in detector) expect(forms, `${detector.id}: finish needs analyzeFile`).toEqual(['analyzeFile']);
    }
  });

  it('agrees with the catalogue on domain and kind, and uses kebab-case question ids', () => {
    const byId = new Map(catalogue.map((entry) => [entry.id, entry]));
    for (const detector of DETECTORS) {
      expect(detector.id).toMatch(/^[a-z]+(?:-[a-z0-9]+)+$/);
      expect(byId.get(detector.id), detector.id).toMatchObject({ domain: detector.domain, kind: detector.kind });
      expect(model.domains.some((domain) => domain.id === detector.domain)).toBe(true);
      expect(detector.version).toBeGreaterThanOrEqual(1);
    }
  });
});
