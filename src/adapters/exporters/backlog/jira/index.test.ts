import { describe, expect, it } from 'vitest';
import type { PriorityLabel } from '../../../../core/backlog/priority.js';
import { findingItem, gapItem, liveJiraText, parseCsv, testContext, testItems } from '../test-items.js';
import { escapeJiraLine, escapeJiraText, JIRA_COLUMNS, jiraBacklogExporter, jiraLabels, jiraSummary } from './index.js';

function rows(items = testItems, context = testContext): string[][] {
  return parseCsv(jiraBacklogExporter.render(items, context));
}

describe('jira backlog exporter', () => {
  it('writes the Jira columns and one Task per item', () => {
    const [header, ...body] = rows();
    expect(header).toEqual(['Summary', 'Description', 'Priority', 'Labels', 'Labels', 'Labels', 'Labels', 'Labels', 'Issue Type']);
    expect(header).toEqual([...JIRA_COLUMNS]);
    expect(body.map((row) => row[8])).toEqual(['Task', 'Task', 'Task']);
  });

  it.each<{ priority: PriorityLabel; jira: string }>([
    { priority: 'P1', jira: 'Highest' },
    { priority: 'P2', jira: 'High' },
    { priority: 'P3', jira: 'Medium' },
    { priority: 'P4', jira: 'Low' },
  ])('maps priority $priority to $jira', ({ priority, jira }) => {
    expect(rows([{ ...gapItem, priority }])[1]![2]).toBe(jira);
  });

  it.each([
    { item: gapItem, labels: ['stepwise', 'secrets', 'payments', 'level-2', 'gap'] },
    { item: findingItem, labels: ['stepwise', 'secrets', 'payments', 'level-1', 'finding'] },
    { item: { ...gapItem, team: 'Team A/B', domain: '-=x y' }, labels: ['stepwise', 'x-y', 'Team-A-B', 'level-2', 'gap'] },
    { item: { ...gapItem, team: '@@@' }, labels: ['stepwise', 'secrets', 'none', 'level-2', 'gap'] },
  ])('labels $item.key with space-free tokens $labels', ({ item, labels }) => {
    expect(jiraLabels(item)).toEqual(labels);
    expect(rows([item])[1]!.slice(3, 8)).toEqual(labels);
  });

  it('writes the description in Jira wiki markup with acceptance bullets, key and dependencies', () => {
    expect(rows([gapItem])[1]![1]).toBe(
      [
        'Applications read secrets from a managed vault at run time. Not in place yet.',
        '',
        'h3. Acceptance criteria',
        '* Every service reads its secrets from the vault.',
        '* No secret is stored in CI variables or config files.',
        '',
        '----',
        'Stepwise key: payments:secrets.central-vault',
        'Team: Payments; domain: Secrets management; level 2; priority P2 (score 3.75); effort M; source gap',
        'Depends on: payments:secrets.inventory, payments:access-control.sso',
      ].join('\n'),
    );
  });

  it('escapes the underscore of a finding key', () => {
    expect(rows([findingItem])[1]![1]).toContain('Stepwise key: payments:finding:has-no-committed-secrets:config/app\\_settings.yml:14');
  });

  it.each([
    { title: 'Add SAST', summary: 'Add SAST' },
    { title: 'two\nlines\t here', summary: 'two lines here' },
    { title: 'x'.repeat(300), summary: `${'x'.repeat(254)}…` },
    { title: `=${'x'.repeat(300)}`, summary: `=${'x'.repeat(252)}…` },
    { title: '😀'.repeat(200), summary: `${'😀'.repeat(127)}…` },
  ])('summarises $title.length characters in one line within 255 UTF-16 units', ({ title, summary }) => {
    expect(jiraSummary(title)).toBe(summary);
    const cell = rows([{ ...gapItem, title }])[1]![0]!;
    expect(cell.length).toBeLessThanOrEqual(255);
  });

  it.each([
    { text: '{color:red}x{color}', escaped: '\\{color:red\\}x\\{color\\}' },
    { text: '[~admin]', escaped: '\\[\\~admin\\]' },
    { text: '[x|javascript:alert(1)]', escaped: '\\[x\\|javascript:alert(1)\\]' },
    { text: '!http://x/y.png!', escaped: '\\!http://x/y.png\\!' },
    { text: '*b* _i_ ^s^ ~s~ +u+', escaped: '\\*b\\* \\_i\\_ \\^s\\^ \\~s\\~ \\+u\\+' },
    { text: '-2+3', escaped: '\\-2\\+3' },
    { text: 'a-b\n- item\n  # one\n----', escaped: 'a-b\n\\- item\n  \\# one\n\\----' },
    { text: 'a\\{html}', escaped: 'a∖\\{html\\}' },
    { text: 'line\r\nbreak\rhere', escaped: 'line\nbreak\nhere' },
    { text: 'bell\u0007 and nul\u0000', escaped: 'bell and nul' },
  ])('S4 jira escapes $text', ({ text, escaped }) => {
    expect(escapeJiraText(text)).toBe(escaped);
  });

  it('S4 jira escapes one-line text and collapses its whitespace', () => {
    expect(escapeJiraLine('  - a\n[b]  ')).toBe('\\- a \\[b\\]');
  });

  it('S4 jira leaves no markup live in a hostile description', () => {
    const hostile = { ...gapItem, description: '{html}<b>x</b>{html} [~admin] [x|javascript:alert(1)] !x.png! a\\{code}' };
    const live = liveJiraText(rows([hostile])[1]![1]!);
    expect(live).not.toMatch(/[{}[\]|!~^+_]|\\\\/);
  });

  it('S3 jira neutralises a formula in summary and description', () => {
    const row = rows([{ ...gapItem, title: '@SUM(A1)', description: '=HYPERLINK("http://x")' }])[1]!;
    expect([row[0], row[1]!.split('\n')[0]]).toEqual(["'@SUM(A1)", `'=HYPERLINK("http://x")`]);
  });
});
