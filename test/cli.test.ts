import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { stepwise, tempDir } from './support/cli.js';

const TODAY = '2026-11-27';
let demo: string;

beforeAll(async () => {
  demo = join(tempDir(), 'demo');
  const run = await stepwise(['demo', '--dir', demo], { cwd: tempDir(), today: TODAY });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}, 60_000);

interface ScoreDocument {
  teams: { team: string; group: string | null; date: string | null; domains: Record<string, unknown>[] }[];
}

interface JsonItem {
  key: string;
  team: string;
  practice: string | null;
  domain: string;
  level: number;
  title: string;
  priority: string;
  score: number;
  effort: string;
  dependsOn: string[];
  source: string;
  acceptance: string[];
}

describe('stepwise demo', () => {
  it('writes a workspace of at least 12 teams in 3 groups with 4 or more checkpoints each', () => {
    const organisation = parse(readFileSync(join(demo, 'stepwise.yaml'), 'utf8')) as { teams: { id: string; group: string }[] };
    expect(organisation.teams.length).toBeGreaterThanOrEqual(12);
    expect(new Set(organisation.teams.map((team) => team.group)).size).toBeGreaterThanOrEqual(3);
    for (const team of organisation.teams) expect(readdirSync(join(demo, 'assessments', team.id)).length).toBeGreaterThanOrEqual(4);
  });

  it('can run again over its own folder, and refuses a folder holding another workspace', async () => {
    expect((await stepwise(['demo', '--dir', demo], { cwd: tempDir(), today: TODAY })).code).toBe(0);
    const other = tempDir();
    expect((await stepwise(['init', '--dir', other], { cwd: other })).code).toBe(0);
    const refused = await stepwise(['demo', '--dir', other], { cwd: other });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/stepwise\.yaml: this folder holds a workspace that is not a demo/);
  });
});

describe('stepwise score', () => {
  it('prints the score document of PRODUCT.md §7', async () => {
    const run = await stepwise(['score', '--json'], { cwd: demo, today: TODAY });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as ScoreDocument;
    expect(document.teams.length).toBeGreaterThanOrEqual(12);
    const domain = document.teams[0]?.domains[0];
    expect(Object.keys(domain ?? {})).toEqual(expect.arrayContaining(['domain', 'level', 'progress', 'target', 'gap', 'applicable', 'unknown', 'stale', 'disagreements', 'levelSpread', 'selfRated']));
    const all = document.teams.flatMap((team) => team.domains);
    expect(all.some((entry) => entry['level'] === null && entry['applicable'] === false)).toBe(true);
    expect(all.some((entry) => (entry['stale'] as number) > 0)).toBe(true);
    expect(all.some((entry) => (entry['disagreements'] as number) > 0)).toBe(true);
    expect(all.some((entry) => entry['mismatch'] === true)).toBe(true);
  });

  it('scores a checkpoint file given as a path', async () => {
    const team = readdirSync(join(demo, 'assessments')).find((name) => !name.startsWith('.')) ?? '';
    const first = readdirSync(join(demo, 'assessments', team))[0] ?? '';
    const run = await stepwise(['score', `assessments/${team}/${first}`, '--json'], { cwd: demo, today: TODAY });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as ScoreDocument;
    expect(document.teams.map((entry) => [entry.team, entry.date])).toEqual([[team, first.replace('.yaml', '')]]);
  });

  it('scores and compares checkpoint files outside any workspace on the built-in model', async () => {
    const loose = tempDir();
    const team = 'checkout';
    const dates = readdirSync(join(demo, 'assessments', team));
    const first = join(demo, 'assessments', team, dates[0] ?? '');
    const last = join(demo, 'assessments', team, dates.at(-1) ?? '');
    const score = await stepwise(['score', first, '--json'], { cwd: loose, today: TODAY });
    expect(score.code).toBe(0);
    const document = JSON.parse(score.stdout) as ScoreDocument;
    expect(document.teams[0]).toMatchObject({ team, date: dates[0]?.replace('.yaml', '') });
    expect(document.teams[0]?.domains[0]).toMatchObject({ target: null, gap: null });
    const compare = await stepwise(['compare', first, last, '--json'], { cwd: loose, today: TODAY });
    expect(compare.code).toBe(0);
    expect((JSON.parse(compare.stdout) as { team: string }).team).toBe(team);
  });

  it('prints a matrix with a legend, and one team in detail', async () => {
    const matrix = await stepwise(['score'], { cwd: demo, today: TODAY });
    expect(matrix.stdout).toMatch(/^team\tdate\tSEC\tVM\tSC\tCST\tLM\tIR\tIAC\tAC\tSD\tCC$/m);
    expect(matrix.stdout).toContain('cells: level/target');
    const detail = await stepwise(['score', '--team', 'checkout'], { cwd: demo, today: TODAY, tty: true });
    expect(detail.stdout).toContain('Secrets management');
    expect(detail.stdout).toContain('┌');
  });

  it('shows progress on a terminal only for large workspaces, and clears it', async () => {
    const large = tempDir();
    const teams = Array.from({ length: 60 }, (_, index) => `  - {id: t${index}, name: T${index}}`).join('\n');
    writeFileSync(join(large, 'stepwise.yaml'), `organisation: Big\nteams:\n${teams}\n`);
    for (let index = 0; index < 60; index += 1) {
      execFileSync('mkdir', ['-p', join(large, 'assessments', `t${index}`)]);
      writeFileSync(join(large, 'assessments', `t${index}`, '2026-11-01.yaml'), `team: t${index}\ndate: 2026-11-01\nmodel: stepwise@1\n`);
    }
    const onTerminal = await stepwise(['score', '--json'], { cwd: large, stderrTty: true });
    expect(onTerminal.stderr).toBe('\rReading checkpoints: 0/60 teams (0%)\rReading checkpoints: 25/60 teams (41%)\rReading checkpoints: 50/60 teams (83%)\r\u001b[K');
    expect((await stepwise(['score', '--json'], { cwd: large })).stderr).toBe('');
    expect((await stepwise(['score', '--json'], { cwd: demo, stderrTty: true })).stderr).toBe('');
  });

  it('refuses an unknown team with exit code 2', async () => {
    const run = await stepwise(['score', '--team', 'nobody'], { cwd: demo, today: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^stepwise: no team "nobody"/);
  });
});

describe('stepwise backlog', () => {
  it('prints the prioritised backlog as JSON with dependencies before dependants', async () => {
    const run = await stepwise(['backlog', '--format', 'json'], { cwd: demo, today: TODAY });
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as JsonItem[];
    expect(items.length).toBeGreaterThan(50);
    const position = new Map(items.map((item, index) => [item.key, index]));
    items.forEach((item, index) => {
      expect(item.key).toBe(`${item.team}:${item.practice ?? ''}`);
      expect(['P1', 'P2', 'P3', 'P4']).toContain(item.priority);
      expect(['S', 'M', 'L']).toContain(item.effort);
      for (const key of item.dependsOn) expect(position.get(key)).toBeLessThan(index);
    });
    const again = await stepwise(['backlog', '--format', 'json'], { cwd: demo, today: TODAY });
    expect(again.stdout).toBe(run.stdout);
  });

  it('ranks by strategy and filters by team', async () => {
    const roi = JSON.parse((await stepwise(['backlog', '--format', 'json', '--strategy', 'roi', '--team', 'payments'], { cwd: demo, today: TODAY })).stdout) as JsonItem[];
    expect(new Set(roi.map((item) => item.team))).toEqual(new Set(['payments']));
    const risk = JSON.parse((await stepwise(['backlog', '--format', 'json', '--strategy', 'risk', '--team', 'payments'], { cwd: demo, today: TODAY })).stdout) as JsonItem[];
    expect(risk.map((item) => item.key).sort()).toEqual(roi.map((item) => item.key).sort());
    expect(risk.map((item) => item.key)).not.toEqual(roi.map((item) => item.key));
  });

  it.each(['csv', 'jira', 'github', 'md'])('writes the %s format to a file with --out', async (format) => {
    const out = join(tempDir(), `backlog.${format}`);
    const run = await stepwise(['backlog', '--format', format, '--out', out, '--team', 'payments'], { cwd: demo, today: TODAY });
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(100);
  });

  it('rejects an unknown format with exit code 2', async () => {
    const run = await stepwise(['backlog', '--format', 'pdf'], { cwd: demo, today: TODAY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/argument 'pdf' is invalid/);
  });
});

describe('stepwise compare and due', () => {
  it('compares two checkpoints given by date', async () => {
    const dates = readdirSync(join(demo, 'assessments', 'checkout')).map((name) => name.replace('.yaml', ''));
    const run = await stepwise(['compare', '--team', 'checkout', dates[0] ?? '', dates.at(-1) ?? '', '--json'], { cwd: demo, today: TODAY });
    expect(run.code).toBe(0);
    const comparison = JSON.parse(run.stdout) as { team: string; from: string; to: string; domains: unknown[]; gained: unknown[] };
    expect(comparison).toMatchObject({ team: 'checkout', from: dates[0], to: dates.at(-1) });
    expect(comparison.domains).toHaveLength(10);
    expect(comparison.gained.length).toBeGreaterThan(0);
  });

  it('needs --team to read dates', async () => {
    const run = await stepwise(['compare', '2026-01-01', '2026-02-01'], { cwd: demo, today: TODAY });
    expect(run).toMatchObject({ code: 2 });
    expect(run.stderr).toMatch(/add --team/);
  });

  it('lists teams due, overdue first, and fails the gate on request', async () => {
    const run = await stepwise(['due', '--json'], { cwd: demo, today: TODAY });
    const due = JSON.parse(run.stdout) as { teams: { team: string; status: string }[] };
    expect(due.teams[0]?.status).toBe('overdue');
    expect((await stepwise(['due', '--fail-on-overdue'], { cwd: demo, today: TODAY })).code).toBe(1);
    expect((await stepwise(['due', '--fail-on-overdue'], { cwd: demo, today: '2026-11-01' })).code).toBe(1);
  });
});

describe('stepwise init, assess and the file rules', () => {
  function newWorkspace(): string {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'stepwise.yaml'),
      'organisation: Acme\nmodel: builtin\ndefaultTargets: 1\nteams:\n  - {id: payments, name: Payments, group: Retail}\n',
    );
    return dir;
  }

  it('init writes an empty workspace and refuses to overwrite it (S6)', async () => {
    const dir = tempDir();
    expect((await stepwise(['init', '--organisation', 'Acme'], { cwd: dir })).code).toBe(0);
    const before = readFileSync(join(dir, 'stepwise.yaml'), 'utf8');
    expect(before).toContain('organisation: "Acme"');
    expect(existsSync(join(dir, '.stepwise/schemas/checkpoint.schema.json'))).toBe(true);
    const again = await stepwise(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(readFileSync(join(dir, 'stepwise.yaml'), 'utf8')).toBe(before);
    expect((await stepwise(['score', '--json'], { cwd: dir })).code).toBe(0);
  });

  it('assess --answers writes a checkpoint that scores as answered', async () => {
    const dir = newWorkspace();
    writeFileSync(join(dir, 'answers.yaml'), 'answers:\n  secrets.no-hardcoded: implemented\n  secrets.no-secret-files: implemented\n  secrets.scanner-configured: implemented\n  secrets.manual-rotation: {status: partial, evidence: [{type: note, text: "two of four rotated"}]}\ndomainScores: {iac: 2}\n');
    const run = await stepwise(['assess', '--team', 'payments', '--answers', 'answers.yaml', '--date', '2026-11-20'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = parse(readFileSync(join(dir, 'assessments/payments/2026-11-20.yaml'), 'utf8')) as { model: string; answers: Record<string, { status: string; evidence?: { date: string }[] }> };
    expect(written.model).toBe('stepwise@1');
    expect(written.answers['secrets.manual-rotation']).toEqual({ status: 'partial', evidence: [{ type: 'note', text: 'two of four rotated', date: '2026-11-20' }] });
    const score = JSON.parse((await stepwise(['score', '--json'], { cwd: dir, today: '2026-11-27' })).stdout) as ScoreDocument;
    const domains = score.teams[0]?.domains ?? [];
    expect(domains.find((entry) => entry['domain'] === 'secrets')).toMatchObject({ level: 0, progress: 0.875, target: 1, gap: 1 });
    expect(domains.find((entry) => entry['domain'] === 'iac')).toMatchObject({ level: 2, basis: 'self-rated' });
  });

  it('S6 importing the same answers file twice does not duplicate evidence', async () => {
    const dir = newWorkspace();
    writeFileSync(join(dir, 'answers.yaml'), 'answers:\n  secrets.no-hardcoded: {status: implemented, evidence: [{type: link, url: "https://wiki.example/a"}]}\n');
    for (let round = 0; round < 2; round += 1) await stepwise(['assess', '--team', 'payments', '--answers', 'answers.yaml', '--date', '2026-11-20'], { cwd: dir });
    const written = parse(readFileSync(join(dir, 'assessments/payments/2026-11-20.yaml'), 'utf8')) as { answers: Record<string, { evidence: unknown[] }> };
    expect(written.answers['secrets.no-hardcoded']?.evidence).toEqual([{ type: 'link', url: 'https://wiki.example/a', date: '2026-11-20' }]);
  });

  it('S1 S6 refuses a hostile answers file and writes nothing', async () => {
    const dir = newWorkspace();
    const hostile = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(9).fill(`*${String.fromCharCode(97 + index)}`).join(', ')}]`)].join('\n');
    for (const text of [hostile, 'answers: {__proto__: {status: implemented}}\n', 'answers: !!js/function "x"\n', `answers: ${'['.repeat(5000)}\n`]) {
      writeFileSync(join(dir, 'answers.yaml'), text);
      const run = await stepwise(['assess', '--team', 'payments', '--answers', 'answers.yaml'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^stepwise: answers\.yaml:\d+:\d+: .+\n$/);
      expect(existsSync(join(dir, 'assessments'))).toBe(false);
    }
  });

  it('assess --rater records independent ratings whose median is the consensus', async () => {
    const dir = newWorkspace();
    writeFileSync(join(dir, 'alice.yaml'), 'answers: {secrets.no-hardcoded: implemented}\n');
    writeFileSync(join(dir, 'bob.yaml'), 'answers: {secrets.no-hardcoded: not-implemented}\n');
    await stepwise(['assess', '--team', 'payments', '--answers', 'alice.yaml', '--rater', 'alice', '--date', '2026-11-20'], { cwd: dir });
    await stepwise(['assess', '--team', 'payments', '--answers', 'bob.yaml', '--rater', 'bob', '--date', '2026-11-20'], { cwd: dir });
    const written = parse(readFileSync(join(dir, 'assessments/payments/2026-11-20.yaml'), 'utf8')) as { raters: string[]; answers: Record<string, unknown> };
    expect(written.raters).toEqual(['alice', 'bob']);
    expect(written.answers['secrets.no-hardcoded']).toEqual({ ratings: { alice: 'implemented', bob: 'not-implemented' } });
    const score = JSON.parse((await stepwise(['score', '--json'], { cwd: dir })).stdout) as ScoreDocument;
    expect(score.teams[0]?.domains[0]).toMatchObject({ domain: 'secrets', disagreements: 1, level: 0 });
  });

  it('runs the questionnaire through a questioner', async () => {
    const dir = newWorkspace();
    const asked: string[] = [];
    const questioner = {
      startDomain: () => undefined,
      status: (question: { practice: { id: string; domain: string } }) => {
        asked.push(question.practice.id);
        return Promise.resolve(question.practice.domain === 'iac' ? ('not-applicable' as const) : question.practice.domain === 'secrets' ? ('implemented' as const) : ('unknown' as const));
      },
      justification: () => Promise.resolve('No infrastructure code'),
      note: () => Promise.resolve(''),
      link: (question: { practice: { id: string } }) => Promise.resolve(question.practice.id === 'secrets.no-hardcoded' ? 'https://wiki.example/secrets' : ''),
      domainScore: () => Promise.resolve(null),
    };
    const run = await stepwise(['assess', '--team', 'payments', '--date', '2026-11-20'], { cwd: dir, questioner });
    expect(run.code).toBe(0);
    expect(asked.length).toBe(128);
    const score = JSON.parse((await stepwise(['score', '--json'], { cwd: dir, today: '2026-11-21' })).stdout) as ScoreDocument;
    const domains = new Map(score.teams[0]?.domains.map((entry) => [entry['domain'], entry]));
    expect(domains.get('secrets')).toMatchObject({ level: 3, unknown: 0 });
    expect(domains.get('iac')).toMatchObject({ level: null, applicable: false });
    expect(domains.get('supply-chain')).toMatchObject({ level: 0, basis: 'unassessed' });
  });

  it('stops the questionnaire on request and keeps the answers given so far', async () => {
    const dir = newWorkspace();
    let asked = 0;
    const questioner = {
      startDomain: () => undefined,
      status: () => Promise.resolve(++asked <= 2 ? ('implemented' as const) : ('stop' as const)),
      justification: () => Promise.resolve(''),
      note: () => Promise.resolve(''),
      link: () => Promise.resolve(''),
      domainScore: () => Promise.resolve(null),
    };
    expect((await stepwise(['assess', '--team', 'payments', '--date', '2026-11-20'], { cwd: dir, questioner })).code).toBe(0);
    expect(asked).toBe(3);
    const written = parse(readFileSync(join(dir, 'assessments/payments/2026-11-20.yaml'), 'utf8')) as { answers: Record<string, unknown> };
    expect(Object.keys(written.answers)).toHaveLength(2);
  });

  it('needs a terminal for the questionnaire', async () => {
    const run = await stepwise(['assess', '--team', 'payments'], { cwd: newWorkspace() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs a terminal/);
  });

  it('S6 S7 refuses an invalid answer with file, line and column and writes nothing', async () => {
    const dir = newWorkspace();
    writeFileSync(join(dir, 'answers.yaml'), 'answers:\n  secrets.no-hardcoded: implemented\n  iac.versioned: {status: not-applicable}\n');
    const run = await stepwise(['assess', '--team', 'payments', '--answers', 'answers.yaml', '--date', '2026-11-20'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^stepwise: .*not-applicable needs a justification\n$/);
    expect(existsSync(join(dir, 'assessments'))).toBe(false);
  });

  it('S7 names file, line and column of a bad checkpoint in one line, without a stack trace', async () => {
    const dir = newWorkspace();
    const folder = join(dir, 'assessments', 'payments');
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(join(folder, '2026-11-20.yaml'), 'team: payments\ndate: 2026-11-20\nmodel: stepwise@1\nanswers:\n  secrets.no-hardcoded:\n    status: done\n');
    const run = await stepwise(['score'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('stepwise: assessments/payments/2026-11-20.yaml:6:13: answers.secrets.no-hardcoded.status: Invalid option: expected one of "implemented"|"partial"|"not-implemented"|"not-applicable"|"unknown"\n');
  });

  it('S7 refuses a practice the model does not have, pointing at it', async () => {
    const dir = newWorkspace();
    const folder = join(dir, 'assessments', 'payments');
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(join(folder, '2026-11-20.yaml'), 'team: payments\ndate: 2026-11-20\nmodel: stepwise@1\nanswers:\n  secrets.no-such-thing: {status: implemented}\n');
    const run = await stepwise(['backlog'], { cwd: dir });
    expect(run.stderr).toBe('stepwise: assessments/payments/2026-11-20.yaml:5:26: "secrets.no-such-thing" is not a practice of model stepwise\n');
  });

  it('S1 refuses a hostile stepwise.yaml twice in one process and stays alive', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stepwise.yaml'), `organisation: x\nteams: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const run = await stepwise(['score'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/stepwise\.yaml:2:\d+: nesting deeper than 64 levels/);
    }
  });
});

describe('stepwise model', () => {
  it('shows the built-in model outside a workspace', async () => {
    const run = await stepwise(['model', 'show'], { cwd: tempDir() });
    expect(run.stdout).toContain('Stepwise DevSecOps maturity model (stepwise@1)');
    expect(run.stdout).toMatch(/^secrets\tSecrets management\t\d+\t\d+\t\d+$/m);
  });

  it('prints JSON Schemas generated from the validating schemas', async () => {
    const all = JSON.parse((await stepwise(['model', 'schema'], { cwd: tempDir() })).stdout) as Record<string, { title: string; properties: Record<string, unknown> }>;
    expect(Object.keys(all)).toEqual(['model', 'organisation', 'checkpoint']);
    expect(Object.keys(all['checkpoint']?.properties ?? {})).toEqual(['team', 'date', 'model', 'raters', 'answers', 'domainScores']);
    expect((await stepwise(['model', 'schema', 'nope'], { cwd: tempDir() })).code).toBe(2);
  });

  it('validates a model file and points at its first error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.yaml'), 'id: mini\nversion: 1\nname: Mini\nlevels: [{level: 1, name: One}]\ndomains: [{id: d, name: D}]\npractices:\n  - {id: d.a, domain: d, level: 1, title: A, dependsOn: [d.ghost]}\n');
    const good = await stepwise(['model', 'validate', 'good.yaml'], { cwd: dir });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('good.yaml:7:');
    expect(good.stdout).toContain('depends on unknown practice "d.ghost"');
    expect(good.stdout).toContain('valid: Mini (mini@1): 1 domains, 1 practices, levels 0–1; 1 warning');
    writeFileSync(join(dir, 'bad.yaml'), 'id: mini\nversion: 1\nname: Mini\nlevels: [{level: 1, name: One}]\ndomains: [{id: d, name: D}]\npractices:\n  - {id: d.a, domain: d, level: 4, title: A}\n');
    const bad = await stepwise(['model', 'validate', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('stepwise: bad.yaml:7:33: practice "d.a" has level 4, which the model does not define\n');
  });
});

describe('the stepwise binary', () => {
  const bin = new URL('../bin/stepwise.js', import.meta.url).pathname;

  it('prints help with exit code 0 and fails unknown commands with exit code 2', () => {
    const help = spawnSync('node', [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('backlog');
    const unknown = spawnSync('node', [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('runs a workspace command from a sub-folder of the workspace', () => {
    const run = spawnSync('node', [bin, 'due', '--json'], { cwd: join(demo, 'assessments'), encoding: 'utf8', env: { ...process.env, STEPWISE_TODAY: TODAY } });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { today: string }).today).toBe(TODAY);
  });
});
