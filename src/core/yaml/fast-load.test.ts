import { describe, expect, it } from 'vitest';
import { fastParse } from './fast-load.js';
import { parseYaml, parseYamlDocuments } from './safe-yaml.js';

const ORDINARY = [
  'team: payments\ndate: 2026-11-20\nmodel: stepwise@1\nraters: [alice, bob]\nanswers:\n  secrets.a:\n    status: implemented\n    evidence:\n      - {type: note, text: "Checked: yes", date: 2026-10-02}\n',
  'a: 1\nb: 1.5\nc: -2\nd: 0x1F\ne: 0o17\nf: .inf\ng: ~\nh: null\ni: true\nj: False\nk: "8.10"\nl: 8.10\nm: 1e3\n',
  'text: |\n  line one\n  line two: with colon\nfolded: >\n  a\n  b\nkept: |+\n  x\n\nnext: 1\n',
  "quoted: 'it''s'\nescaped: \"tab\\tnew\\nline\"\nempty: ''\nlist:\n  - - nested\n    - again\n  - {a: [1, {b: c}]}\n",
  'date: 2026-11-20\ntime: 2026-11-20T10:00:00Z\nversion: 1.0\n',
  '',
  '# only a comment\n',
];

describe('the fast path', () => {
  it.each(ORDINARY)('reads %j exactly as the careful parser does', (text) => {
    const quick = parseYaml(text, 'f.yaml');
    const careful = parseYamlDocuments(text, 'f.yaml');
    expect(quick.ok && careful.ok).toBe(true);
    if (quick.ok && careful.ok) expect(quick.value.value).toEqual(careful.value[0]?.value ?? null);
  });

  it.each([
    ['an anchor', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a custom tag', 'a: !foo 1\n'],
    ['a prototype key', '__proto__: {a: 1}\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['broken YAML', 'a: [1, 2\n'],
  ])('leaves %s to the careful parser', (_name, text) => {
    expect(fastParse(text, 1000)).toBeNull();
  });

  it('leaves a document with more nodes than the limit to the careful parser', () => {
    expect(fastParse('[1, 2, 3]', 3)).toBeNull();
    expect(fastParse('[1, 2, 3]', 4)).toEqual({ value: [1, 2, 3] });
  });

  it('still points at the offending value when a schema rejects fast-parsed text', () => {
    const parsed = parseYaml('team: payments\nanswers:\n  x:\n    status: done\n', 'c.yaml');
    expect(parsed.ok && parsed.value.locate(['answers', 'x', 'status'])).toEqual({ file: 'c.yaml', line: 4, column: 13 });
  });
});
