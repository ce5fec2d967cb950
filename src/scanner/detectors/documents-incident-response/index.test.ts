import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, kindOf } from './index.js';

describe('documents-incident-response', () => {
  it('finds runbooks and post-mortems, one finding per kind with a count', () => {
    const files = [file('docs/runbooks/database-failover.md', '# Failover'), file('docs/runbooks/cache.md', '# Cache'), file('docs/postmortems/2024-03-outage.md', '# Outage')];
    expect(runDetector(detector, { files })).toEqual([
      { outcome: 'positive', file: 'docs/runbooks/database-failover.md', line: 1, level: 2, confidence: 'medium', practices: ['incident-response.process', 'incident-response.runbooks'], message: 'Incident-response process or runbooks are written down (docs/runbooks/database-failover.md and 1 more)' },
      { outcome: 'positive', file: 'docs/postmortems/2024-03-outage.md', line: 1, level: 3, confidence: 'medium', practices: ['incident-response.post-incident-review'], message: 'Post-incident reviews are written down (docs/postmortems/2024-03-outage.md)' },
    ]);
  });

  it.each([
    ['INCIDENT_RESPONSE.md', 'process'],
    ['docs/incident-response-plan.adoc', 'process'],
    ['ops/playbooks/ransomware.rst', 'process'],
    ['docs/runbook.md', 'process'],
    ['docs/post-mortem-template.md', 'review'],
    ['docs/retros/2024-q1.md', 'review'],
    ['ansible/playbooks/site.yml', undefined],
    ['docs/retrofit.md', undefined],
    ['docs/incidents.md', undefined],
  ])('%s → %s', (path, kind) => {
    expect(kindOf(path)).toBe(kind);
  });

  it('skips fixtures and dependencies', () => {
    expect(runDetector(detector, { files: [file('test/fixtures/runbook.md', '# x'), file('node_modules/x/runbooks/a.md', '# x')] })).toEqual([]);
  });

  it('is inconclusive when the documents are empty', () => {
    expect(runDetector(detector, { files: [file('docs/runbooks/README.md', '  ')] })).toEqual([{ outcome: 'not-applicable', file: 'docs/runbooks/README.md', line: 1, confidence: 'medium', message: 'Incident-response documents exist but are empty' }]);
  });
});

describe('documents-incident-response in source folders', () => {
  it('does not count documents inside src/ or lib/ as the team process', () => {
    expect(runDetector(detector, { files: [file('src/scanner/detectors/documents-incident-response/readme.md', '# About')], paths: ['src/scanner/detectors/documents-incident-response/readme.md'] })).toEqual([]);
  });
});
