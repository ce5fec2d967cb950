import { describe, expect, it } from 'vitest';
import type { CiPermissions } from '../../ci/model.js';
import { runDetector, workflow } from '../testing.js';
import { detector, isReadOnly } from './index.js';

describe('restricts-workflow-permissions', () => {
  it.each<[CiPermissions | null, boolean]>([
    ['read-all', true],
    [{}, true],
    [{ contents: 'read' }, true],
    [{ contents: 'read', 'pull-requests': 'none' }, true],
    [{ contents: 'read', packages: 'write' }, false],
    ['write-all', false],
    [null, false],
  ])('isReadOnly(%j) = %s', (permissions, expected) => {
    expect(isReadOnly(permissions)).toBe(expected);
  });

  it('gives level 3 when every workflow is read-only', () => {
    const ci = { workflows: [workflow({ file: '.github/workflows/ci.yml', permissions: { contents: 'read' } }), workflow({ file: '.github/workflows/release.yml', permissions: 'read-all' })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', level: 3, confidence: 'high', message: '.github/workflows/ci.yml gives its token read-only permissions at the top, as every workflow does' },
      expect.objectContaining({ file: '.github/workflows/release.yml', level: 3 }),
    ]);
  });

  it('points at the line of the top-level permissions key', () => {
    const ci = { workflows: [workflow({ permissions: 'read-all', permissionsLine: 5 })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ file: '.github/workflows/ci.yml', line: 5, level: 3 })]);
  });

  it('gives level 2 to the compliant workflows when some are not', () => {
    const ci = { workflows: [workflow({ file: '.github/workflows/ci.yml', permissions: {} }), workflow({ file: '.github/workflows/deploy.yml', permissions: null })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', level: 2, confidence: 'high', message: '.github/workflows/ci.yml gives its token read-only permissions at the top (1 of 2 workflows do): add a read-only top-level permissions block to the others' },
    ]);
  });

  it('does not claim every workflow when one could not be read', () => {
    const ci = { workflows: [workflow({ permissions: 'read-all' })], unreadable: [{ file: '.github/workflows/broken.yml', reason: 'bad YAML' }] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ level: 2 })]);
  });

  it('finds nothing when no workflow restricts its token', () => {
    const ci = { workflows: [workflow({ permissions: 'write-all' }), workflow({ file: '.github/workflows/b.yml', permissions: null })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([]);
  });

  it.each([
    ['no pipeline at all', { workflows: [], unreadable: [] }],
    ['only GitLab CI', { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml' })], unreadable: [] }],
    ['only a composite action', { workflows: [workflow({ file: '.github/actions/setup/action.yml', permissions: null })], unreadable: [] }],
  ])('is not applicable with %s', (_name, ci) => {
    expect(runDetector(detector, { ci })).toEqual([{ outcome: 'not-applicable', confidence: 'high', message: 'No GitHub Actions workflows: workflow token permissions do not apply' }]);
  });
});
