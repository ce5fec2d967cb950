import type { ScanExportContext, ScanExporter } from '../../../core/ports.js';
import type { ScanFinding, ScanResult } from '../../../core/scan/result.js';

/** A Markdown summary fit for a pull-request comment: proposed levels, then what caps them, then the evidence. */
export const markdownScanExporter: ScanExporter = {
  format: 'md',
  mediaType: 'text/markdown; charset=utf-8',
  extension: 'md',
  description: 'a Markdown summary for a pull-request comment',
  render: renderMarkdown,
};

function renderMarkdown(result: ScanResult, context: ScanExportContext): string {
  const lines = ['## Stepwise scan', '', `${result.files} files read, ${result.skipped.length} skipped.`, '', '| Domain | Proposed level | Confidence | Capped |', '|---|---:|---|---|'];
  for (const domain of result.domains) {
    const level = domain.applicable ? String(domain.proposedLevel ?? 0) : 'n/a';
    lines.push(`| ${cell(context.domainNames.get(domain.domain) ?? domain.domain)} | ${level} | ${domain.confidence} | ${domain.capped ? 'yes' : ''} |`);
  }
  const negatives = result.findings.filter((finding) => finding.outcome === 'negative' && !finding.fixture);
  lines.push('', `### Problems (${negatives.length})`, '');
  if (negatives.length === 0) lines.push('None found.');
  for (const finding of negatives) lines.push(`- ${where(finding)} — ${text(finding.message)} (\`${finding.detector}\`)`);
  const positives = result.findings.filter((finding) => finding.outcome === 'positive' && !finding.fixture);
  lines.push('', `### Evidence (${positives.length})`, '');
  for (const finding of positives) lines.push(`- ${where(finding)} — ${text(finding.message)} (\`${finding.detector}\`)`);
  return `${lines.join('\n')}\n`;
}

function where(finding: ScanFinding): string {
  if (finding.file === null) return 'repository';
  return `\`${finding.file.replace(/`/g, "'")}${finding.line === null ? '' : `:${finding.line}`}\``;
}

/** Repository text is shown as text: no HTML, no links, no mentions. */
function text(value: string): string {
  return value.replace(/[<>&]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[char] ?? char).replace(/([[\]()*_`|#@])/g, '\\$1').replace(/\s+/g, ' ');
}

function cell(value: string): string {
  return text(value);
}
