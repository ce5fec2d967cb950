import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkModelIntegrity, isDsommUuid, isIso27001Control, isSammStream, isSsdfTask } from '../src/core/model/integrity.js';
import { loadModelFromText } from '../src/core/model/load.js';
import type { Model } from '../src/core/model/model.js';

const BUILTIN = new URL('../model/builtin.yaml', import.meta.url);
const DETECTORS = new URL('../model/detectors.yaml', import.meta.url);
const DSOMM_REFERENCE = new URL('../../shared/reference/dsomm/model.yaml', import.meta.url);
const DOMAIN_IDS = ['secrets', 'vulnerability-management', 'supply-chain', 'ci-security-testing', 'logging-monitoring', 'incident-response', 'iac', 'access-control', 'secure-development', 'container-cloud'];

function loadBuiltin(): Model {
  const loaded = loadModelFromText(readFileSync(BUILTIN, 'utf8'), 'model/builtin.yaml');
  if (!loaded.ok) throw new Error(loaded.error.message);
  expect(loaded.value.warnings).toEqual([]);
  return loaded.value.model;
}

const model = loadBuiltin();

describe('the built-in model', () => {
  it('has the ten fixed domains and levels 0–3 with their names', () => {
    expect(model.domains.map((domain) => domain.id)).toEqual(DOMAIN_IDS);
    expect(model.levels.map((level) => [level.level, level.name])).toEqual([
      [0, 'Not practicing'],
      [1, 'Basic awareness'],
      [2, 'Defined and repeatable'],
      [3, 'Advanced and proactive'],
    ]);
  });

  it('has at least 3 practices per domain and level, 90 in all', () => {
    expect(model.practices.length).toBeGreaterThanOrEqual(90);
    for (const domain of DOMAIN_IDS) {
      for (const level of [1, 2, 3]) {
        const count = model.practices.filter((practice) => practice.domain === domain && practice.level === level).length;
        expect(count, `${domain} level ${level}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('passes every integrity check: unique ids, references, no cycle, mappings well-formed', () => {
    expect(checkModelIntegrity(model)).toEqual([]);
  });

  it('fills every field of every practice', () => {
    for (const practice of model.practices) {
      const where = practice.id;
      expect(practice.description.length, where).toBeGreaterThan(40);
      expect(practice.guidance.length, where).toBeGreaterThan(40);
      expect(practice.backlog.title.length, where).toBeGreaterThan(5);
      expect(practice.backlog.acceptance.length, where).toBeGreaterThanOrEqual(2);
      expect(practice.mappings.samm.length, where).toBeGreaterThan(0);
      expect(practice.mappings.iso27001.length, where).toBeGreaterThan(0);
      expect(practice.mappings.ssdf.length, where).toBeGreaterThan(0);
      expect(practice.mappings.samm.every(isSammStream), where).toBe(true);
      expect(practice.mappings.iso27001.every(isIso27001Control), where).toBe(true);
      expect(practice.mappings.ssdf.every(isSsdfTask), where).toBe(true);
      expect(practice.mappings.dsomm.every(isDsommUuid), where).toBe(true);
    }
  });

  it('depends only on practices at the same level or below', () => {
    for (const practice of model.practices) {
      for (const dependency of practice.dependsOn) expect(model.practiceById.get(dependency)?.level ?? 99, `${practice.id} → ${dependency}`).toBeLessThanOrEqual(practice.level);
    }
  });

  it('sets freshnessDays on practices whose evidence ages (exercises, reviews, rotations)', () => {
    const aging = model.practices.filter((practice) => practice.freshnessDays !== undefined).map((practice) => practice.id);
    expect(aging).toEqual(expect.arrayContaining(['secrets.manual-rotation', 'secrets.access-control']));
    expect(aging.some((id) => id.startsWith('incident-response.'))).toBe(true);
    expect(aging.length).toBeGreaterThanOrEqual(10);
  });

  it('names only detectors of the scanner catalogue, and every positive or negative catalogue detector at least once', () => {
    const catalogue = (parse(readFileSync(DETECTORS, 'utf8')) as { detectors: { id: string; kind: string }[] }).detectors;
    const known = new Set(catalogue.map((detector) => detector.id));
    const used = new Set(model.practices.flatMap((practice) => practice.detectors));
    for (const id of used) expect(known.has(id), id).toBe(true);
    const unused = catalogue.filter((detector) => detector.kind !== 'applicability' && !used.has(detector.id)).map((detector) => detector.id);
    expect(unused).toEqual([]);
  });

  it('agrees with the seed on the levels of secrets, vulnerability management and CI security testing', () => {
    const level = (id: string) => model.practiceById.get(id)?.level;
    expect([level('secrets.manual-rotation'), level('secrets.central-vault'), level('secrets.access-control'), level('secrets.automated-rotation'), level('secrets.pipeline-injection'), level('secrets.audit-trail')]).toEqual([1, 2, 2, 3, 3, 3]);
    expect([level('vulnerability-management.periodic-scan'), level('vulnerability-management.continuous-scanning'), level('vulnerability-management.joint-triage'), level('vulnerability-management.release-blocking'), level('vulnerability-management.sla-enforced'), level('vulnerability-management.resolution-metrics')]).toEqual([1, 2, 2, 3, 3, 3]);
    expect([level('ci-security-testing.manual-testing'), level('ci-security-testing.sast-in-ci'), level('ci-security-testing.dast-in-ci'), level('ci-security-testing.automated-reporting'), level('ci-security-testing.severity-gate'), level('ci-security-testing.results-dashboard'), level('ci-security-testing.findings-alerting')]).toEqual([1, 2, 2, 2, 3, 3, 3]);
  });

  describe.skipIf(!existsSync(DSOMM_REFERENCE))('DSOMM mappings (reference model present)', () => {
    it('maps at least 50 practices to DSOMM activities that exist', () => {
      const uuids = new Set([...readFileSync(DSOMM_REFERENCE, 'utf8').matchAll(/^\s{6}uuid: ([0-9a-f-]{36})$/gm)].map((match) => match[1]));
      const mapped = model.practices.filter((practice) => practice.mappings.dsomm.length > 0);
      expect(mapped.length).toBeGreaterThanOrEqual(50);
      for (const practice of mapped) for (const uuid of practice.mappings.dsomm) expect(uuids.has(uuid), `${practice.id}: ${uuid}`).toBe(true);
    });
  });
  if (!existsSync(DSOMM_REFERENCE)) console.warn('skipping DSOMM mapping checks: ../shared/reference/dsomm/model.yaml is absent');
});
