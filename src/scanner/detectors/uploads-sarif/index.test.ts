import { describe, expect, it } from 'vitest';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

const REPORTING = ['ci-security-testing.automated-reporting'];
const BOTH = ['ci-security-testing.automated-reporting', 'ci-security-testing.results-dashboard'];

describe('uploads-sarif', () => {
  it('finds one tool uploading SARIF: level 2, automated reporting only', () => {
    const ci = ciWithSteps([
      step({ uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', format: 'sarif', output: 'trivy.sarif' }, line: 10 }),
      step({ uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'trivy.sarif' }, line: 15 }),
    ]);
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 15, confidence: 'high', level: 2, practices: REPORTING, message: '.github/workflows/ci.yml:15 uploads Trivy results as SARIF to code scanning' },
    ]);
  });

  it('finds two different tools uploading SARIF: level 3, with the combined view', () => {
    const codeql = workflow({ file: '.github/workflows/codeql.yml', jobs: [job({ steps: [step({ uses: 'github/codeql-action/init@v3', line: 20 }), step({ uses: 'github/codeql-action/analyze@v3', line: 24 })] })] });
    const scorecard = workflow({ file: '.github/workflows/scorecard.yml', jobs: [job({ steps: [step({ uses: 'ossf/scorecard-action@v2.4.0', with: { results_file: 'results.sarif', results_format: 'sarif' }, line: 30 }), step({ uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'results.sarif' }, line: 36 })] })] });
    const findings = runDetector(detector, { ci: { workflows: [codeql, scorecard], unreadable: [] } });
    expect(findings.map((finding) => [finding.file, finding.line, finding.level, finding.practices])).toEqual([
      ['.github/workflows/codeql.yml', 24, 3, BOTH],
      ['.github/workflows/scorecard.yml', 36, 3, BOTH],
    ]);
    expect(findings[1]?.message).toBe('.github/workflows/scorecard.yml:36 uploads OpenSSF Scorecard results as SARIF; 2 different tools report into code scanning, which gathers them in one view');
  });

  it('names an upload without a recognised producer by its category or file', () => {
    const ci = ciWithSteps([step({ run: './scan.sh > out.sarif', line: 3 }), step({ uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'out.sarif', category: 'in-house-scanner' }, line: 4 })]);
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ line: 4, level: 2, message: '.github/workflows/ci.yml:4 uploads in-house-scanner results as SARIF to code scanning' })]);
  });

  it.each([
    ['CodeQL with its upload turned off', step({ uses: 'github/codeql-action/analyze@v3', with: { upload: 'never' } })],
    ['a SARIF file kept as a build artifact', step({ uses: 'actions/upload-artifact@v4', with: { name: 'sarif', path: 'trivy.sarif' } })],
    ['a SARIF mention in a script', step({ run: 'echo "upload-sarif sarif_file=trivy.sarif"' })],
  ])('does not count %s (negative)', (_name, candidate) => {
    expect(runDetector(detector, { ci: ciWithSteps([candidate]) })).toEqual([]);
  });

  it('ignores pipelines under fixture paths', () => {
    const ci = { workflows: [workflow({ file: 'examples/.github/workflows/ci.yml', jobs: [job({ steps: [step({ uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'x.sarif' } })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([]);
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: '.github/workflows/codeql.yml', reason: 'YAML error' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/codeql.yml' })]);
  });
});
