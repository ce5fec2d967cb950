import { describe, expect, it } from 'vitest';
import { entryText, findingPlace, isSafeLink, linkProblem, newLink, newNote, withoutEntry } from './evidence.js';
import { latestFinal, openCheckpoint, startBody } from './start-data.js';
import type { CheckpointSummary } from './types.js';

describe('S23 evidence links', () => {
  it.each([
    ['https://wiki.example.com/page?x=1#y', true],
    ['http://intranet:8080/runbook', true],
    ['HTTPS://EXAMPLE.COM', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['/relative/path', false],
    ['//example.com/x', false],
    ['https://user:secret@example.com/', false],
    ['https://example.com@evil.example/', false],
    ['https://exa mple.com/', false],
    ['file:///etc/passwd', false],
    ['', false],
    [`https://example.com/${'a'.repeat(2000)}`, false],
  ])('%s may be a link: %s', (url, safe) => {
    expect(isSafeLink(url)).toBe(safe);
  });

  it('says what is wrong in words', () => {
    expect(linkProblem('javascript:alert(1)')).toMatch(/^Only web addresses starting with https:\/\/ or http:\/\//);
    expect(linkProblem('https://user:pw@example.com')).toMatch(/user name or password/);
    expect(linkProblem('  ')).toBe('Enter the address of the page that shows the evidence.');
  });

  it('builds entries and one-line texts', () => {
    expect(newNote('  seen it  ', 'alice', '2026-11-01')).toEqual({ type: 'note', text: 'seen it', by: 'alice', date: '2026-11-01' });
    expect(newLink(' https://x.example ', ' ', 'alice', '2026-11-01')).toEqual({ type: 'link', url: 'https://x.example', by: 'alice', date: '2026-11-01' });
    expect(entryText(newLink('https://x.example', 'Runbook', 'a', '2026-11-01'))).toBe('Link: Runbook (https://x.example)');
    expect(findingPlace({ type: 'finding', detector: 'd', file: 'a.yml', line: 3 })).toBe('a.yml:3');
    expect(findingPlace({ type: 'finding', detector: 'd', file: 'a.yml' })).toBe('a.yml');
    expect(entryText({ type: 'finding', detector: 'has-lockfile', file: 'package.json', line: 1 })).toBe('Scan finding: has-lockfile at package.json:1');
    expect(withoutEntry([newNote('a', 'x', 'd'), newNote('b', 'x', 'd')], 0)).toEqual([newNote('b', 'x', 'd')]);
  });
});

describe('starting or continuing', () => {
  const row = (id: string, date: string, state: CheckpointSummary['state']): CheckpointSummary => ({ id, date, state, model: 'm@1', createdBy: 'a', updatedAt: '', version: 1, counts: { answered: 0, ratedPractices: 0, raters: 0 } });

  it('continues the newest open checkpoint and copies from the newest final one', () => {
    const history = [row('1', '2026-01-01', 'final'), row('2', '2026-04-01', 'consensus'), row('3', '2026-07-01', 'final')];
    expect(openCheckpoint(history)?.id).toBe('2');
    expect(latestFinal(history)?.id).toBe('3');
    expect(openCheckpoint([row('1', '2026-01-01', 'final')])).toBeUndefined();
  });

  it('sends quick scores only in quick mode, and copyFrom only when asked', () => {
    expect(startBody({ date: '2026-11-01', mode: 'quick', copy: true, scores: { secrets: 2 } })).toEqual({ date: '2026-11-01', mode: 'quick', copyFrom: 'latest', domainScores: { secrets: 2 } });
    expect(startBody({ date: '2026-11-01', mode: 'detailed', copy: false, scores: { secrets: 2 } })).toEqual({ date: '2026-11-01', mode: 'detailed' });
  });
});
