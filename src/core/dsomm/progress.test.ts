import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load as loadWithTimestamps } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainError } from '../errors.js';
import { loadModelFromText } from '../model/load.js';
import { buildModel } from '../model/model.js';
import type { Model } from '../model/model.js';
import { modelFileSchema } from '../model/schema.js';
import { resolveAnswerStatus } from '../scoring/consensus.js';
import { checkpointSchema } from '../workspace/schema.js';
import type { Answer, AnswerStatus, Checkpoint } from '../workspace/schema.js';
import { importDsommModel } from './import-model.js';
import {
  DEFAULT_PROGRESS_STATUSES,
  EARLIER_PROGRESS_STATUSES,
  checkpointsToDsommProgress,
  defaultProgressDefinitions,
  dsommProgressToCheckpoints,
  dsommTeamNames,
  matchDsommTeams,
  newTeamsFor,
  parseDsommProgress,
  readProgressDefinitions,
  statusForPercentage,
  teamIdFromName,
} from './progress.js';
import type { DsommProgress, ProgressDefinitions, ProgressImport } from './progress.js';

const REFERENCE = fileURLToPath(new URL('../../../../shared/reference/dsomm/', import.meta.url));
const SAMPLE_FILE = `${REFERENCE}team-progress.sample-6368fc22.yaml`;
const hasReference = ['model.yaml', 'meta.yaml', 'team-progress.sample-6368fc22.yaml'].every((name) => existsSync(`${REFERENCE}${name}`));
if (!hasReference) console.warn(`skipping DSOMM team-progress reference tests: ${REFERENCE} is absent (see shared/reference/dsomm/SOURCE.md)`);
const BUILTIN_MODEL_FILE = new URL('../../../model/builtin.yaml', import.meta.url);

// ───────────────────────── helpers ─────────────────────────

function progressOk(text: string, file = 'team-progress.yaml'): DsommProgress {
  const result = parseDsommProgress(text, file);
  if (!result.ok) throw new Error(`parse failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

function progressError(text: string, file = 'team-progress.yaml'): DomainError {
  const result = parseDsommProgress(text, file);
  if (result.ok) throw new Error('parse succeeded, a failure was expected');
  return result.error;
}

function definitionsOk(text: string): ProgressDefinitions {
  const result = readProgressDefinitions(text, 'meta.yaml');
  if (!result.ok) throw new Error(`meta failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

function definitionsError(text: string): DomainError {
  const result = readProgressDefinitions(text, 'meta.yaml');
  if (result.ok) throw new Error('meta succeeded, a failure was expected');
  return result.error;
}

/** Every DSOMM team becomes the team named by its slug, as `--create-teams` would do. */
const bySlug = (name: string): string | undefined => teamIdFromName(name) ?? undefined;

function importText(text: string, model: Model, definitions = defaultProgressDefinitions(), teamFor = bySlug): ProgressImport {
  return dsommProgressToCheckpoints(progressOk(text), model, { definitions, teamFor });
}

function byTeam(checkpoints: readonly Checkpoint[]): Map<string, Checkpoint[]> {
  const grouped = new Map<string, Checkpoint[]>();
  for (const checkpoint of checkpoints) grouped.set(checkpoint.team, [...(grouped.get(checkpoint.team) ?? []), checkpoint]);
  return grouped;
}

/** The answer a team had for a practice on a date: from its latest checkpoint on or before it. */
function answerOn(checkpoints: readonly Checkpoint[], team: string, date: string, practice: string): Answer | undefined {
  const latest = checkpoints.filter((checkpoint) => checkpoint.team === team && checkpoint.date <= date).at(-1);
  return latest?.answers[practice];
}

/** The text of an answer's first evidence when it is a note. */
function firstNote(answer: Answer | undefined): string | undefined {
  const evidence = answer?.evidence[0];
  return evidence?.type === 'note' ? evidence.text : undefined;
}

function statusOn(checkpoints: readonly Checkpoint[], team: string, date: string, practice: string): AnswerStatus {
  return resolveAnswerStatus(answerOn(checkpoints, team, date, practice)).status;
}

function exportOf(model: Model, imported: ProgressImport, definitions: ProgressDefinitions, names: Record<string, string>): string {
  const teams = Object.entries(names).map(([id, name]) => ({ id, name }));
  return checkpointsToDsommProgress({ model, teams, checkpoints: byTeam(imported.checkpoints), definitions });
}

const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';
const U3 = '33333333-3333-4333-8333-333333333333';
const U4 = '44444444-4444-4444-8444-444444444444';
const U9 = '99999999-9999-4999-8999-999999999999';

/** single ← U1; bundle ← U2 + U3; shared-a and shared-b ← U4; unmapped ← nothing. */
function smallModel(): Model {
  const practice = (id: string, title: string, dsomm: string[]) => ({ id: `ops.${id}`, domain: 'ops', level: 1, title, mappings: { dsomm } });
  return buildModel(
    modelFileSchema.parse({
      id: 'small',
      version: 1,
      name: 'Small',
      levels: [{ level: 1, name: 'One' }],
      domains: [{ id: 'ops', name: 'Operations' }],
      practices: [
        practice('single', 'Single activity', [U1]),
        practice('bundle', 'Two activities', [U2, U3]),
        practice('shared-a', 'Shares U4', [U4]),
        practice('shared-b', 'Also shares U4', [U4]),
        practice('unmapped', 'No DSOMM activity', []),
      ],
    }),
  );
}

const EARLIER_META = ['progressDefinition:', '  Backlog: 0%', '  Planned: 10%', '  Started: 30%', '  Implemented: 100% ', ''].join('\n');

// ───────────────────────── progress definitions ─────────────────────────

describe('progress definitions', () => {
  it('defaults to the app\'s current statuses and also accepts the earlier release\'s names', () => {
    const defaults = defaultProgressDefinitions();
    expect(defaults.statuses).toEqual([
      { name: 'Not implemented', percentage: 0 },
      { name: 'Started', percentage: 20 },
      { name: 'Partly implemented', percentage: 50 },
      { name: 'Fully implemented', percentage: 100 },
    ]);
    expect(defaults.statuses).toBe(DEFAULT_PROGRESS_STATUSES);
    // 'Started' is in both: the current 20% counts.
    expect(defaults.alsoAccepted).toEqual([
      { name: 'Backlog', percentage: 0 },
      { name: 'Planned', percentage: 10 },
      { name: 'Implemented', percentage: 100 },
    ]);
  });

  it.each([
    [0, 'not-implemented'],
    [10, 'partial'],
    [50, 'partial'],
    [99.9, 'partial'],
    [100, 'implemented'],
  ] as const)('%d percent is %s', (percentage, status) => {
    expect(statusForPercentage(percentage)).toBe(status);
  });

  it('reads the flat form of earlier releases and sorts by percentage', () => {
    const read = definitionsOk(['progressDefinition:', '  Implemented: 100%', '  Backlog: 0%', '  Started: 30%', '  Planned: 10%'].join('\n'));
    expect(read.statuses).toEqual(EARLIER_PROGRESS_STATUSES);
    expect(read.alsoAccepted).toEqual([]);
  });

  it('reads {score, definition} entries, fractions and percentages alike', () => {
    const read = definitionsOk([
      'progressDefinition:',
      '  None: {score: 0, definition: nothing yet}',
      '  A fifth: {score: 0.2}',
      '  Half: "0.5"',
      '  Most: 87.5%',
      '  Done: {score: 1}',
    ].join('\n'));
    expect(read.statuses.map((status) => [status.name, status.percentage])).toEqual([['None', 0], ['A fifth', 20], ['Half', 50], ['Most', 87.5], ['Done', 100]]);
  });

  it.each([
    ['no progressDefinition', 'teams: []', /meta\.yaml has no `progressDefinition:`/, 1, 1],
    ['no 100%', 'progressDefinition:\n  Zero: 0%\n  Half: 50%', /needs a status at 100%/, 2, 3],
    ['no 0%', 'progressDefinition:\n  Half: 50%\n  Done: 100%', /needs a status at 0%/, 2, 3],
    ['a word as score', 'progressDefinition:\n  Zero: 0%\n  Done: lots', /progress score is a percentage/, 3, 9],
    ['a percentage above 100', 'progressDefinition:\n  Zero: 0%\n  Done: 150%', /progress score is a percentage/, 3, 9],
    ['a whole number meant as percent', 'progressDefinition:\n  Zero: 0%\n  Done: 100', /fraction from 0 to 1/, 3, 9],
    ['a list as score', 'progressDefinition:\n  Zero: 0%\n  Done: [1]', /expected a score such as "20%"/, 3, 9],
    ['a list as meta', '- progressDefinition', /expected a DSOMM meta\.yaml/, 1, 1],
  ])('refuses %s with a located error', (_name, text, message, line, column) => {
    const error = definitionsError(text);
    expect(error.message).toMatch(message);
    expect(error.at).toEqual({ file: 'meta.yaml', line, column });
  });
});

// ───────────────────────── parsing ─────────────────────────

describe('parseDsommProgress', () => {
  it('lists every status date; quoted, unquoted and timestamped dates all give YYYY-MM-DD', () => {
    const progress = progressOk([
      'progress:',
      `  ${U1}:  # Single`,
      "    'Team A':",
      "      'Planned': 2025-01-01",
      "      'Started': '2025-02-01'",
      "      'Implemented': 2025-03-01T10:30:00Z",
      `  ${U2}:`,
      '    Team B:',
      '      Started: 2025-04-01 08:00:00 +02:00',
      `  ${U3}:`,
      '    Team C:',
    ].join('\n'));
    expect(progress.entries).toEqual([
      { activity: U1, team: 'Team A', status: 'Planned', date: '2025-01-01' },
      { activity: U1, team: 'Team A', status: 'Started', date: '2025-02-01' },
      { activity: U1, team: 'Team A', status: 'Implemented', date: '2025-03-01' },
      { activity: U2, team: 'Team B', status: 'Started', date: '2025-04-01' },
    ]);
    expect(dsommTeamNames(progress)).toEqual(['Team A', 'Team B']);
    expect(progress.locate(['progress', U1, 'Team A', 'Started'])).toEqual({ file: 'team-progress.yaml', line: 5, column: 18 });
  });

  it('reads an empty progress map as no progress', () => {
    expect(progressOk('progress:\n').entries).toEqual([]);
    expect(progressOk('progress: {}\n').entries).toEqual([]);
  });

  it('handles team names that are names of object members as ordinary names', () => {
    const progress = progressOk(`progress:\n  ${U1}:\n    toString:\n      Started: 2025-01-01\n    hasOwnProperty:\n      Started: 2025-01-02\n`);
    expect(dsommTeamNames(progress)).toEqual(['toString', 'hasOwnProperty']);
    const imported = dsommProgressToCheckpoints(progress, smallModel(), { definitions: defaultProgressDefinitions(), teamFor: bySlug });
    expect(imported.checkpoints.map((checkpoint) => [checkpoint.team, checkpoint.date])).toEqual([['hasownproperty', '2025-01-02'], ['tostring', '2025-01-01']]);
  });

  it.each([
    ['an empty file', '', /expected a DSOMM team-progress file/, 1, 1],
    ['a list', '- a\n- b\n', /expected a DSOMM team-progress file/, 1, 1],
    ['no progress key', 'teams: [A]\n', /needs a `progress:` map/, 1, 1],
    ['progress as a list', 'progress: [1, 2]\n', /progress: expected a map of activity uuids to teams/, 1, 11],
    ['a team as a list', `progress:\n  ${U1}:\n    Team A: [2025-01-01]\n`, /expected a map of status names to dates/, 3, 13],
    ['a word as date', `progress:\n  ${U1}:\n    Team A:\n      Started: soon\n`, /Team A\.Started: must be a date written YYYY-MM-DD/, 4, 16],
    ['an impossible date', `progress:\n  ${U1}:\n    Team A:\n      Started: 2025-02-30\n`, /must be a date written YYYY-MM-DD/, 4, 16],
    ['a number as date', `progress:\n  ${U1}:\n    Team A:\n      Started: 20250101\n`, /must be a date written YYYY-MM-DD/, 4, 16],
    ['a missing date', `progress:\n  ${U1}:\n    Team A:\n      Started:\n`, /must be a date written YYYY-MM-DD/, 4, 15],
    ['a blank team name', `progress:\n  ${U1}:\n    ' ':\n      Started: 2025-01-01\n`, /a team name must be 1 to 200 characters/, 4, 7],
    ['__proto__ as a team name', `progress:\n  ${U1}:\n    __proto__:\n      Started: 2025-01-01\n`, /key "__proto__" is not allowed/, 3, 5],
    ['quoted __proto__ as a team', `progress:\n  ${U1}:\n    '__proto__':\n      Started: 2025-01-01\n`, /key "__proto__" is not allowed/, 3, 5],
    ['constructor as a status', `progress:\n  ${U1}:\n    Team A:\n      constructor: 2025-01-01\n`, /key "constructor" is not allowed/, 4, 7],
    ['a custom tag', `progress:\n  ${U1}:\n    Team A:\n      Started: !!timestamp 2025-01-01\n`, /tag !!timestamp is not allowed/, 4, 28],
    ['broken YAML', `progress:\n  ${U1}: {Team A: [\n`, /.+/, 3, 1],
  ])('refuses %s with a located error', (_name, text, message, line, column) => {
    const error = progressError(text);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(message);
    expect(error.at?.file).toBe('team-progress.yaml');
    expect([error.at?.line, error.at?.column]).toEqual([line, column]);
  });

  it('refuses a file above the YAML size bound before parsing it', () => {
    const error = progressError(`progress:\n${'#'.repeat(5_000_001)}\n`);
    expect(error.code).toBe('too-large');
  });
});

// ───────────────────────── teams ─────────────────────────

describe('DSOMM teams', () => {
  it.each([
    ['Team A', 'team-a'],
    ['  Équipe Sécurité  ', 'equipe-securite'],
    ['Ops/Infra & Cloud', 'ops-infra-cloud'],
    ['__proto__', 'proto'],
    ['日本', null],
    ['!!!', null],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('"%s" gives team id %s', (name, id) => {
    expect(teamIdFromName(name)).toBe(id);
  });

  it('matches by name ignoring case, then by slug, and reports the rest', () => {
    const teams = [{ id: 'alpha', name: 'Team A' }, { id: 'team-b', name: 'Bravo' }];
    const match = matchDsommTeams(['team a', 'Team B', 'Not referenced', 'TEAM A'], teams);
    expect([...match.teamIds]).toEqual([['team a', 'alpha'], ['Team B', 'team-b'], ['TEAM A', 'alpha']]);
    expect(match.unknown).toEqual(['Not referenced']);
  });

  it('proposes new teams with unique ids; names with one slug share a team', () => {
    const teams = newTeamsFor(['Not referenced', 'not-referenced', 'Payments', '日本', '!!!'], ['payments']);
    expect(teams).toEqual([
      { id: 'not-referenced', name: 'Not referenced' },
      { id: 'payments-2', name: 'Payments' },
      { id: 'team', name: '日本' },
      { id: 'team-2', name: '!!!' },
    ]);
    // Once created, every name finds its team again.
    const match = matchDsommTeams(['Not referenced', 'not-referenced', 'Payments', '日本', '!!!'], teams);
    expect(match.unknown).toEqual([]);
    expect(match.teamIds.get('not-referenced')).toBe('not-referenced');
  });
});

// ───────────────────────── import ─────────────────────────

describe('dsommProgressToCheckpoints', () => {
  const model = smallModel();

  it('writes one checkpoint per date on which an answer changed, statuses carried forward', () => {
    const imported = importText([
      'progress:',
      `  ${U1}:`,
      "    'Team A':",
      "      'Fully implemented': 2025-05-01",
      "      'Started': 2025-02-01",
      // Reached after a higher status: changes nothing, so no checkpoint on 2025-06-01.
      "      'Planned': 2025-06-01",
      "      'Partly implemented': 2025-05-01",
      `  ${U4}:`,
      "    'Team A':",
      "      'Started': 2025-03-01",
      "      'Partly implemented': 2025-03-01",
    ].join('\n'), model);
    expect(imported.checkpoints.map((checkpoint) => checkpoint.date)).toEqual(['2025-02-01', '2025-03-01', '2025-05-01']);
    const [first, second, third] = imported.checkpoints;
    expect(first).toEqual({
      team: 'team-a',
      date: '2025-02-01',
      model: 'small@1',
      raters: [],
      answers: {
        'ops.single': { status: 'partial', evidence: [{ type: 'note', text: 'DSOMM progress: Started (20%) on 2025-02-01', date: '2025-02-01' }], ratings: {} },
      },
      domainScores: {},
    });
    expect(Object.keys(second?.answers ?? {})).toEqual(['ops.single', 'ops.shared-a', 'ops.shared-b']);
    expect(second?.answers['ops.shared-b']?.evidence).toEqual([{ type: 'note', text: 'DSOMM progress: Partly implemented (50%) on 2025-03-01', date: '2025-03-01' }]);
    expect(third?.answers['ops.single']).toEqual({ status: 'implemented', evidence: [{ type: 'note', text: 'DSOMM progress: Fully implemented (100%) on 2025-05-01', date: '2025-05-01' }], ratings: {} });
    // Carried forward unchanged, with its own date: freshness counts from when the status was reached.
    expect(third?.answers['ops.shared-a']?.evidence[0]?.date).toBe('2025-03-01');
    for (const checkpoint of imported.checkpoints) expect(checkpointSchema.safeParse(checkpoint).success).toBe(true);
  });

  it('gives a practice mapped to several activities the lowest of them, a missing one counting as 0%', () => {
    const imported = importText([
      'progress:',
      `  ${U2}:`,
      '    Ops:',
      '      Fully implemented: 2025-01-10',
      `  ${U3}:`,
      '    Ops:',
      '      Started: 2025-02-10',
      '      Fully implemented: 2025-04-10',
    ].join('\n'), model);
    expect(imported.checkpoints.map((checkpoint) => [checkpoint.date, checkpoint.answers['ops.bundle']?.status])).toEqual([
      ['2025-01-10', 'not-implemented'],
      ['2025-02-10', 'partial'],
      ['2025-04-10', 'implemented'],
    ]);
    expect(imported.checkpoints[0]?.answers['ops.bundle']?.evidence).toEqual([
      { type: 'note', text: `DSOMM progress of activity ${U2}: Fully implemented (100%) on 2025-01-10`, date: '2025-01-10' },
      { type: 'note', text: `DSOMM progress of activity ${U3}: no status recorded (counts as 0%)` },
    ]);
    expect(imported.checkpoints[1]?.answers['ops.bundle']?.evidence[1]).toEqual({ type: 'note', text: `DSOMM progress of activity ${U3}: Started (20%) on 2025-02-10`, date: '2025-02-10' });
  });

  it('takes the highest status reached on a date, and the first-reached among equal percentages', () => {
    const imported = importText(`progress:\n  ${U1}:\n    Ops:\n      Implemented: 2025-01-02\n      Fully implemented: 2025-01-01\n      Planned: 2025-01-01\n`, model);
    expect(imported.checkpoints.map((checkpoint) => firstNote(checkpoint.answers['ops.single']))).toEqual(['DSOMM progress: Fully implemented (100%) on 2025-01-01']);
  });

  it('records a 0% status as not implemented', () => {
    const imported = importText(`progress:\n  ${U1}:\n    Ops:\n      Not implemented: 2025-01-01\n      Started: 2025-03-01\n`, model);
    expect(imported.checkpoints.map((checkpoint) => checkpoint.answers['ops.single']?.status)).toEqual(['not-implemented', 'partial']);
  });

  it('warns once per unknown status name, at its first use, and leaves those dates out', () => {
    const imported = importText([
      'progress:',
      `  ${U1}:`,
      '    Ops:',
      '      Started: 2025-01-01',
      '      Almost: 2025-02-01',
      `  ${U4}:`,
      '    Ops:',
      '      Almost: 2025-03-01',
    ].join('\n'), model);
    expect(imported.warnings).toEqual([
      { message: 'status "Almost" is not in the progress definition (Not implemented, Started, Partly implemented, Fully implemented): 2 dates left out', at: { file: 'team-progress.yaml', line: 5, column: 15 } },
    ]);
    expect(imported.checkpoints.map((checkpoint) => checkpoint.date)).toEqual(['2025-01-01']);
  });

  it('accepts only the meta.yaml\'s names when one is given', () => {
    const meta = definitionsOk('progressDefinition:\n  Todo: 0%\n  Doing: 40%\n  Done: 100%\n');
    const imported = importText(`progress:\n  ${U1}:\n    Ops:\n      Doing: 2025-01-01\n      Planned: 2025-01-01\n`, model, meta);
    expect(imported.warnings.map((warning) => warning.message)).toEqual(['status "Planned" is not in the progress definition (Todo, Doing, Done): 1 date left out']);
    expect(firstNote(imported.checkpoints[0]?.answers['ops.single'])).toBe('DSOMM progress: Doing (40%) on 2025-01-01');
  });

  it('drops activities that map to no practice with one warning saying how many', () => {
    const extra = ['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000003', U9];
    const text = ['progress:', ...extra.flatMap((uuid) => [`  ${uuid}:`, '    Ops:', '      Started: 2025-01-01']), `  ${U1}:`, '    Ops:', '      Started: 2025-01-05'].join('\n');
    const imported = importText(text, model);
    expect(imported.warnings).toEqual([{ message: `4 DSOMM activities map to no practice of model small@1 and were left out: ${extra.slice(0, 3).join(', ')}, …`, at: { file: 'team-progress.yaml', line: 3, column: 5 } }]);
    expect(imported.checkpoints.map((checkpoint) => checkpoint.date)).toEqual(['2025-01-05']);
  });

  it('reports teams the mapping does not place and leaves their progress out', () => {
    const text = `progress:\n  ${U1}:\n    Ops:\n      Started: 2025-01-01\n    Not referenced:\n      Started: 2000-01-01\n    OPS:\n      Fully implemented: 2025-02-01\n`;
    const teamFor = (name: string) => (name.toLowerCase() === 'ops' ? 'operations' : undefined);
    const imported = importText(text, model, defaultProgressDefinitions(), teamFor);
    expect(imported.unknownTeams).toEqual(['Not referenced']);
    // Two DSOMM names placed on one team: their dates are replayed together.
    expect(imported.checkpoints.map((checkpoint) => [checkpoint.team, checkpoint.date, checkpoint.answers['ops.single']?.status])).toEqual([
      ['operations', '2025-01-01', 'partial'],
      ['operations', '2025-02-01', 'implemented'],
    ]);
  });
});

// ───────────────────────── export ─────────────────────────

describe('checkpointsToDsommProgress', () => {
  const model = smallModel();
  const defaults = defaultProgressDefinitions();
  const checkpoint = (team: string, date: string, answers: Record<string, Partial<Answer>>): Checkpoint => ({
    team,
    date,
    model: 'small@1',
    raters: [],
    answers: Object.fromEntries(Object.entries(answers).map(([id, answer]) => [id, { evidence: [], ratings: {}, ...answer }])),
    domainScores: {},
  });
  const render = (checkpoints: readonly Checkpoint[], teams = [{ id: 'ops', name: 'Ops' }], definitions = defaults) =>
    checkpointsToDsommProgress({ model, teams, checkpoints: byTeam(checkpoints), definitions });

  it('writes the layout the DSOMM app writes: bare uuid with its name, quoted team and status, bare date', () => {
    const text = render(
      [checkpoint('ops', '2025-01-01', { 'ops.single': { status: 'partial' } }), checkpoint('ops', '2025-03-01', { 'ops.single': { status: 'implemented' } }), checkpoint('zed', '2025-02-01', { 'ops.single': { status: 'implemented' } })],
      [{ id: 'zed', name: "O'Hara's team" }, { id: 'ops', name: 'Ops' }],
    );
    expect(text).toBe([
      'progress:',
      `  ${U1}:  # Single activity`,
      "    'O''Hara''s team':",
      "      'Started': 2025-02-01",
      "      'Partly implemented': 2025-02-01",
      "      'Fully implemented': 2025-02-01",
      "    'Ops':",
      "      'Started': 2025-01-01",
      "      'Partly implemented': 2025-03-01",
      "      'Fully implemented': 2025-03-01",
      '',
    ].join('\n'));
    // The app reads it with YAML 1.1 timestamps: the dates must arrive as dates.
    const loaded = loadWithTimestamps(text) as { progress: Record<string, Record<string, Record<string, unknown>>> };
    expect(loaded.progress[U1]?.['Ops']?.['Started']).toEqual(new Date('2025-01-01T00:00:00Z'));
  });

  it('writes "progress: {}" when there is nothing to write', () => {
    expect(render([])).toBe('progress: {}\n');
    expect(render([checkpoint('ops', '2025-01-01', { 'ops.single': { status: 'not-implemented' }, 'ops.unmapped': { status: 'implemented' } })])).toBe('progress: {}\n');
  });

  it('writes partial as the lowest status between 0 and 100, and nothing when the definition has none', () => {
    const partial = [checkpoint('ops', '2025-01-01', { 'ops.single': { status: 'partial' } })];
    expect(render(partial)).toContain("'Started': 2025-01-01");
    expect(render(partial)).not.toContain('Partly implemented');
    const twoStates = definitionsOk('progressDefinition:\n  No: 0%\n  Yes: 100%\n');
    expect(render(partial, undefined, twoStates)).toBe('progress: {}\n');
  });

  it('reads ratings through their median and carries a status over checkpoints that leave it unanswered', () => {
    const text = render([
      checkpoint('ops', '2025-01-01', { 'ops.single': { ratings: { ann: 'implemented', bob: 'implemented', cy: 'partial' } } }),
      checkpoint('ops', '2025-02-01', {}),
    ]);
    expect(text).toContain("'Fully implemented': 2025-01-01");
  });

  it('writes only statuses still held at the latest checkpoint, dated from when they were regained', () => {
    const text = render([
      checkpoint('ops', '2025-01-01', { 'ops.single': { status: 'implemented' } }),
      checkpoint('ops', '2025-02-01', { 'ops.single': { status: 'partial' } }),
      checkpoint('ops', '2025-03-01', { 'ops.single': { status: 'not-applicable', justification: 'retired' } }),
      checkpoint('ops', '2025-04-01', { 'ops.single': { status: 'partial' } }),
    ]);
    expect(text).toContain("'Started': 2025-04-01");
    expect(text).not.toContain('Fully implemented');
  });

  it('gives an activity several practices map to the lowest assessed one; a practice never assessed is left out', () => {
    const text = render([
      checkpoint('ops', '2025-01-01', { 'ops.shared-a': { status: 'implemented' } }),
      checkpoint('ops', '2025-02-01', { 'ops.shared-b': { status: 'partial' } }),
      checkpoint('ops', '2025-03-01', { 'ops.shared-b': { status: 'implemented' } }),
    ]);
    expect(text).toBe([
      'progress:',
      `  ${U4}:  # Shares U4; Also shares U4`,
      "    'Ops':",
      "      'Started': 2025-01-01",
      "      'Partly implemented': 2025-03-01",
      "      'Fully implemented': 2025-03-01",
      '',
    ].join('\n'));
  });

  it('writes a practice mapped to several activities under each of them', () => {
    const text = render([checkpoint('ops', '2025-01-01', { 'ops.bundle': { status: 'implemented' } })]);
    expect(text.match(/'Fully implemented': 2025-01-01/g)).toHaveLength(2);
    expect(text).toContain(`  ${U2}:  # Two activities`);
    expect(text).toContain(`  ${U3}:  # Two activities`);
  });

  it('keeps the status an imported note names while the answer still agrees with it', () => {
    const note = (text: string) => ({ evidence: [{ type: 'note' as const, text, date: '2025-01-01' }] });
    const agreeing = render([checkpoint('ops', '2025-01-01', { 'ops.single': { status: 'partial', ...note('DSOMM progress: Partly implemented (50%) on 2025-01-01') } })]);
    expect(agreeing).toContain("'Partly implemented': 2025-01-01");
    // Someone changed the status after the import: the note no longer speaks for it.
    const edited = render([checkpoint('ops', '2025-01-01', { 'ops.single': { status: 'implemented', ...note('DSOMM progress: Started (20%) on 2025-01-01') } })]);
    expect(edited).toContain("'Fully implemented': 2025-01-01");
    // A name the definition does not have falls back to the rule.
    const foreign = render([checkpoint('ops', '2025-01-01', { 'ops.single': { status: 'partial', ...note('DSOMM progress: Planned (10%) on 2025-01-01') } })]);
    expect(foreign).toContain("'Started': 2025-01-01");
  });

  it('keeps teams that share a display name apart, and quotes names holding control characters', () => {
    const checkpoints = ['a', 'b', 'c'].map((team) => checkpoint(team, '2025-01-01', { 'ops.single': { status: 'implemented' } }));
    const text = render(checkpoints, [{ id: 'b', name: 'Ops' }, { id: 'a', name: 'ops' }, { id: 'c', name: 'Line\nbreak' }]);
    expect(text).toContain("    'ops':");
    expect(text).toContain("    'Ops (b)':");
    expect(text).toContain('    "Line\\nbreak":');
    expect(dsommTeamNames(progressOk(text))).toEqual(['Line\nbreak', 'Ops (b)', 'ops']);
  });
});

// ───────────────────────── the real DSOMM files ─────────────────────────

describe.skipIf(!hasReference)('the real DSOMM sample team-progress.yaml', () => {
  // Read in beforeAll: a skipped suite still runs this body to collect its tests.
  let sample = '';
  let dsomm: Model;
  let builtin: Model;
  let referenceMeta: ProgressDefinitions;
  const TEAM_NAMES = { 'not-referenced': 'Not referenced', 'team-a': 'Team A', 'team-b': 'Team B', 'team-c': 'Team C', 'team-d': 'Team D' };
  const practiceOf = (uuid: string) => dsomm.practices.find((practice) => practice.mappings.dsomm.includes(uuid))?.id ?? '';
  beforeAll(() => {
    sample = readFileSync(SAMPLE_FILE, 'utf8');
    const imported = importDsommModel(readFileSync(`${REFERENCE}model.yaml`, 'utf8'), 'model.yaml');
    if (!imported.ok) throw new Error(imported.error.message);
    dsomm = imported.value.model;
    const loaded = loadModelFromText(readFileSync(BUILTIN_MODEL_FILE, 'utf8'), 'model/builtin.yaml');
    if (!loaded.ok) throw new Error(loaded.error.message);
    builtin = loaded.value.model;
    referenceMeta = definitionsOk(readFileSync(`${REFERENCE}meta.yaml`, 'utf8'));
  });

  it('reads the progress definition of the real meta.yaml', () => {
    expect(referenceMeta.statuses).toEqual(DEFAULT_PROGRESS_STATUSES);
  });

  it('imports against the DSOMM model: five teams, 59 checkpoints, no warnings', () => {
    const imported = importText(sample, dsomm);
    expect(imported.warnings).toEqual([]);
    expect(imported.unknownTeams).toEqual([]);
    const counts = [...byTeam(imported.checkpoints)].map(([team, checkpoints]) => [team, checkpoints.length]);
    expect(counts).toEqual([['not-referenced', 3], ['team-a', 12], ['team-b', 16], ['team-c', 14], ['team-d', 14]]);
    expect(imported.checkpoints.every((checkpoint) => checkpoint.model === 'dsomm@4.3.1' && checkpoint.raters.length === 0)).toBe(true);
  });

  it('gives the statuses written in the file at the dates written there (checked by hand)', () => {
    const { checkpoints } = importText(sample, dsomm);
    // Building and testing of artifacts in virtual environments, Team D: Planned 2025-04-01, Implemented 2025-05-01.
    const virtual = practiceOf('a340f46b-6360-4cb8-847b-a0d3483d09d3');
    expect(virtual).toBe('build.building-and-testing-of-artifacts-in-virtual-environments');
    expect(statusOn(checkpoints, 'team-d', '2025-03-31', virtual)).toBe('unknown');
    expect(answerOn(checkpoints, 'team-d', '2025-04-30', virtual)).toEqual({ status: 'partial', evidence: [{ type: 'note', text: 'DSOMM progress: Planned (10%) on 2025-04-01', date: '2025-04-01' }], ratings: {} });
    expect(answerOn(checkpoints, 'team-d', '2025-05-01', virtual)).toEqual({ status: 'implemented', evidence: [{ type: 'note', text: 'DSOMM progress: Implemented (100%) on 2025-05-01', date: '2025-05-01' }], ratings: {} });
    // Defined build process, Team C: Planned 03-01, Started 04-01, Implemented 05-01.
    const build = practiceOf('f6f7737f-25a9-4317-8de2-09bf59f29b5b');
    expect(firstNote(answerOn(checkpoints, 'team-c', '2025-04-15', build))).toBe('DSOMM progress: Started (20%) on 2025-04-01');
    expect(statusOn(checkpoints, 'team-c', '2025-04-15', build)).toBe('partial');
    expect(statusOn(checkpoints, 'team-c', '2025-05-01', build)).toBe('implemented');
    // Simple system metrics, Team D, listed highest first: Implemented 05-22, Started 05-12, Planned 02-23.
    const system = practiceOf('3d1f4c3b-f713-46d9-933a-54a014a26c03');
    expect(firstNote(answerOn(checkpoints, 'team-d', '2025-05-21', system))).toBe('DSOMM progress: Started (20%) on 2025-05-12');
    expect(statusOn(checkpoints, 'team-d', '2025-05-22', system)).toBe('implemented');
    // The 'Not referenced' team's history is from 2000.
    expect(byTeam(checkpoints).get('not-referenced')?.map((checkpoint) => checkpoint.date)).toEqual(['2000-01-01', '2000-07-01', '2000-12-31']);
  });

  it('with the real meta.yaml, warns at the first "Planned" and "Implemented" and keeps only "Started"', () => {
    const imported = importText(sample, dsomm, referenceMeta);
    const known = 'Not implemented, Started, Partly implemented, Fully implemented';
    expect(imported.warnings).toEqual([
      { message: `status "Planned" is not in the progress definition (${known}): 34 dates left out`, at: { file: 'team-progress.yaml', line: 4, column: 18 } },
      { message: `status "Implemented" is not in the progress definition (${known}): 17 dates left out`, at: { file: 'team-progress.yaml', line: 11, column: 22 } },
    ]);
    expect(imported.checkpoints.every((checkpoint) => Object.values(checkpoint.answers).every((answer) => answer.status === 'partial'))).toBe(true);
    // One per team and date with a 'Started' in the file: Team A 6, B 6, C 6 (two on 06-12), D 5, Not referenced 1.
    expect(imported.checkpoints).toHaveLength(24);
  });

  it('round trip with the definitions the sample was written for: import → export → import gives the same checkpoints', () => {
    const earlier = definitionsOk(EARLIER_META);
    const first = importText(sample, dsomm, earlier);
    const exported = exportOf(dsomm, first, earlier, TEAM_NAMES);
    const second = importText(exported, dsomm, earlier);
    expect(second.warnings).toEqual([]);
    expect(second.checkpoints).toEqual(first.checkpoints);
    expect(exportOf(dsomm, second, earlier, TEAM_NAMES)).toBe(exported);
    expect(exported.split('\n').slice(0, 6)).toEqual([
      'progress:',
      '  f6f7737f-25a9-4317-8de2-09bf59f29b5b:  # Defined build process',
      "    'Team A':",
      "      'Planned': 2025-07-13",
      "    'Team B':",
      "      'Planned': 2025-01-01",
    ]);
  });

  it('round trip with the real meta.yaml gives the same checkpoints', () => {
    const first = importText(sample, dsomm, referenceMeta);
    const second = importText(exportOf(dsomm, first, referenceMeta, TEAM_NAMES), dsomm, referenceMeta);
    expect(second.checkpoints).toEqual(first.checkpoints);
  });

  it('round trip with the defaults keeps every status at every date, and is stable from the first export on', () => {
    const first = importText(sample, dsomm);
    const exported = exportOf(dsomm, first, defaultProgressDefinitions(), TEAM_NAMES);
    const second = importText(exported, dsomm);
    // 'Planned' and 'Implemented' are written with today's names, so a date on which only the
    // DSOMM name changed within "partial" (Planned → Started) is no longer a checkpoint.
    expect(exported).not.toMatch(/'Planned'|'Implemented'/);
    expect(second.checkpoints.length).toBeLessThan(first.checkpoints.length);
    for (const checkpoint of first.checkpoints) {
      for (const practice of Object.keys(checkpoint.answers)) {
        expect([checkpoint.team, checkpoint.date, practice, statusOn(second.checkpoints, checkpoint.team, checkpoint.date, practice)]).toEqual([checkpoint.team, checkpoint.date, practice, statusOn(first.checkpoints, checkpoint.team, checkpoint.date, practice)]);
      }
    }
    const third = importText(exportOf(dsomm, second, defaultProgressDefinitions(), TEAM_NAMES), dsomm);
    expect(third.checkpoints).toEqual(second.checkpoints);
  });

  it('imports against the built-in model: 4 activities dropped with one warning, lowest status for a bundled practice', () => {
    const imported = importText(sample, builtin);
    expect(imported.warnings).toHaveLength(1);
    expect(imported.warnings[0]?.message).toMatch(/^4 DSOMM activities map to no practice of model stepwise@1 and were left out: a340f46b-/);
    // Located at the first team under the first such activity (line 2 holds its uuid).
    expect(imported.warnings[0]?.at).toEqual({ file: 'team-progress.yaml', line: 3, column: 5 });
    const counts = [...byTeam(imported.checkpoints)].map(([team, checkpoints]) => [team, checkpoints.length]);
    // 'Not referenced' only worked on an activity the built-in model does not map.
    expect(counts).toEqual([['team-a', 6], ['team-b', 10], ['team-c', 12], ['team-d', 10]]);
    // basic-metrics maps Simple system metrics (Team A: Implemented 01-08) and Simple application
    // metrics (Team A: Planned 03-01, Started 03-13, Implemented 04-01): the lower of the two counts.
    const metrics = 'logging-monitoring.basic-metrics';
    expect(['2025-01-08', '2025-03-01', '2025-03-13', '2025-04-01'].map((date) => statusOn(imported.checkpoints, 'team-a', date, metrics))).toEqual(['not-implemented', 'partial', 'partial', 'implemented']);
    expect(answerOn(imported.checkpoints, 'team-a', '2025-03-01', metrics)?.evidence.map((entry) => entry.date)).toEqual(['2025-03-01', '2025-01-08']);
    expect(statusOn(imported.checkpoints, 'team-b', '2025-07-01', 'ci-security-testing.defined-pipeline')).toBe('partial');
  });
});
