import { describe, expect, it } from 'vitest';
import { findingItem, gapItem, liveMarkdownText, partialGapItem, testContext, testItems } from '../test-items.js';
import type { GitHubIssueRequest } from './index.js';
import { githubBacklogExporter, githubLabels, githubTitle } from './index.js';

function issues(items = testItems, context = testContext): GitHubIssueRequest[] {
  return JSON.parse(githubBacklogExporter.render(items, context)) as GitHubIssueRequest[];
}

describe('github backlog exporter', () => {
  it('writes one create-an-issue request body per item, in order, with only title, body and labels', () => {
    const requests = issues();
    expect(requests.map((request) => request.title)).toEqual(testItems.map((item) => item.title));
    expect(requests.map((request) => Object.keys(request))).toEqual(testItems.map(() => ['title', 'body', 'labels']));
  });

  it('writes the body as GitHub Markdown: description, acceptance task list, footer', () => {
    expect(issues([gapItem])[0]!.body).toBe(
      [
        'Applications read secrets from a managed vault at run time. Not in place yet.',
        '',
        '### Acceptance criteria',
        '',
        '- [ ] Every service reads its secrets from the vault.',
        '- [ ] No secret is stored in CI variables or config files.',
        '',
        '---',
        '',
        'Stepwise key `payments:secrets.central-vault` · team Payments · domain Secrets management · level 2 · priority P2 (score 3.75) · effort M · source gap',
        '',
        'Depends on: `payments:secrets.inventory`, `payments:access-control.sso`',
        '',
      ].join('\n'),
    );
  });

  it('keeps the line breaks of a description and escapes Markdown in names', () => {
    const body = issues([partialGapItem])[0]!.body;
    expect(body.startsWith('Static analysis runs on every pull request.\nPartly in place: finish it.\n\n')).toBe(true);
    expect(body).toContain('team Checkout &amp; Basket');
    expect(body).not.toContain('Depends on');
  });

  it.each([
    { item: gapItem, labels: ['stepwise', 'P2', 'secrets', 'payments', 'level-2', 'gap'] },
    { item: findingItem, labels: ['stepwise', 'P1', 'secrets', 'payments', 'level-1', 'finding'] },
    { item: { ...gapItem, team: 't'.repeat(60) }, labels: ['stepwise', 'P2', 'secrets', 't'.repeat(50), 'level-2', 'gap'] },
  ])('labels $item.key with $labels', ({ item, labels }) => {
    expect(githubLabels(item)).toEqual(labels);
  });

  it.each([
    { title: 'Add SAST to the CI pipeline', expected: 'Add SAST to the CI pipeline' },
    { title: 'Ping @octocat about #123 and GH-7', expected: 'Ping `@octocat` about `#123` and `GH-7`' },
    { title: 'mail security@example.com', expected: 'mail security@example.com' },
    { title: '<script>alert(1)</script>', expected: '‹script›alert(1)‹/script›' },
    { title: 'a `@octocat` b', expected: "a '`@octocat`' b" },
    { title: 'two\nlines', expected: 'two lines' },
  ])('S4 github title $title becomes $expected', ({ title, expected }) => {
    expect(githubTitle(title)).toBe(expected);
  });

  it.each([
    { title: 'x'.repeat(300), expected: `${'x'.repeat(255)}…` },
    { title: '@octocat '.repeat(40), expected: `${'`@octocat` '.repeat(23)}@…` },
  ])('S4 github cuts a long title to 256 characters without cutting a code span open', ({ title, expected }) => {
    const cut = githubTitle(title);
    expect(cut).toBe(expected);
    expect(Array.from(cut).length).toBeLessThanOrEqual(256);
    expect(liveMarkdownText(cut)).not.toMatch(/@[a-z]/);
  });

  it('S4 github body leaves no HTML, mention, reference or link live', () => {
    const hostile = {
      ...gapItem,
      description: '<script>alert(1)</script>\n@octocat see #123 and GH-9\n[x](javascript:alert(1)) ![i](data:x)',
      acceptance: ['<img src=x onerror=alert(1)>', '`@octocat`'],
    };
    const body = issues([hostile])[0]!.body;
    const live = liveMarkdownText(body);
    expect(body).not.toContain('<');
    expect(body).not.toContain('](');
    expect(live).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9]|#\d|GH-\d|\]\(|<|\[x\]/);
  });
});
