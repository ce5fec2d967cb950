import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { createFsStore } from '../../src/adapters/workspace-files/fs-store.js';
import { loadModelFromText } from '../../src/core/model/load.js';
import type { Model } from '../../src/core/model/model.js';
import { generateDemoWorkspace } from '../../src/services/demo.js';
import { loadWorkspace } from '../../src/services/workspace.js';
import type { Workspace } from '../../src/services/workspace.js';
import { builtinModelSource } from '../../src/main/cli.js';
import { tempDir } from './cli.js';
import { readFileSync } from 'node:fs';

/** The built-in model, loaded from the package's model/builtin.yaml. */
export function builtinModel(): Model {
  const file = new URL('../../model/builtin.yaml', import.meta.url);
  const loaded = loadModelFromText(readFileSync(file, 'utf8'), 'model/builtin.yaml');
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value.model;
}

/** Writes files under a new temporary folder and returns it. */
export function writeTree(files: readonly { path: string; text: string }[], prefix = 'stepwise-ws-'): string {
  const root = tempDir(prefix);
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
  return root;
}

/** Loads the workspace in a folder with the real file adapter, failing the test on error. */
export async function loadTestWorkspace(root: string): Promise<Workspace> {
  const loaded = await loadWorkspace(createFsStore(root, { displayBase: root }), builtinModelSource());
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

/** The demo organisation written to a temporary folder and loaded. */
export async function demoWorkspace(today: string): Promise<{ root: string; workspace: Workspace }> {
  const demo = generateDemoWorkspace(builtinModel(), today);
  const root = writeTree(demo.files, 'stepwise-demo-');
  return { root, workspace: await loadTestWorkspace(root) };
}

/** Strings that would run, link, mention or compute if an output format let them through. */
export const HOSTILE = {
  script: '<script>alert("team")</script>',
  image: '"><img src=x onerror=alert(1)>',
  formula: '=HYPERLINK("http://evil.example","x")',
  mention: '@everyone see #12',
  link: '[click](javascript:alert(1))',
  svg: '<svg onload=alert(2)>',
} as const;

/** A workspace whose every name, group, note and rater is hostile text. */
export async function hostileWorkspace(): Promise<{ root: string; workspace: Workspace }> {
  const teams = [
    { id: 'alpha', name: HOSTILE.script, group: HOSTILE.image },
    { id: 'beta', name: HOSTILE.formula, group: HOSTILE.svg },
    { id: 'gamma', name: HOSTILE.link, group: HOSTILE.mention },
  ];
  const organisation = { organisation: `${HOSTILE.svg} Corp`, defaultTargets: 2, teams };
  const checkpoint = (team: string, date: string) => ({
    team,
    date,
    model: 'stepwise@1',
    raters: ['<img src=y onerror=alert(3)>', 'bob'],
    answers: {
      'secrets.no-hardcoded': {
        status: 'implemented',
        evidence: [{ type: 'note', text: `${HOSTILE.script} ${HOSTILE.formula}`, date }],
      },
      'secrets.central-vault': { ratings: { '<img src=y onerror=alert(3)>': 'implemented', bob: 'not-implemented' } },
      'iac.scan-in-ci': { status: 'not-applicable', justification: HOSTILE.image },
    },
  });
  const files = [
    { path: 'stepwise.yaml', text: stringify(organisation) },
    ...teams.flatMap((team) => [
      { path: `assessments/${team.id}/2026-05-01.yaml`, text: stringify(checkpoint(team.id, '2026-05-01')) },
      { path: `assessments/${team.id}/2026-10-01.yaml`, text: stringify(checkpoint(team.id, '2026-10-01')) },
    ]),
  ];
  const root = writeTree(files, 'stepwise-hostile-');
  return { root, workspace: await loadTestWorkspace(root) };
}

/** A workspace of `count` teams (every seventh with a hostile name), each with two checkpoints copied from the demo. */
export async function largeWorkspace(count: number, today: string): Promise<{ root: string; workspace: Workspace }> {
  const demo = generateDemoWorkspace(builtinModel(), today);
  const source = demo.files.filter((file) => file.path.startsWith('assessments/payments/')).slice(-2);
  const teams = Array.from({ length: count }, (_, index) => ({
    id: `t${String(index).padStart(3, '0')}`,
    name: index % 7 === 0 ? `${HOSTILE.script} ${index}` : `Team ${index}`,
    group: `Group ${index % 5}`,
  }));
  const files = [
    { path: 'stepwise.yaml', text: stringify({ organisation: 'Large Org', defaultTargets: 2, teams }) },
    ...teams.flatMap((team) => source.map((file) => ({ path: file.path.replace('/payments/', `/${team.id}/`), text: file.text.replace('team: payments', `team: ${team.id}`) }))),
  ];
  const root = writeTree(files, 'stepwise-large-');
  return { root, workspace: await loadTestWorkspace(root) };
}
