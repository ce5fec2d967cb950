import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import type { BacklogItem } from '../../core/backlog/backlog.js';
import { dueEntry } from '../../core/history/cadence.js';
import { loadModelFromText } from '../../core/model/load.js';
import type { Model } from '../../core/model/model.js';
import type { ReportModel, ReportTeam } from '../../core/report/report-model.js';
import { scoreCheckpoint } from '../../core/scoring/score-checkpoint.js';
import type { Checkpoint, Team } from '../../core/workspace/schema.js';

/**
 * Test support for the workbook adapter (excluded from the build by its name): the built-in model,
 * hand-made report models, and a tiny zip writer to build hostile archives at test time.
 */

/** The built-in model, read from model/builtin.yaml. */
export function builtinModel(): Model {
  const path = new URL('../../../model/builtin.yaml', import.meta.url);
  const loaded = loadModelFromText(readFileSync(path, 'utf8'), 'model/builtin.yaml');
  if (!loaded.ok) throw new Error(`built-in model did not load: ${loaded.error.message}`);
  return loaded.value.model;
}

export const AS_OF = '2026-11-30';

/** A report team with domains scored by the real scorer (every target 2). */
export function reportTeam(model: Model, team: Team, checkpoint: Checkpoint | undefined): ReportTeam {
  const targets = new Map<string, number | null>(model.domains.map((domain) => [domain.id, 2]));
  const domains = checkpoint === undefined ? [] : scoreCheckpoint({ model, checkpoint, targets, staleCounts: false, asOf: AS_OF }).domains;
  return {
    team,
    checkpoint,
    domains,
    previousLevels: null,
    previousDate: null,
    history: [],
    stale: [],
    disagreements: [],
    nextSteps: [],
    due: dueEntry(team.id, team.cadence ?? 'quarterly', checkpoint?.date ?? null, AS_OF, 14),
  };
}

export interface TeamWithCheckpoint {
  readonly team: Team;
  readonly checkpoint?: Checkpoint;
}

/** A report model around the given teams; charts are empty because the workbook does not use them. */
export function buildReport(model: Model, teams: readonly TeamWithCheckpoint[], backlog: readonly BacklogItem[] = [], organisation = 'Acme'): ReportModel {
  const reportTeams = teams.map((entry) => reportTeam(model, entry.team, entry.checkpoint));
  return {
    organisation,
    asOf: AS_OF,
    toolVersion: '0.1.0',
    model,
    teams: reportTeams,
    backlog,
    due: reportTeams.map((entry) => entry.due),
    distribution: [],
    charts: { heatmap: '', heatmapOrder: 'group', levelColors: [], teams: new Map() },
  };
}

export const sampleBacklogItem: BacklogItem = {
  key: 'payments:secrets.central-vault',
  team: 'payments',
  practice: 'secrets.central-vault',
  domain: 'secrets',
  level: 2,
  title: '=HYPERLINK("http://evil.example","Move secrets")',
  description: 'Applications read secrets from a managed vault.',
  acceptance: ['+Every service reads its secrets from the vault.', 'No secret in CI variables.'],
  priority: 'P2',
  score: 3.75,
  effort: 'M',
  dependsOn: ['payments:secrets.inventory'],
  mappings: { dsomm: [], samm: ['I-SD-A'], iso27001: ['8.24'], ssdf: [] },
  source: 'gap',
  reason: 'missing',
  status: 'open',
};

export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array | string;
  /** Defaults to deflate. */
  readonly store?: boolean;
  /** Overrides the uncompressed size written in the directory (a lying archive). */
  readonly declaredSize?: number;
}

export interface ZipOptions {
  /** Overrides the entry count in the end record. */
  readonly declaredEntries?: number;
}

/** A minimal zip writer (no data descriptors, no ZIP64) for building test archives. */
export function buildZip(inputs: readonly ZipInput[], options: ZipOptions = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const raw = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : Buffer.from(input.data);
    const body = input.store === true ? raw : deflateRawSync(raw);
    const name = Buffer.from(input.name, 'utf8');
    const fields = { crc: crc32(raw), method: input.store === true ? 0 : 8, compressed: body.length, size: input.declaredSize ?? raw.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressed, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(fields.method, 10);
    central.writeUInt32LE(fields.crc, 16);
    central.writeUInt32LE(fields.compressed, 20);
    central.writeUInt32LE(fields.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = options.declaredEntries ?? inputs.length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The smallest workbook exceljs opens: the given sheets as raw sheet XML. */
export function minimalXlsx(sheets: readonly { readonly name: string; readonly xml: string }[]): Uint8Array {
  const overrides = sheets
    .map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  const sheetTags = sheets.map((sheet, index) => `<sheet name="${sheet.name}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('');
  const relations = sheets
    .map((_, index) => `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`)
    .join('');
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetTags}</sheets></workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations}</Relationships>` },
    ...sheets.map((sheet, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, data: sheet.xml })),
  ]);
}

/** Sheet XML with `rows` rows of one inline-string cell each. */
export function sheetXmlWithRows(rows: number): string {
  const body: string[] = [];
  for (let row = 1; row <= rows; row += 1) body.push(`<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>x</t></is></c></row>`);
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData></worksheet>`;
}
