import { describe, expect, it } from 'vitest';
import { ciWithSteps, file, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('lints-dockerfiles', () => {
  it.each([
    ['the hadolint action', step({ uses: 'hadolint/hadolint-action@v3.1.0', with: { dockerfile: 'Dockerfile' }, line: 12 })],
    ['the hadolint image as an action', step({ uses: 'docker://hadolint/hadolint:v2.12.0-debian', line: 12 })],
    ['the dockle action', step({ uses: 'goodwithtech/dockle-action@main', line: 12 })],
    ['hadolint in a script', step({ run: 'set -e\nhadolint --failure-threshold warning Dockerfile', line: 12 })],
    ['hadolint through docker run', step({ run: 'docker run --rm -i hadolint/hadolint < Dockerfile', line: 12 })],
    ['hadolint through pre-commit', step({ run: 'pre-commit run hadolint-docker --all-files', line: 12 })],
  ])('finds %s in the pipeline', (_name, lintStep) => {
    expect(runDetector(detector, { ci: ciWithSteps([lintStep]) })).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 12, level: 2, confidence: 'high', message: 'The pipeline lints Dockerfiles' }]);
  });

  it('finds a GitLab job running in the hadolint image', () => {
    const ci = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', jobs: [job({ image: 'hadolint/hadolint:latest-debian', steps: [step({ run: 'lint-all Dockerfile', line: 4 })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'positive', file: '.gitlab-ci.yml', line: 4, level: 2 })]);
  });

  it('marks a lint step that may fail as partial', () => {
    expect(runDetector(detector, { ci: ciWithSteps([step({ run: 'hadolint Dockerfile || true', neutralised: true })]) })).toEqual([expect.objectContaining({ level: 2, status: 'partial' })]);
  });

  it.each([
    ['.hadolint.yaml', ['ignored:', '  - DL3008'], 1, 'medium'],
    ['.pre-commit-config.yaml', ['repos:', '  - repo: https://github.com/hadolint/hadolint', '    rev: v2.12.0', '    hooks:', '      - id: hadolint-docker'], 5, 'high'],
  ])('finds local configuration in %s as partial', (path, lines, line, confidence) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([expect.objectContaining({ outcome: 'positive', file: path, line, level: 2, status: 'partial', confidence })]);
  });

  it.each([
    ['an echo that names hadolint', step({ run: 'echo "remember to run hadolint"' })],
    ['a github-script mentioning the tool', step({ uses: 'actions/github-script@v7', with: { script: 'const tools = /hadolint|trivy/;' } })],
    ['a Dockerfile build', step({ run: 'docker build -t app .' })],
  ])('ignores %s', (_name, other) => {
    expect(runDetector(detector, { ci: ciWithSteps([other]) })).toEqual([]);
  });

  it('ignores a pre-commit file without hadolint (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector, { files: [file('.pre-commit-config.yaml', 'repos:', '  - repo: https://github.com/psf/black', '    hooks:', '      - id: black')] })).toEqual([]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    runDetector(detector, { ci: ciWithSteps([step({ run: `;${'a/'.repeat(50_000)}` }), step({ run: '|'.repeat(100_000) })]), files: [file('.pre-commit-config.yaml', `${' '.repeat(100_000)}x`)] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
