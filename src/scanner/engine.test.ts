import { describe, expect, it } from 'vitest';
import { makeModel } from '../../test/support/models.js';
import { builtinModel } from '../../test/support/workspaces.js';
import type { Detector, DetectorFinding, FileDetector } from './contract.js';
import { fingerprintOf, runScan, startScan } from './engine.js';
import { DETECTORS } from './detectors/registry.js';
import { findSecretsBySet } from './secrets/rule-sets.js';

const model = makeModel([
  { id: 'd.one', level: 1 },
  { id: 'd.two', level: 2 },
  { id: 'd.three', level: 3 },
  { id: 'd.manual', level: 1 },
  { id: 'e.one', level: 1 },
]);

function detector(id: string, fields: Partial<Detector> & { findings?: DetectorFinding[] } = {}): Detector {
  const { findings = [], ...rest } = fields;
  return { id, title: id, domain: 'd', kind: 'positive', evidenceFor: [], version: 1, lifecycle: 'stable', matches: () => false, analyze: () => findings, ...rest };
}

const positive = (practice: string, file = 'src/a.ts', status?: 'partial'): DetectorFinding => ({ outcome: 'positive', file, line: 1, confidence: 'high', message: `has ${practice}`, practices: [practice], ...(status ? { status } : {}) });

function scan(detectors: Detector[], files: { path: string; text: string }[] = []) {
  return runScan({ root: '.', files, skipped: [] }, { model, detectors, ciParsers: [] });
}

describe('the scan engine', () => {
  it('gives each detector only the files it matches, and every path', () => {
    const seen: string[][] = [];
    const picky = detector('picky-detector', {
      matches: (path) => path.endsWith('.yml'),
      analyze: (input) => {
        seen.push(input.files.map((file) => file.path), [...input.paths]);
        return [];
      },
    });
    scan([picky], [{ path: 'a.yml', text: '' }, { path: 'b.ts', text: '' }]);
    expect(seen).toEqual([['a.yml'], ['a.yml', 'b.ts']]);
  });

  it('turns a throwing detector into one error finding and goes on', () => {
    const broken = detector('broken-detector', { analyze: () => { throw new Error('boom\nstack'); } });
    const fine = detector('fine-detector', { evidenceFor: ['d.one'], findings: [positive('d.one')] });
    const result = scan([broken, fine]);
    expect(result.findings.map((finding) => [finding.detector, finding.outcome, finding.message])).toEqual([
      ['broken-detector', 'error', 'detector failed: boom'],
      ['fine-detector', 'positive', 'has d.one'],
    ]);
  });

  it('proposes the ladder level from evidenced practices, ignoring practices no detector can see', () => {
    const found = detector('finds-things', { evidenceFor: ['d.one', 'd.two', 'd.three'], findings: [positive('d.one'), positive('d.two'), positive('d.three', 'x', 'partial')] });
    const result = scan([found]);
    expect(result.domains.find((domain) => domain.domain === 'd')).toMatchObject({ applicable: true, proposedLevel: 2, capped: false, confidence: 'high' });
    expect(result.practices).toEqual([
      { id: 'd.one', status: 'implemented', evidence: [0] },
      { id: 'd.three', status: 'partial', evidence: [2] },
      { id: 'd.two', status: 'implemented', evidence: [1] },
    ]);
  });

  it('caps a domain with a negative finding and points at it', () => {
    const found = detector('finds-things', { evidenceFor: ['d.one', 'd.two'], findings: [positive('d.one'), positive('d.two')] });
    const secret = detector('has-a-problem', { kind: 'negative', evidenceFor: ['d.three'], findings: [{ outcome: 'negative', level: 1, file: 'src/config.ts', line: 9, confidence: 'high', message: 'a token' }] });
    const domain = scan([found, secret]).domains.find((entry) => entry.domain === 'd');
    expect(domain).toMatchObject({ proposedLevel: 1, capped: true, evidence: [0, 2] });
  });

  it('does not let a practice seen only by a negative detector that found nothing block the ladder', () => {
    const found = detector('finds-things', { evidenceFor: ['d.one', 'd.two'], findings: [positive('d.one'), positive('d.two')] });
    const quiet = detector('finds-no-problem', { kind: 'negative', evidenceFor: ['d.manual'] });
    expect(scan([found, quiet]).domains.find((entry) => entry.domain === 'd')).toMatchObject({ proposedLevel: 2, capped: false });
    const loud = detector('finds-a-problem', { kind: 'negative', evidenceFor: ['d.manual'], findings: [{ outcome: 'negative', level: 0, file: 'src/a.ts', line: 2, confidence: 'high', message: 'a problem' }] });
    expect(scan([found, loud]).domains.find((entry) => entry.domain === 'd')).toMatchObject({ proposedLevel: 0, capped: true });
  });

  it('lets fixtures neither prove nor cap anything, but still reports them', () => {
    const found = detector('finds-things', { evidenceFor: ['d.one'], findings: [positive('d.one', 'test/fixtures/a.ts')] });
    const secret = detector('has-a-problem', { kind: 'negative', evidenceFor: ['d.one'], findings: [{ outcome: 'negative', level: 0, file: 'src/app.spec.ts', line: 3, confidence: 'high', message: 'token' }] });
    const result = scan([found, secret]);
    expect(result.findings.map((finding) => finding.fixture)).toEqual([true, true]);
    expect(result.domains.find((entry) => entry.domain === 'd')).toMatchObject({ proposedLevel: 0, capped: false });
    expect(result.practices).toEqual([]);
  });

  it('makes a domain n/a when its applicability detector finds nothing of the kind', () => {
    const applies = detector('has-d-things', { kind: 'applicability', findings: [{ outcome: 'not-applicable', confidence: 'high', message: 'none' }] });
    expect(scan([applies]).domains.find((entry) => entry.domain === 'd')).toMatchObject({ applicable: false, proposedLevel: null });
  });

  it('gives stable fingerprints', () => {
    expect(fingerprintOf('a', 'f', 1, 'm')).toBe(fingerprintOf('a', 'f', 1, 'm'));
    expect(fingerprintOf('a', 'f', 1, 'm')).not.toBe(fingerprintOf('a', 'f', 2, 'm'));
    expect(fingerprintOf('a', 'f', 1, 'm')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('file-by-file detectors', () => {
  const files = [{ path: 'a.ts', text: 'one' }, { path: 'b.yml', text: 'two' }, { path: 'c.ts', text: 'three' }];
  const said = (path: string, text: string): DetectorFinding => ({ outcome: 'positive', file: path, line: 1, confidence: 'high', message: `${path} says ${text}` });

  function fileDetector(id: string, fields: Partial<FileDetector> = {}): FileDetector {
    return { id, title: id, domain: 'd', kind: 'positive', evidenceFor: ['d.one'], version: 1, lifecycle: 'stable', matches: (path) => path.endsWith('.ts'), analyzeFile: (file) => [said(file.path, file.text)], ...fields };
  }

  it('see each file they match as it comes, then give a verdict over the paths and findings', () => {
    const verdicts: unknown[] = [];
    const counting = fileDetector('counts-files', {
      finish: ({ filesSeen, findings, paths }) => {
        verdicts.push({ filesSeen, findings: findings.length, paths });
        return [{ outcome: 'not-applicable', confidence: 'low', message: `${filesSeen.length} files` }];
      },
    });
    const result = scan([counting], files);
    expect(verdicts).toEqual([{ filesSeen: ['a.ts', 'c.ts'], findings: 2, paths: ['a.ts', 'b.yml', 'c.ts'] }]);
    expect(result.findings.map((finding) => finding.message)).toEqual(['a.ts says one', 'c.ts says three', '2 files']);
  });

  it('report what they would report over the whole input, in the same order among the other detectors', () => {
    const whole = detector('whole-input', { matches: () => true, analyze: ({ files: given }) => given.map((file) => said(file.path, file.text)) });
    const session = startScan('.', files.map((file) => file.path), { model, detectors: [whole, fileDetector('one-by-one')], ciParsers: [] });
    for (const file of files) session.addFile({ ...file });
    const streamed = session.finish([]);
    expect(streamed).toEqual(scan([whole, fileDetector('one-by-one')], files));
    expect(streamed.findings.map((finding) => [finding.detector, finding.file])).toEqual([
      ['whole-input', 'a.ts'], ['whole-input', 'b.yml'], ['whole-input', 'c.ts'], ['one-by-one', 'a.ts'], ['one-by-one', 'c.ts'],
    ]);
    expect(streamed.files).toBe(3);
  });

  it('become one error finding when a file makes them throw, and are asked nothing more', () => {
    const asked: string[] = [];
    const broken = fileDetector('broken-on-a', {
      analyzeFile: (file) => {
        asked.push(file.path);
        if (file.path === 'a.ts') throw new Error('boom\nstack');
        return [said(file.path, file.text)];
      },
      finish: () => {
        asked.push('finish');
        return [];
      },
    });
    const result = scan([broken, fileDetector('fine-one')], files);
    expect(asked).toEqual(['a.ts']);
    expect(result.findings.map((finding) => [finding.detector, finding.outcome, finding.message])).toEqual([
      ['broken-on-a', 'error', 'detector failed: boom'],
      ['fine-one', 'positive', 'a.ts says one'],
      ['fine-one', 'positive', 'c.ts says three'],
    ]);
  });

  it('become one error finding when their verdict throws', () => {
    const broken = fileDetector('broken-verdict', { finish: () => { throw new Error('no verdict'); } });
    expect(scan([broken], files).findings.map((finding) => [finding.outcome, finding.message])).toEqual([['error', 'detector failed: no verdict']]);
  });
});

describe('detectors whose evidence lives in tests', () => {
  it('does not flag their findings in test paths as fixtures', () => {
    const fuzz = detector('finds-fuzz-tests', { evidenceFor: ['d.one'], testPathsAreEvidence: true, findings: [positive('d.one', 'parser/fuzz_test.go')] });
    const result = scan([fuzz]);
    expect(result.findings[0]?.fixture).toBe(false);
    expect(result.practices).toEqual([{ id: 'd.one', status: 'implemented', evidence: [0] }]);
  });
});

describe('secrets found while the files were read', () => {
  // Assembled at run time so this file holds no scannable credential.
  const files = [
    { path: 'src/config.ts', text: `export const token = "${'gh' + 'p_' + 'R8mQ2vLx7KdP4wNz9TbY3hFc6JsA1eGu5XoV'}";\n` },
    { path: 'deploy/key.pem', text: ['-----BEGIN RSA', 'PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7BFUAxqJ8fR3kL0pZbn9HCm5vXyT2uWgYs4dE6hJ1oNcQrV\n-----END RSA PRIVATE KEY-----\n'].join(' ') },
    { path: 'src/plain.ts', text: 'export const answer = 42;\n' },
  ];
  const detectors = DETECTORS.filter((entry) => entry.domain === 'secrets');
  const builtin = builtinModel();

  it('give the same result as the detectors searching themselves, and are not searched again', () => {
    const searched = runScan({ root: '.', files, skipped: [] }, { model: builtin, detectors, ciParsers: [] });
    const copies = files.map((file) => ({ ...file }));
    const secrets = new Map(copies.map((file) => [file.path, findSecretsBySet(file)] as const).filter(([, found]) => Object.keys(found).length > 0));
    const handed = runScan({ root: '.', files: copies, skipped: [], secrets }, { model: builtin, detectors, ciParsers: [] });
    expect(handed).toEqual(searched);
    expect(handed.findings.filter((finding) => finding.outcome === 'negative').map((finding) => finding.file).sort()).toEqual(['deploy/key.pem', 'src/config.ts']);
    // What was handed over is what counts: a file said to hold nothing reports nothing.
    const none = runScan({ root: '.', files: files.map((file) => ({ ...file })), skipped: [], secrets: new Map() }, { model: builtin, detectors, ciParsers: [] });
    expect(none.findings.filter((finding) => finding.outcome === 'negative')).toEqual([]);
  });
});
