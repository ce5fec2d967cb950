import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('has-security-txt', () => {
  it.each([['.well-known/security.txt'], ['public/.well-known/security.txt'], ['frontend/static/.well-known/security.txt']])('finds a complete file at %s', (path) => {
    const findings = runDetector(detector, { files: [file(path, '# Our policy', 'Contact: mailto:security@example.com', 'Expires: 2030-12-31T23:00:00.000Z', 'Policy: https://example.com/security')] });
    expect(findings).toEqual([{ outcome: 'positive', file: path, line: 2, level: 2, confidence: 'high', message: `${path} names a security contact and an expiry date; keep the date in the future` }]);
  });

  it('is partial without Expires', () => {
    expect(runDetector(detector, { files: [file('.well-known/security.txt', 'contact: https://example.com/report')] })).toEqual([
      { outcome: 'positive', file: '.well-known/security.txt', line: 1, level: 2, status: 'partial', confidence: 'high', message: '.well-known/security.txt names a security contact but has no Expires: field (required by RFC 9116)' },
    ]);
  });

  it.each([['security.txt'], ['docs/security.txt'], ['node_modules/pkg/.well-known/security.txt'], ['test/fixtures/.well-known/security.txt']])('ignores %s', (path) => {
    expect(runDetector(detector, { files: [file(path, 'Contact: mailto:a@example.com', 'Expires: 2030-01-01T00:00:00Z')] })).toEqual([]);
  });

  it('is inconclusive without a Contact field', () => {
    expect(runDetector(detector, { files: [file('.well-known/security.txt', 'Expires: 2030-01-01T00:00:00Z')] })).toEqual([
      { outcome: 'not-applicable', file: '.well-known/security.txt', line: 1, confidence: 'high', message: '.well-known/security.txt has no Contact: field, so it tells reporters nothing' },
    ]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    runDetector(detector, { files: [file('.well-known/security.txt', `Contact:${' '.repeat(100_000)}`, `Expires:${'\t'.repeat(100_000)}`)] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
