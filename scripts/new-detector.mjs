#!/usr/bin/env node
// Scaffolds a detector folder (index.ts, index.test.ts, readme.md) and adds it to the registry in id order.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const id = process.argv[2] ?? '';
if (!/^[a-z]+(?:-[a-z0-9]+)+$/.test(id)) {
  process.stderr.write('usage: npm run new:detector <id>   (kebab-case yes/no question, e.g. runs-sast-in-ci)\n');
  process.exit(2);
}
const folder = join('src', 'scanner', 'detectors', id);
if (existsSync(folder)) {
  process.stderr.write(`${folder} already exists\n`);
  process.exit(2);
}
const camel = id.replace(/-([a-z0-9])/g, (_match, letter) => letter.toUpperCase());
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'index.ts'), `import type { Detector, DetectorFinding } from '../../contract.js';

export const detector: Detector = {
  id: '${id}',
  title: 'TODO: what the detector finds, as a statement',
  domain: 'TODO-domain',
  kind: 'positive',
  evidenceFor: [],
  version: 1,
  lifecycle: 'experimental',
  matches: (path) => path === 'TODO',
  analyze({ files }) {
    const findings: DetectorFinding[] = [];
    for (const file of files) findings.push({ outcome: 'positive', file: file.path, line: 1, confidence: 'medium', message: \`TODO: found in \${file.path}\` });
    return findings;
  },
};
`);
writeFileSync(join(folder, 'index.test.ts'), `import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('${id}', () => {
  it('finds the evidence (positive)', () => {
    expect(runDetector(detector, { files: [file('TODO', 'TODO')] })).toEqual([expect.objectContaining({ outcome: 'positive', file: 'TODO' })]);
  });

  it('finds nothing in a near miss (negative)', () => {
    expect(runDetector(detector, { files: [file('TODO.md', 'TODO')] })).toEqual([]);
  });

  it.todo('is inconclusive when …');
});
`);
writeFileSync(join(folder, 'readme.md'), `# ${id}\n\n**Question:** TODO\n\n**Evidence:** TODO\n\n**Inconclusive:** TODO\n\n**How to fix:** TODO\n`);
const registryPath = join('src', 'scanner', 'detectors', 'registry.ts');
const registry = readFileSync(registryPath, 'utf8');
const imports = [...registry.matchAll(/^import \{ detector as (\w+) \} from '\.\/([a-z0-9-]+)\/index\.js';$/gm)].map((match) => ({ name: match[1], id: match[2] }));
imports.push({ name: camel, id });
imports.sort((a, b) => (a.id < b.id ? -1 : 1));
const header = "import type { Detector } from '../contract.js';\n";
const body = imports.map((entry) => `import { detector as ${entry.name} } from './${entry.id}/index.js';`).join('\n');
const list = `\n\n/** Every detector, sorted by id. A meta-test checks this list against the folders beside it. */\nexport const DETECTORS: readonly Detector[] = [\n${imports.map((entry) => `  ${entry.name},`).join('\n')}\n];\n`;
writeFileSync(registryPath, header + body + list);
process.stdout.write(`created ${folder}/ (index.ts, index.test.ts, readme.md) and registered it; now fill in the TODOs\n`);
