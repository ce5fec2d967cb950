import { describe, expect, it } from 'vitest';
import type { CiPermissions } from '../../ci/model.js';
import { githubActionsParser } from '../../ci/github-actions.js';
import { buildCiModel } from '../../ci/index.js';
import { job, runDetector, workflow } from '../testing.js';
import { broadGrant, detector } from './index.js';

describe('has-write-all-workflow-token', () => {
  it.each<[CiPermissions, string]>([
    ['write-all', 'write-all'],
    [{ contents: 'write' }, 'contents: write'],
    [{ contents: 'read', packages: 'write', actions: 'write' }, 'packages: write, actions: write'],
  ])('flags top-level %j', (permissions, grant) => {
    const ci = { workflows: [workflow({ permissions, jobs: [job()] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'negative', level: 1, file: '.github/workflows/ci.yml', confidence: 'high', snippet: `permissions: ${grant}`, message: `.github/workflows/ci.yml gives every job's token ${grant} at the top level: default to read and grant writes per job` },
    ]);
  });

  it('flags write-all on a job', () => {
    const ci = { workflows: [workflow({ permissions: 'read-all', jobs: [job({ id: 'release', permissions: 'write-all', line: 14 })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'negative', level: 1, line: 14, message: 'Job release gives its token write-all: grant only the scopes it needs' })]);
  });

  it('points at the line of the permissions key the parser read, top level and job', () => {
    const text = ['name: release', 'on: push', '', 'permissions: write-all', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions: write-all', '    steps:', '      - run: make publish'].join('\n');
    const ci = buildCiModel([{ path: '.github/workflows/release.yml', text }], [githubActionsParser]);
    expect(runDetector(detector, { ci }).map((finding) => [finding.line, finding.snippet])).toEqual([[4, 'permissions: write-all'], [8, 'permissions: write-all']]);
  });

  it.each<[string, CiPermissions | null, CiPermissions | null]>([
    ['read-only top level', 'read-all', null],
    ['a narrow write at the top', { 'pull-requests': 'write', contents: 'read' }, null],
    ['a job that asks for contents: write', { contents: 'read' }, { contents: 'write' }],
  ])('does not flag %s', (_name, top, jobLevel) => {
    const ci = { workflows: [workflow({ permissions: top, jobs: [job({ permissions: jobLevel })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([]);
  });

  it('is inconclusive for a workflow that sets no permissions anywhere', () => {
    const ci = { workflows: [workflow({ file: '.github/workflows/lint.yml', permissions: null, jobs: [job()] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'not-applicable', file: '.github/workflows/lint.yml', confidence: 'high', message: '.github/workflows/lint.yml sets no permissions, so its token gets the repository or organisation default, which may be write-all: declare permissions explicitly' },
    ]);
  });

  it('ignores other CI systems', () => {
    const ci = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', permissions: null })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([]);
    expect(broadGrant(null)).toBeUndefined();
  });
});
