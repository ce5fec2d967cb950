import { fail, ok } from '../../../../core/errors.js';
import type { Result } from '../../../../core/errors.js';
import type { ReportExporter, ReportRenderOptions } from '../../../../core/ports.js';
import type { ReportModel } from '../../../../core/report/report-model.js';

/** One chart as a standalone SVG file: the organisation heatmap, or a team's radar, trend or disagreement map. */
export const svgReportExporter: ReportExporter = {
  format: 'svg',
  mediaType: 'image/svg+xml',
  extension: 'svg',
  description: 'one chart as an SVG file (--chart heatmap|radar|trend|disagreement, --team for team charts)',
  binary: false,
  charts: 'one',
  render: (report, options) => Promise.resolve(renderSvgFile(report, options)),
};

function renderSvgFile(report: ReportModel, options: ReportRenderOptions): Result<string> {
  const markup = chartMarkup(report, options);
  if (!markup.ok) return markup;
  const text = markup.value.startsWith('<?xml') ? markup.value : `<?xml version="1.0" encoding="UTF-8"?>\n${markup.value}`;
  return ok(text.endsWith('\n') ? text : `${text}\n`);
}

function chartMarkup(report: ReportModel, options: ReportRenderOptions): Result<string> {
  const chart = options.chart ?? 'heatmap';
  if (chart === 'heatmap') return ok(report.charts.heatmap);
  if (options.team === undefined) return fail('usage', `the ${chart} chart shows one team: add --team`);
  const charts = report.charts.teams.get(options.team);
  if (charts === undefined) return fail('not-found', `no chart for team "${options.team}"`);
  if (chart === 'disagreement') {
    return charts.disagreement === undefined ? fail('not-found', `team "${options.team}" has no disagreement between raters in its latest checkpoint`) : ok(charts.disagreement);
  }
  return ok(charts[chart]);
}
