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

describe('the fast path with keys whose numbers must stay as written', () => {
  it('is used when those keys hold text, and gives the same value', () => {
    const text = 'iso27001: ["8.10", "5.1"]\nversion: "1"\n';
    const parsed = parseYaml(text, 'm.yaml', { keepNumbersAsTextUnder: ['iso27001', 'version'] });
    expect(parsed.ok && parsed.value.value).toEqual({ iso27001: ['8.10', '5.1'], version: '1' });
  });

  it('leaves numbers under those keys to the careful parser, which keeps their text', () => {
    const parsed = parseYaml('controls:\n  iso27001: [8.10, 5.1]\nversion: 3\n', 'm.yaml', { keepNumbersAsTextUnder: ['iso27001', 'version'] });
    expect(parsed.ok && parsed.value.value).toEqual({ controls: { iso27001: ['8.10', '5.1'] }, version: '3' });
  });
});

describe('what sends text to the careful parser', () => {
  it.each([
    ['an anchor after a dash', '- &a x\n- *a\n'],
    ['a tag at a line start', '!!str x\n'],
    ['a prototype key in a flow map', 'a: {__proto__: 1}\n'],
    ['a quoted prototype key', '"constructor": 1\n'],
    ['an explicit prototype key', '? prototype\n: 1\n'],
  ])('%s', (_name, text) => {
    expect(fastParse(text, 1000)).toBeNull();
  });

  it.each([
    ['a glob in prose', 'guidance: Scan *.tf and *.tfvars files\n'],
    ['an exclamation in prose', 'note: Great work!\n'],
    ['prototype pollution named in prose', 'risk: Guards against prototype pollution in constructor calls\n'],
  ])('not %s', (_name, text) => {
    expect(fastParse(text, 1000)).not.toBeNull();
  });
});

describe('aliases the quick check lets through', () => {
  /** Anchors and aliases only after commas in flow sequences, where the quick check does not look. */
  function nestedAliases(levels: number): string {
    const lines = ['l0: [x, &a0 [x, x, x, x, x, x, x, x, x]]'];
    for (let level = 1; level < levels; level += 1) lines.push(`l${level}: [x, &a${level} [x, ${Array(9).fill(`*a${level - 1}`).join(', ')}]]`);
    return lines.join('\n');
  }

  it('reads a small document of them quickly', () => {
    expect(fastParse(nestedAliases(2), 10_000)).not.toBeNull();
  });

  it('still gives up at the node limit when they expand to a bomb', () => {
    expect(fastParse(nestedAliases(9), 10_000)).toBeNull();
    expect(parseYaml(nestedAliases(9), 'bomb.yaml').ok).toBe(false);
  });
});
