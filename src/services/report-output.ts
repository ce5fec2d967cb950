import type { Result } from '../core/errors.js';
import type { ReportChart, ReportExporter, ReportOrder } from '../core/ports.js';
import { buildReport } from './report.js';
import type { ChartPainter, ReportRequest } from './report.js';
import { paintCharts, paintOneChart } from './report-charts.js';
import type { Workspace } from './workspace.js';

export interface RenderReportRequest extends ReportRequest {
  readonly chart?: ReportChart;
  /** Heatmap order; default by group. */
  readonly order?: ReportOrder;
  readonly blank?: boolean;
  readonly allTeamSheets?: boolean;
}

/** The charts a format needs: all of them, the one asked for, or none. */
export function painterFor(exporter: Pick<ReportExporter, 'charts'>, request: Pick<RenderReportRequest, 'chart' | 'team' | 'order'> = {}): ChartPainter | undefined {
  const order = request.order ?? 'group';
  if (exporter.charts === 'all') return paintCharts(order);
  return exporter.charts === 'one' ? paintOneChart(request.chart ?? 'heatmap', request.team, order) : undefined;
}

/** Builds the report with the charts the format needs and renders it. */
export async function renderReport(workspace: Workspace, exporter: ReportExporter, request: RenderReportRequest): Promise<Result<string | Uint8Array>> {
  const chart = request.chart ?? 'heatmap';
  const report = await buildReport(workspace, request, painterFor(exporter, request));
  if (!report.ok) return report;
  return exporter.render(report.value, {
    chart,
    ...(request.team === undefined ? {} : { team: request.team }),
    ...(request.blank === undefined ? {} : { blank: request.blank }),
    ...(request.allTeamSheets === undefined ? {} : { allTeamSheets: request.allTeamSheets }),
  });
}
