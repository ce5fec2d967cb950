import type { Result } from '../core/errors.js';
import type { ReportChart, ReportExporter, ReportOrder } from '../core/ports.js';
import { buildReport } from './report.js';
import type { ReportRequest } from './report.js';
import { paintCharts, paintOneChart } from './report-charts.js';
import type { Workspace } from './workspace.js';

export interface RenderReportRequest extends ReportRequest {
  readonly chart?: ReportChart;
  /** Heatmap order; default by group. */
  readonly order?: ReportOrder;
  readonly blank?: boolean;
  readonly allTeamSheets?: boolean;
}

/** Builds the report with the charts the format needs and renders it. */
export async function renderReport(workspace: Workspace, exporter: ReportExporter, request: RenderReportRequest): Promise<Result<string | Uint8Array>> {
  const chart = request.chart ?? 'heatmap';
  const order = request.order ?? 'group';
  const painter = exporter.charts === 'all' ? paintCharts(order) : exporter.charts === 'one' ? paintOneChart(chart, request.team, order) : undefined;
  const report = await buildReport(workspace, request, painter);
  if (!report.ok) return report;
  return exporter.render(report.value, {
    chart,
    ...(request.team === undefined ? {} : { team: request.team }),
    ...(request.blank === undefined ? {} : { blank: request.blank }),
    ...(request.allTeamSheets === undefined ? {} : { allTeamSheets: request.allTeamSheets }),
  });
}
