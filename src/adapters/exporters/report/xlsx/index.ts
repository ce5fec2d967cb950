import { ok } from '../../../../core/errors.js';
import type { ReportExporter } from '../../../../core/ports.js';

/** The workbook: README, Heatmap, one sheet per team (fillable), Backlog. `stepwise import xlsx` reads it back. */
export const xlsxReportExporter: ReportExporter = {
  format: 'xlsx',
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
  description: 'Excel/LibreOffice workbook: heatmap, a fillable sheet per team, backlog',
  binary: true,
  charts: 'none',
  render: async (report, options) => {
    // exceljs takes close to half a second to load: only the commands that write a workbook pay for it.
    const { writeWorkbook } = await import('../../../workbook/index.js');
    return ok(await writeWorkbook(report, { blank: options.blank === true, allTeamSheets: options.allTeamSheets === true }));
  },
};
