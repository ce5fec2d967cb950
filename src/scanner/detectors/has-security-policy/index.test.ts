import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, scorePolicy } from './index.js';

describe('has-security-policy', () => {
  it.each([
    ['SECURITY.md', ['# Security Policy', '', 'Please report vulnerabilities privately to security@example.com.', 'We answer within two working days.'], 10],
    ['.github/SECURITY.md', ['## Reporting', 'Use https://github.com/acme/app/security/advisories/new to tell us.'], 10],
    ['docs/security.rst', ['Security', '========', 'Write to the maintainers through mailto:sec@example.org please'], 9],
    ['security.adoc', ['= Security', 'Contact https://acme.example/security'], 9],
  ])('gives level 2 for a policy with a contact and prose in %s', (path, lines, score) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([
      { outcome: 'positive', file: path, line: 1, level: 2, confidence: 'high', practices: ['incident-response.security-policy', 'incident-response.disclosure-handling'], message: `${path} tells reporters where and how to disclose a vulnerability (score ${score}/10)` },
    ]);
  });

  it('gives level 1 to a policy without a contact', () => {
    expect(runDetector(detector, { files: [file('SECURITY.md', '# Security', 'Report vulnerabilities to the team.')] })).toEqual([
      { outcome: 'positive', file: 'SECURITY.md', line: 1, level: 1, confidence: 'high', practices: ['incident-response.security-policy'], message: 'SECURITY.md exists but scores 4/10: add a contact: an e-mail address or a link to a private reporting form' },
    ]);
  });

  it('reads the first policy in the order Scorecard looks', () => {
    const findings = runDetector(detector, { files: [file('docs/SECURITY.md', 'Mail security@example.com now'), file('SECURITY.md', '# Security')] });
    expect(findings.map((finding) => [finding.file, finding.level])).toEqual([['SECURITY.md', 1]]);
  });

  it.each([['security/README.md'], ['src/SECURITY.md'], ['SECURITY.txt']])('ignores %s', (path) => {
    expect(runDetector(detector, { files: [file(path, 'Mail security@example.com')] })).toEqual([]);
  });

  it('is inconclusive for an empty policy', () => {
    expect(runDetector(detector, { files: [file('SECURITY.md', '', '  ')] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'SECURITY.md' })]);
  });

  it('scores the parts separately and stays linear', () => {
    expect(scorePolicy('# Only a heading')).toEqual({ score: 0, link: false, prose: false, hint: false });
    expect(scorePolicy('see https://x.example')).toEqual({ score: 9, link: true, prose: true, hint: false });
    const started = performance.now();
    scorePolicy(`${'a'.repeat(100_000)}\n${'a.'.repeat(50_000)}@\n${'='.repeat(100_000)}x`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
