/**
 * Turns user and repository text into inert GitHub-flavoured Markdown (SECURITY.md S4), shared by the
 * `github` and `md` backlog exporters. The text renders as the same characters it holds, except that:
 * - HTML is escaped (`&`, `<`, `>` become entities), so no tag, comment or autolink `<…>` survives;
 * - every Markdown punctuation character is backslash-escaped (`\`, `` ` ``, `*`, `_`, `[`, `]`, `|`,
 *   `~`, `$`, and the `(` right after a `]`), so no link, image, emphasis, code, table or math forms;
 * - a line cannot start a block: leading blanks are dropped and a leading `#`, `-`, `+`, `=` or
 *   ordered-list number is escaped;
 * - `@name` mentions and `#123` / `GH-123` references are wrapped in code spans, where GitHub links
 *   neither; the user's own backticks are escaped, so they cannot pair with ours.
 */

/** `@name` not preceded by a letter or digit (an e-mail address is not a mention), `#123`, `GH-123`. */
const REFERENCE = String.raw`(?<![A-Za-z0-9])@[A-Za-z0-9][A-Za-z0-9-]*|#\d+|(?<![A-Za-z0-9])GH-\d+`;
const MARKUP = String.raw`\]\(|[&<>\\\`*_[\]|~$]`;
const TOKEN = new RegExp(`${REFERENCE}|${MARKUP}`, 'gi');
const REFERENCE_ONLY = new RegExp(REFERENCE, 'gi');

const HTML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** C0 controls other than tab and newline, and DEL: never meaningful in an issue or a page. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** Multi-line text (a description) as inert Markdown; line breaks are kept. */
export function neutraliseMarkdown(text: string): string {
  return normaliseLineBreaks(text).split('\n').map(neutraliseMarkdownLine).join('\n');
}

/** Text as inert Markdown on one line (a table cell, a heading, a list item): whitespace runs become one space. */
export function neutraliseMarkdownInline(text: string): string {
  return neutraliseMarkdownLine(collapseWhitespace(text));
}

/**
 * Text for a plain-text field that GitHub still scans for references (an issue title): on one line,
 * `<` and `>` replaced by look-alike angle quotes (‹ ›) so no tag can form wherever the title is shown,
 * backticks by `'` so they cannot pair with ours, and mentions and references wrapped in code spans.
 */
export function neutralisePlainTitle(text: string): string {
  return collapseWhitespace(text)
    .replaceAll('<', '‹')
    .replaceAll('>', '›')
    .replaceAll('`', "'")
    .replace(REFERENCE_ONLY, (reference) => `\`${reference}\``);
}

/** Text as a Markdown code span (nothing inside is interpreted), on one line. */
export function codeSpan(text: string): string {
  const flat = collapseWhitespace(text);
  if (flat === '') return '';
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function neutraliseMarkdownLine(line: string): string {
  const escaped = line.replace(/^[ \t]+/, '').replace(TOKEN, escapeToken);
  return escapeBlockStart(escaped);
}

function escapeToken(token: string): string {
  if (token === '](') return String.raw`\]\(`;
  if (token.length > 1) return `\`${token}\``;
  return HTML_ENTITY[token] ?? `\\${token}`;
}

/** A heading, list item, setext underline or thematic break cannot start the line. */
function escapeBlockStart(line: string): string {
  if (/^[#+=-]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)([.)])/, '$1\\$2');
}

function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

function collapseWhitespace(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}
