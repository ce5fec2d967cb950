import { createHash } from 'node:crypto';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ok } from '../../../../core/errors.js';
import type { Result } from '../../../../core/errors.js';
import type { ReportExporter } from '../../../../core/ports.js';
import type { ReportModel } from '../../../../core/report/report-model.js';
import { ReportPage } from './page.js';
import { REPORT_SCRIPT } from './script.js';
import { REPORT_STYLE } from './style.js';

/** One self-contained, offline HTML file: inline style, inline script, inline SVG charts, nothing fetched (S5). */
export const htmlReportExporter: ReportExporter = {
  format: 'html',
  mediaType: 'text/html; charset=utf-8',
  extension: 'html',
  description: 'self-contained HTML report (works offline, prints well)',
  binary: false,
  charts: 'all',
  render: (report) => Promise.resolve(renderHtml(report)),
};

/**
 * Nothing may load from anywhere (default-src 'none'); the one stylesheet and the one script run by
 * hash, so a string that slipped through escaping still could not execute or restyle the page.
 * Inline SVG presentation attributes are not styles, so they need no allowance.
 */
export function reportContentSecurityPolicy(style: string, script: string): string {
  return [
    "default-src 'none'",
    `style-src '${sha256(style)}'`,
    `script-src '${sha256(script)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function renderHtml(report: ReportModel): Result<string> {
  const policy = reportContentSecurityPolicy(REPORT_STYLE, REPORT_SCRIPT);
  const page = renderToString(h(ReportPage, { report, style: REPORT_STYLE, script: REPORT_SCRIPT, policy }));
  return ok(`<!doctype html>\n${page}\n`);
}
