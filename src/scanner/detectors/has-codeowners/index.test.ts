import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('has-codeowners', () => {
  it.each([
    ['CODEOWNERS', '* @acme/security'],
    ['.github/CODEOWNERS', '# owners', '/src/ @alice @bob'],
    ['docs/CODEOWNERS', '*.tf ops@example.com'],
    ['.gitlab/CODEOWNERS', '[Security]', 'app/ @acme/appsec'],
  ])('finds owners in %s', (path, ...lines) => {
    const findings = runDetector(detector, { files: [file(path, ...lines)] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'positive', file: path, status: 'partial', level: 2 })]);
  });

  it('points at the first owner rule', () => {
    const [finding] = runDetector(detector, { files: [file('.github/CODEOWNERS', '# comment', '', 'docs/ @acme/writers')] });
    expect(finding?.line).toBe(3);
  });

  it('reads only the first file GitHub would read', () => {
    const findings = runDetector(detector, { files: [file('CODEOWNERS', '* @a'), file('.github/CODEOWNERS', '* @b')] });
    expect(findings.map((finding) => finding.file)).toEqual(['CODEOWNERS']);
  });

  it('finds nothing without a CODEOWNERS file (negative)', () => {
    expect(runDetector(detector, { files: [file('src/CODEOWNERS.md', '* @a'), file('README.md', 'owners')] })).toEqual([]);
  });

  it('is inconclusive when the file assigns nobody', () => {
    const findings = runDetector(detector, { files: [file('CODEOWNERS', '# TODO: add owners', '*')] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'CODEOWNERS' })]);
  });
});
