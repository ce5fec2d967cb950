import { describe, expect, it } from 'vitest';
import { ciWithSteps, NO_CI, runDetector, step } from '../testing.js';
import { detector } from './index.js';

describe('installs-from-lockfile', () => {
  it.each([
    ['npm ci --ignore-scripts', 'npm ci'],
    ['npm clean-install', 'npm ci'],
    ['corepack enable\nyarn install --immutable', 'yarn --frozen-lockfile / --immutable'],
    ['yarn --frozen-lockfile', 'yarn --frozen-lockfile / --immutable'],
    ['pnpm install --frozen-lockfile', 'pnpm install --frozen-lockfile'],
    ['bun install --frozen-lockfile', 'bun install --frozen-lockfile'],
    ['python -m pip install --require-hashes -r requirements.txt', 'pip install --require-hashes'],
    ['uv sync --locked --all-extras', 'uv sync --locked / --frozen'],
    ['pipenv install --deploy --system', 'pipenv install --deploy / pipenv sync'],
    ['cargo build --release --locked', 'cargo --locked / --frozen'],
    ['dotnet restore --locked-mode', 'restore --locked-mode'],
    ['bundle install --deployment', 'bundle install --frozen / --deployment'],
  ])('finds %j', (run, form) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ run, line: 21 })]) });
    expect(findings).toEqual([{ outcome: 'positive', level: 2, file: '.github/workflows/ci.yml', line: 21, confidence: 'high', message: `CI installs dependencies from the lockfile (${form}) in .github/workflows/ci.yml` }]);
  });

  it('finds the Azure Npm task with command ci', () => {
    const ci = ciWithSteps([step({ uses: 'Npm@1', with: { command: 'ci' }, line: 4 })], { system: 'azure-pipelines', file: 'azure-pipelines.yml' });
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'positive', level: 2, file: 'azure-pipelines.yml', line: 4 })]);
  });

  it.each([
    ['npm install'],
    ['yarn install'],
    ['pipenv install'],
    ['pip install -r requirements.txt'],
    ['echo "use npm ci next time"'],
    ['# npm ci'],
    ['cargo build --release'],
  ])('does not count %j (negative)', (run) => {
    expect(runDetector(detector, { ci: ciWithSteps([step({ run })]) })).toEqual([]);
  });

  it('ignores pipelines under fixture paths', () => {
    expect(runDetector(detector, { ci: ciWithSteps([step({ run: 'npm ci' })], { file: 'examples/.github/workflows/ci.yml' }) })).toEqual([]);
  });

  it('says nothing without a pipeline, and is inconclusive when a pipeline could not be read', () => {
    expect(runDetector(detector, { ci: NO_CI })).toEqual([]);
    const ci = { workflows: [], unreadable: [{ file: '.github/workflows/release.yml', reason: 'duplicate key' }] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/release.yml' })]);
  });
});
