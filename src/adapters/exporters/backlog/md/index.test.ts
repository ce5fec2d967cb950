import { describe, expect, it } from 'vitest';
import { codeSpan, neutraliseMarkdown, neutraliseMarkdownInline } from '../markdown-text.js';
import { findingItem, gapItem, liveMarkdownText, partialGapItem, testContext, testItems } from '../test-items.js';
import { markdownBacklogExporter } from './index.js';

const render: typeof markdownBacklogExporter.render = (items, context) => markdownBacklogExporter.render(items, context);

describe('md backlog exporter', () => {
  it('writes a heading, an overview table in priority order and one section per item', () => {
    const lines = render(testItems, testContext).split('\n');
    expect(lines.slice(0, 9)).toEqual([
      '# Backlog: Acme Bank',
      '',
      '3 items, in priority order.',
      '',
      '| # | Priority | Team | Domain | Level | Title | Effort | Key |',
      '|---:|---|---|---|---:|---|---|---|',
      '| 1 | P1 | Payments | Secrets management | 1 | Fix has-no-committed-secrets finding in config/app\\_settings.yml:14 | S | `payments:finding:has-no-committed-secrets:config/app_settings.yml:14` |',
      '| 2 | P2 | Payments | Secrets management | 2 | Move application secrets into a central vault | M | `payments:secrets.central-vault` |',
      '| 3 | P3 | Checkout &amp; Basket | Security testing in CI/CD | 1 | Add SAST to the CI pipeline | S | `checkout:ci-security-testing.sast` |',
    ]);
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      '## 1. Fix has-no-committed-secrets finding in config/app\\_settings.yml:14',
      '## 2. Move application secrets into a central vault',
      '## 3. Add SAST to the CI pipeline',
    ]);
  });

  it('writes an item section with facts, description, acceptance task list and dependencies', () => {
    const section = render([gapItem], testContext).split('\n\n## 1. ')[1];
    expect(section).toBe(
      [
        'Move application secrets into a central vault',
        '',
        '**P2** (score 3.75) · team Payments · domain Secrets management · level 2 · effort M · open · source gap · key `payments:secrets.central-vault`',
        '',
        'Applications read secrets from a managed vault at run time. Not in place yet.',
        '',
        '**Acceptance criteria**',
        '',
        '- [ ] Every service reads its secrets from the vault.',
        '- [ ] No secret is stored in CI variables or config files.',
        '',
        'Depends on: `payments:secrets.inventory`, `payments:access-control.sso`',
        '',
      ].join('\n'),
    );
  });

  it('says so when the backlog is empty', () => {
    expect(render([], testContext)).toBe('# Backlog: Acme Bank\n\nNo open items.\n');
  });

  it('S4 md keeps every table row to its eight cells, whatever the text holds', () => {
    const item = { ...findingItem, key: 'a|b:c', title: 'x | y\nz', description: 'd' };
    const context = { ...testContext, teamNames: new Map([['payments', 'p|q\r\nr']]) };
    const row = render([item, partialGapItem], context).split('\n').find((line) => line.startsWith('| 1 |'))!;
    expect(row).toBe('| 1 | P1 | p\\|q r | Secrets management | 1 | x \\| y z | S | `a\\|b:c` |');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(10);
  });

  it('S4 md leaves no HTML, mention, reference or link live in a hostile document', () => {
    const item = { ...gapItem, title: '<img src=x onerror=alert(1)> @octocat', description: '[x](javascript:alert(1))\n#123 GH-4', acceptance: ['<script>'] };
    const document = render([item], { ...testContext, organisation: '<b>Org</b> @team' });
    expect(document).not.toContain('<');
    expect(document).not.toContain('](');
    expect(liveMarkdownText(document)).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9]|#\d|GH-\d|\]\(|<|\[x\]/);
  });
});

describe('markdown-text (shared by github and md)', () => {
  it.each([
    { text: 'plain words, 3.75 and a-b', markdown: 'plain words, 3.75 and a-b' },
    { text: '<script>alert(1)</script>', markdown: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    { text: 'R&D', markdown: 'R&amp;D' },
    { text: '[x](javascript:alert(1))', markdown: '\\[x\\]\\(javascript:alert(1))' },
    { text: '![i](data:text/html,x)', markdown: '!\\[i\\]\\(data:text/html,x)' },
    { text: '\\[y](javascript:1)', markdown: '\\\\\\[y\\]\\(javascript:1)' },
    { text: '@octocat and @org/team', markdown: '`@octocat` and `@org`/team' },
    { text: 'me@example.com', markdown: 'me@example.com' },
    { text: '#123, owner/repo#45, GH-6, gh-7', markdown: '`#123`, owner/repo`#45`, `GH-6`, `gh-7`' },
    { text: 'a ` b @octocat', markdown: 'a \\` b `@octocat`' },
    { text: '*b* _i_ ~~s~~ $x$ | `c`', markdown: '\\*b\\* \\_i\\_ \\~\\~s\\~\\~ \\$x\\$ \\| \\`c\\`' },
    { text: '# h\n- l\n+ l\n=\n1. o\n2) o\n> q', markdown: '\\# h\n\\- l\n\\+ l\n\\=\n1\\. o\n2\\) o\n&gt; q' },
    { text: '#123 first', markdown: '`#123` first' },
    { text: '    indented\n\tcode', markdown: 'indented\ncode' },
    { text: 'a\r\nb\rc\u0000d', markdown: 'a\nb\ncd' },
  ])('S4 neutralises $text', ({ text, markdown }) => {
    expect(neutraliseMarkdown(text)).toBe(markdown);
  });

  it.each([
    { text: '  a\n- b\t c  ', markdown: 'a - b c' },
    { text: '-2+3', markdown: '\\-2+3' },
    { text: '\rcmd', markdown: 'cmd' },
  ])('S4 neutralises $text on one line', ({ text, markdown }) => {
    expect(neutraliseMarkdownInline(text)).toBe(markdown);
  });

  it.each([
    { text: 'team:key', span: '`team:key`' },
    { text: 'a`b', span: '``a`b``' },
    { text: '`a', span: '`` `a ``' },
    { text: 'a\nb', span: '`a b`' },
    { text: '', span: '' },
  ])('puts $text in the code span $span', ({ text, span }) => {
    expect(codeSpan(text)).toBe(span);
  });
});
