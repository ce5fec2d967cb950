import type { BacklogItem } from '../../../core/backlog/backlog.js';
import type { BacklogExportContext } from '../../../core/ports.js';

/**
 * Fixtures and output readers shared by the backlog exporter tests: a few real items, a hostile
 * backlog (SECURITY.md S3, S4), an RFC 4180 CSV reader (csv-parse is not installed) and readers that
 * show which Markdown and Jira text a renderer would still interpret.
 */

export const gapItem: BacklogItem = {
  key: 'payments:secrets.central-vault',
  team: 'payments',
  practice: 'secrets.central-vault',
  domain: 'secrets',
  level: 2,
  title: 'Move application secrets into a central vault',
  description: 'Applications read secrets from a managed vault at run time. Not in place yet.',
  acceptance: ['Every service reads its secrets from the vault.', 'No secret is stored in CI variables or config files.'],
  priority: 'P2',
  score: 3.75,
  effort: 'M',
  dependsOn: ['payments:secrets.inventory', 'payments:access-control.sso'],
  mappings: { dsomm: ['a3d1c8f0-5c41-4e3e-9a3b-2b1f4c7d9e10'], samm: ['I-SD-A'], iso27001: ['8.24', '5.17'], ssdf: ['PS.1.1'] },
  source: 'gap',
  reason: 'missing',
  status: 'open',
};

export const partialGapItem: BacklogItem = {
  key: 'checkout:ci-security-testing.sast',
  team: 'checkout',
  practice: 'ci-security-testing.sast',
  domain: 'ci-security-testing',
  level: 1,
  title: 'Add SAST to the CI pipeline',
  description: 'Static analysis runs on every pull request.\nPartly in place: finish it.',
  acceptance: ['SAST runs on every pull request to the default branch.'],
  priority: 'P3',
  score: 1.8,
  effort: 'S',
  dependsOn: [],
  mappings: { dsomm: [], samm: ['V-ST-A'], iso27001: ['8.29'], ssdf: ['PW.7.2'] },
  source: 'gap',
  reason: 'partial',
  status: 'in-progress',
};

export const findingItem: BacklogItem = {
  key: 'payments:finding:has-no-committed-secrets:config/app_settings.yml:14',
  team: 'payments',
  practice: 'secrets.no-secrets-in-code',
  domain: 'secrets',
  level: 1,
  title: 'Fix has-no-committed-secrets finding in config/app_settings.yml:14',
  description: 'A private key is committed in config/app_settings.yml.',
  acceptance: ['The repository scan no longer reports this finding.', 'The cause is fixed on the default branch, not suppressed or ignored.'],
  priority: 'P1',
  score: 10,
  effort: 'S',
  dependsOn: [],
  mappings: { dsomm: [], samm: [], iso27001: [], ssdf: [] },
  source: 'finding',
  reason: 'finding',
  status: 'open',
};

/** In priority order, as buildBacklog returns them. */
export const testItems: readonly BacklogItem[] = [findingItem, gapItem, partialGapItem];

export const testContext: BacklogExportContext = {
  organisation: 'Acme Bank',
  teamNames: new Map([
    ['payments', 'Payments'],
    ['checkout', 'Checkout & Basket'],
  ]),
  domainNames: new Map([
    ['secrets', 'Secrets management'],
    ['ci-security-testing', 'Security testing in CI/CD'],
  ]),
};

/** The hostile strings of SECURITY.md S3/S4 and a few escape bypasses. */
export const HOSTILE_TEXTS: readonly string[] = [
  '=HYPERLINK("http://x")',
  '+1',
  '-2+3',
  '@SUM(A1)',
  '\tcmd',
  '\rcmd',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '@octocat',
  '#123',
  '{color:red}',
  '[~admin]',
  'GH-123',
  '![i](data:text/html,<b>x</b>)',
  '\\[y](javascript:alert(2))',
  'a ` b @octocat ` c',
  '[x|javascript:alert(1)]',
  '!http://x/y.png!',
  'a\\{html}<b>x</b>{html}',
  '<javascript:alert(3)>',
];

/** One item per hostile string, in its title, description, acceptance and team and domain names. */
export function hostileBacklog(): { items: BacklogItem[]; context: BacklogExportContext } {
  const items = HOSTILE_TEXTS.map((text, index) => hostileItem(text, index));
  const context: BacklogExportContext = {
    organisation: '<script>alert("org")</script> @octocat #123',
    teamNames: new Map(HOSTILE_TEXTS.map((text, index) => [`hostile-${index}`, text])),
    domainNames: new Map([['secrets', '{color:red}[~admin]<b>Secrets</b>']]),
  };
  return { items, context };
}

function hostileItem(text: string, index: number): BacklogItem {
  return {
    ...gapItem,
    key: `hostile-${index}:secrets.central-vault`,
    team: `hostile-${index}`,
    title: text,
    description: `${text}\n${text} on a second line`,
    acceptance: [text, `done when ${text}`],
    dependsOn: [],
  };
}

/** Rows and cells of RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF records). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (quoted) {
      if (char !== '"') cell += char;
      else if (text.charAt(index + 1) === '"') { cell += '"'; index += 1; }
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(cell); cell = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text.charAt(index + 1) === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (quoted) throw new Error('unterminated quoted cell');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * The characters of inline Markdown that a renderer still interprets: backslash escapes and code
 * spans (where GitHub links no mention or reference and renders no HTML) are removed.
 */
export function liveMarkdownText(markdown: string): string {
  let live = '';
  let index = 0;
  while (index < markdown.length) {
    const char = markdown.charAt(index);
    if (char === '\\' && /[!-/:-@[-`{-~]/.test(markdown.charAt(index + 1))) { index += 2; continue; }
    if (char === '`') { index = skipCodeSpan(markdown, index); continue; }
    live += char;
    index += 1;
  }
  return live;
}

function skipCodeSpan(markdown: string, start: number): number {
  const fence = /^`+/.exec(markdown.slice(start))?.[0] ?? '`';
  const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
  close.lastIndex = start + fence.length;
  const match = close.exec(markdown);
  return match === null ? start + fence.length : match.index + fence.length;
}

/** The characters of Jira wiki text that Jira still interprets: backslash escapes are removed. */
export function liveJiraText(wiki: string): string {
  return wiki.replace(/\\[^\\]/g, '');
}
