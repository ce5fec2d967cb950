import type { ScanExporter } from '../../../core/ports.js';

/** The versioned scan document of PRODUCT.md §7; it can pre-fill an assessment and serve as a baseline. */
export const jsonScanExporter: ScanExporter = {
  format: 'json',
  mediaType: 'application/json',
  extension: 'json',
  description: 'the scan result as JSON (findings, proposed levels, practice evidence)',
  render: (result) => `${JSON.stringify(result, null, 2)}\n`,
};
