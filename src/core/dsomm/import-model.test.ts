import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedModel } from '../model/load.js';
import type { Model } from '../model/model.js';
import { importDsommModel } from './import-model.js';

const REFERENCE = fileURLToPath(new URL('../../../../shared/reference/dsomm/model.yaml', import.meta.url));
const hasReference = existsSync(REFERENCE);
if (!hasReference) console.warn(`skipping DSOMM reference tests: ${REFERENCE} is absent (see shared/reference/dsomm/SOURCE.md)`);

const DEFINED_BUILD_PROCESS = 'f6f7737f-25a9-4317-8de2-09bf59f29b5b';
const PINNING_OF_ARTIFACTS = 'f3c4971e-9f4d-4e59-8ed0-f0bdb6262477';

function importOk(text: string, file = 'inline.yaml'): LoadedModel {
  const result = importDsommModel(text, file);
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

function importError(text: string, file = 'inline.yaml') {
  const result = importDsommModel(text, file);
  if (result.ok) throw new Error('import succeeded, a failure was expected');
  return result.error;
}

function warningsMatching(loaded: LoadedModel, pattern: RegExp) {
  return loaded.warnings.filter((warning) => pattern.test(warning.message));
}

/** Every value listed under `iso27001-2022:` in the raw text, exactly as written. */
function isoValuesAsWritten(text: string): Set<string> {
  const values = new Set<string>();
  for (const block of text.matchAll(/^ {8}iso27001-2022:\n((?: {8}- .*\n(?: {10}.*\n)*)+)/gm)) {
    for (const line of (block[1] ?? '').split('\n')) if (line.startsWith('        - ')) values.add(line.slice(10).trim());
  }
  return values;
}

describe.skipIf(!hasReference)('importDsommModel on the real DSOMM model.yaml (v4.3.1)', () => {
  // Loaded in beforeAll: a skipped suite still runs this body to collect its tests.
  let text = '';
  let loaded: LoadedModel;
  let model: Model;
  beforeAll(() => {
    text = readFileSync(REFERENCE, 'utf8');
    loaded = importOk(text, 'model.yaml');
    model = loaded.model;
  });

  it('imports every activity, sub-dimension and level', () => {
    expect(model.id).toBe('dsomm');
    expect(model.version).toBe('4.3.1');
    expect(model.practices).toHaveLength(194);
    expect(model.domains).toHaveLength(19);
    expect(model.levels.map((level) => level.level)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(model.levels[1]?.name).toBe('Basic understanding of security practices');
    expect(model.domains.map((domain) => domain.id)).toContain('test-intensity');
    expect(model.domains.find((domain) => domain.id === 'application-hardening')?.description).toBe('Implementation › Application Hardening');
  });

  it('maps every practice to its own activity uuid, in file order', () => {
    const uuids = [...text.matchAll(/^ {6}uuid: (\S+)$/gm)].map((match) => match[1]);
    expect(uuids).toHaveLength(194);
    expect(model.practices.map((practice) => practice.mappings.dsomm)).toEqual(uuids.map((uuid) => [uuid]));
  });

  it('imports "Defined build process" with the values computed from its fields', () => {
    const practice = model.practices.find((entry) => entry.mappings.dsomm[0] === DEFINED_BUILD_PROCESS);
    expect(practice).toMatchObject({
      id: 'build.defined-build-process',
      domain: 'build',
      level: 1,
      title: 'Defined build process',
      risk: 4, // usefulness 4
      effort: 2, // round(mean(knowledge 2, time 3, resources 2)) = round(2.33)
      dependsOn: [],
      detectors: [],
    });
    expect(practice?.guidance).toMatch(/^- Show your build pipeline configuration/);
    expect(practice?.description).toMatch(/^A \*build process\* includes more/);
    expect(practice?.mappings.samm).toEqual(['I-SB-A']);
    expect(practice?.mappings.iso27001).toEqual(['5.37', '8.32']);
    expect(practice?.backlog.acceptance).toEqual([expect.stringMatching(/^Find a tool that suits your environment/)]);
    expect(practice?.references?.[0]).toMatch(/^https:\/\/www\.opencre\.org\/.*Defined%20build%20process$/);
  });

  it('keeps ISO control numbers as written and leaves out the prose DSOMM puts in their place', () => {
    const written = isoValuesAsWritten(text);
    const controls = [...written].filter((value) => /^\d+(\.\d+)+$/.test(value)).sort();
    const imported = [...new Set(model.practices.flatMap((practice) => practice.mappings.iso27001))].sort();
    // v4.3.1 lists no control with a trailing zero (such as 8.10); the inline test below covers one.
    expect(imported).toEqual(controls);
    expect(imported).toContain('8.32');
    expect(written).toContain('Not explicitly covered by ISO 27001 - too specific');
    for (const value of imported) expect(typeof value).toBe('string');
  });

  it('maps SAMM activities to stream ids only', () => {
    const streams = new Set(model.practices.flatMap((practice) => practice.mappings.samm));
    expect(streams).toContain('V-ST-A');
    expect([...streams].every((stream) => /^[GDIVO]-[A-Z]{2}-[AB]$/.test(stream))).toBe(true);
  });

  it('resolves every dependsOn of v4.3.1: no cycle, no dangling reference, no dependency on a higher level', () => {
    expect(model.practices.filter((practice) => practice.dependsOn.length > 0)).toHaveLength(91);
    expect(model.practices.flatMap((practice) => practice.dependsOn).every((id) => model.practiceById.has(id))).toBe(true);
    expect(warningsMatching(loaded, /dependency cycle/)).toEqual([]);
    expect(warningsMatching(loaded, /unknown practice/)).toEqual([]);
    expect(warningsMatching(loaded, /higher level/)).toEqual([]);
  });

  it('reports the real warnings of v4.3.1, located in the DSOMM file', () => {
    expect(loaded.warnings).toHaveLength(11);
    expect(warningsMatching(loaded, /has no practice at level/)).toHaveLength(11);
    // Two real activity ids carry a suffix (…-medium, …-advanced): they are accepted as DSOMM ids.
    expect(warningsMatching(loaded, /is not a DSOMM activity uuid/)).toEqual([]);
  });

  it('reports a cycle and a dangling reference added to the real file as warnings at their lines', () => {
    const edited = text.replace(
      `      uuid: ${DEFINED_BUILD_PROCESS}\n`,
      `      uuid: ${DEFINED_BUILD_PROCESS}\n      dependsOn:\n      - ${PINNING_OF_ARTIFACTS}\n      - No such activity\n`,
    );
    const result = importOk(edited, 'model.yaml');
    const cycles = warningsMatching(result, /dependency cycle/);
    const dangling = warningsMatching(result, /unknown practice "No such activity"/);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.message).toContain('build.defined-build-process');
    expect(cycles[0]?.message).toContain('build.pinning-of-artifacts');
    expect(dangling).toHaveLength(1);
    expect(dangling[0]?.at).toMatchObject({ file: 'model.yaml', line: 13 });
    expect(cycles.every((warning) => typeof warning.at.line === 'number' && warning.at.line > 0)).toBe(true);
  });
});

const META = `---
meta:
  version: 4.3
  released: "2026-05-19"
`;

const TWO_ACTIVITIES = `${META}---
Build and Deployment:
  Test-Intensity:
    Defined build process:
      uuid: 00000000-0000-4000-8000-000000000001
      level: 1
      measure: Write the build down.
      usefulness: 5
      difficultyOfImplementation: {knowledge: 1, time: 2, resources: 2}
      references:
        samm2: [I-SB-A-2, I-SB-A-1, TODO, V-RT-AB-1]
        iso27001-2022: [8.10, 5.30, 8.10, Not explicitly covered by ISO 27001]
        openCRE: [https://www.opencre.org/node/x]
    Usage of a vault:
      uuid: 00000000-0000-4000-8000-000000000002
      level: 2
      description: "  Keep secrets in a vault.  "
      assessment: Show the vault.
      dependsOn:
      - Defined build process
`;

describe('importDsommModel on small inline files', () => {
  it('imports a minimal two-activity stream', () => {
    const { model, warnings } = importOk(TWO_ACTIVITIES);
    expect(model).toMatchObject({ id: 'dsomm', version: '4.3', name: 'OWASP DevSecOps Maturity Model' });
    expect(model.domains).toEqual([{ id: 'test-intensity', name: 'Test-Intensity', description: 'Build and Deployment › Test-Intensity' }]);
    expect(model.practices.map((practice) => practice.id)).toEqual(['test-intensity.defined-build-process', 'test-intensity.usage-of-a-vault']);
    const [build, vault] = model.practices;
    expect(build).toMatchObject({ level: 1, risk: 5, effort: 2, description: '', guidance: 'Write the build down.', references: ['https://www.opencre.org/node/x'] });
    expect(build?.mappings).toEqual({ dsomm: ['00000000-0000-4000-8000-000000000001'], samm: ['I-SB-A'], iso27001: ['8.10', '5.30'], ssdf: [] });
    expect(build?.backlog).toEqual({ title: 'Put in place: Defined build process', acceptance: ['Write the build down.'] });
    expect(vault).toMatchObject({ level: 2, risk: 3, effort: 3, description: 'Keep secrets in a vault.', guidance: 'Show the vault.' });
    expect(vault?.backlog).toEqual({ title: 'Use a vault', acceptance: [] });
    expect(vault?.references).toBeUndefined();
    expect(warnings.map((warning) => warning.message)).toEqual(['domain "test-intensity" has no practice at level 3, 4, 5']);
    // A domain is located at its sub-dimension's value: the line of its first activity.
    expect(warnings[0]?.at).toMatchObject({ file: 'inline.yaml', line: 8 });
  });

  it('accepts a file with only the model document', () => {
    const { model } = importOk(TWO_ACTIVITIES.slice(META.length));
    expect(model.version).toBe('unknown');
    expect(model.practices).toHaveLength(2);
  });

  it('resolves dependsOn given by activity name and by uuid', () => {
    const text = `Design:
  Threat Modeling:
    First:
      uuid: 00000000-0000-4000-8000-00000000000a
      level: 1
    Second:
      uuid: 00000000-0000-4000-8000-00000000000b
      level: 2
      dependsOn: [First]
  Other:
    Third:
      uuid: 00000000-0000-4000-8000-00000000000c
      level: 3
      dependsOn: [00000000-0000-4000-8000-00000000000b, First]
`;
    const { model, warnings } = importOk(text);
    expect(model.practiceById.get('threat-modeling.second')?.dependsOn).toEqual(['threat-modeling.first']);
    expect(model.practiceById.get('other.third')?.dependsOn).toEqual(['threat-modeling.second', 'threat-modeling.first']);
    expect(warnings.filter((warning) => /depend|cycle/.test(warning.message))).toEqual([]);
  });

  it('keeps an unresolvable dependsOn entry so it is reported as a warning at its line', () => {
    const text = `D:
  S:
    A:
      uuid: 00000000-0000-4000-8000-00000000000a
      level: 1
      dependsOn:
      - Nothing by that name
`;
    const { model, warnings } = importOk(text);
    expect(model.practiceById.get('s.a')?.dependsOn).toEqual(['Nothing by that name']);
    expect(warnings.find((warning) => warning.message.includes('unknown practice'))?.at).toMatchObject({ file: 'inline.yaml', line: 7 });
  });

  it('reports a cycle A → B → A as a warning, not a failure', () => {
    const text = `D:
  S:
    A:
      uuid: 00000000-0000-4000-8000-00000000000a
      level: 1
      dependsOn: [B]
    B:
      uuid: 00000000-0000-4000-8000-00000000000b
      level: 1
      dependsOn: [A]
`;
    const { warnings } = importOk(text);
    const cycles = warnings.filter((warning) => warning.message.startsWith('dependency cycle'));
    expect(cycles.map((warning) => warning.message)).toEqual(['dependency cycle: s.a → s.b → s.a']);
    expect(cycles[0]?.at).toMatchObject({ file: 'inline.yaml', line: 6 });
  });

  it('makes domain and practice ids unique', () => {
    const text = `One:
  Process:
    Code review:
      uuid: 00000000-0000-4000-8000-00000000000a
      level: 1
    Code-Review:
      uuid: 00000000-0000-4000-8000-00000000000b
      level: 1
Two:
  Process:
    "!!!":
      uuid: 00000000-0000-4000-8000-00000000000c
      level: 1
`;
    const { model } = importOk(text);
    expect(model.domains.map((domain) => [domain.id, domain.description])).toEqual([
      ['process', 'One › Process'],
      ['process-2', 'Two › Process'],
    ]);
    expect(model.practices.map((practice) => practice.id)).toEqual(['process.code-review', 'process.code-review-2', 'process-2.activity']);
  });

  it('refuses an activity with level 7, naming file and line', () => {
    const error = importError(`D:\n  S:\n    A:\n      uuid: 00000000-0000-4000-8000-00000000000a\n      level: 7\n`, 'bad.yaml');
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/level must be from 1 to 5/);
    expect(error.message).not.toContain('\n');
    expect(error.at).toMatchObject({ file: 'bad.yaml', line: 5 });
  });

  it('names the column of a refused level', () => {
    const error = importError(`D:\n  S:\n    A:\n      uuid: 00000000-0000-4000-8000-00000000000a\n      level: 7\n`, 'bad.yaml');
    expect(error.at).toEqual({ file: 'bad.yaml', line: 5, column: 14 });
  });

  it.each([
    ['an activity without uuid', 'D:\n  S:\n    A:\n      level: 1\n', /an activity needs a uuid/, 4],
    ['a level that is not a number', 'D:\n  S:\n    A:\n      uuid: x\n      level: two\n', /level must be a number/, 5],
    ['a level of 2.5', 'D:\n  S:\n    A:\n      uuid: x\n      level: 2.5\n', /whole number/, 5],
    ['a list instead of a map', '- one\n- two\n', /expected a map of dimensions/, 1],
    ['plain text', 'just some words\n', /expected a map of dimensions/, 1],
    ['a sub-dimension that is not a map', 'D:\n  S: [a, b]\n', /expected a map of activities/, 2],
    ['broken YAML', 'D:\n  S: [unclosed\n  T: {\n', /./, 3],
    ['an empty file', '', /no DSOMM model document/, 1],
    ['two model documents', 'A: {}\n---\nB: {}\n', /found several/, 3],
  ])('fails cleanly on %s', (_case, text, message, line) => {
    const error = importError(text);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.at).toMatchObject({ file: 'inline.yaml', line });
  });

  it('fails cleanly on binary-looking text', () => {
    const result = importDsommModel('\u0000\u0001\u0002 \t: : [', 'blob.bin');
    expect(result.ok).toBe(false);
  });

  it.each([
    ['Pinning of artifacts', 'Pin artifacts'],
    ['Conduction of war games', 'Conduct war games'],
    ['Test for malware', 'Test for malware'],
    ['SBOM of components', 'Put in place: SBOM of components'],
  ])('turns "%s" into the backlog title "%s"', (name, title) => {
    const { model } = importOk(`D:\n  S:\n    ${name}:\n      uuid: 00000000-0000-4000-8000-00000000000a\n      level: 1\n`);
    expect(model.practices[0]?.backlog.title).toBe(title);
  });
});
