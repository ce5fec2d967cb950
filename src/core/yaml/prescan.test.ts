import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Parser, stringify } from 'yaml';
import type { CST } from 'yaml';
import { findExcessiveNesting } from './prescan.js';

/** The smallest limit the text passes: the nesting the pre-scan measured. */
function scannedDepth(text: string): number {
  let depth = 0;
  while (findExcessiveNesting(text, depth) !== null) depth += 1;
  return depth;
}

/** The nesting of the `yaml` parser's syntax tree, walked without recursion: the truth the scan estimates. */
function parserDepth(text: string): number {
  let deepest = 0;
  for (const root of new Parser().parse(text)) {
    const pending: { token: CST.Token; depth: number }[] = [{ token: root, depth: 0 }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const { token } = next;
      const depth = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection' ? next.depth + 1 : next.depth;
      deepest = Math.max(deepest, depth);
      if (token.type === 'document' && token.value !== undefined) pending.push({ token: token.value, depth });
      if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
        for (const item of token.items as CST.CollectionItem[]) {
          if (item.key) pending.push({ token: item.key, depth });
          if (item.value) pending.push({ token: item.value, depth });
        }
      }
    }
  }
  return deepest;
}

function nestedMaps(levels: number): string {
  return Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}level${level}:${level === levels - 1 ? ' leaf' : ''}`).join('\n');
}

const LONG_BRACKETS = '['.repeat(70);

const REAL_WORLD: readonly { name: string; text: string; depth: number }[] = [
  { name: 'nested maps 10 deep', text: nestedMaps(10), depth: 10 },
  {
    name: 'block scalars whose lines start with [ and { at any indentation',
    text: [
      'steps:',
      '  - name: build',
      '    run: |',
      '      [ -f build.sh ] && ./build.sh',
      '      {',
      `        ${LONG_BRACKETS}`,
      '      }',
      `                  ${LONG_BRACKETS}`,
      '    folded: >-',
      `      [not, a, flow] ${LONG_BRACKETS}`,
      '       {neither: this}',
      '',
      `      ${LONG_BRACKETS}`,
      '  - name: test',
    ].join('\n'),
    depth: 3,
  },
  { name: 'a block scalar with an indentation indicator', text: `text: |2\n    ${LONG_BRACKETS}\n  {x\nnext: 1\n`, depth: 1 },
  { name: 'a top-level block scalar whose text starts at column 0', text: `--- |\n${LONG_BRACKETS}\n{{{{\n`, depth: 0 },
  {
    name: 'quoted strings holding brackets, escaped quotes and doubled apostrophes',
    text: [
      `title: "[draft] {wip} \\"quoted\\" ${LONG_BRACKETS}"`,
      `alt: '[single] ''quoted'' ${LONG_BRACKETS}'`,
      `list: ["[a]", '{b}', "c\\"]${LONG_BRACKETS}", 'd''[${LONG_BRACKETS}']`,
      `"quoted [key]": '{value}'`,
    ].join('\n'),
    depth: 2,
  },
  {
    name: 'comments holding brackets',
    text: `# ${LONG_BRACKETS}\nkey: value # ${LONG_BRACKETS}\nlist: [a, b] # ]]]] ${LONG_BRACKETS}\n  # ${LONG_BRACKETS}\n`,
    depth: 2,
  },
  {
    name: 'flow maps inside sequences',
    text: 'teams:\n  - {name: a, tags: [x, y]}\n  - {name: b, meta: {owner: {id: 1}}}\n  - [{a: 1}, {b: [2]}]\n',
    depth: 5,
  },
  { name: 'compact nested sequences - - - x', text: '- - - x\n  - y\n- z\n', depth: 3 },
  {
    name: 'a multi-line double-quoted string',
    text: `description: "first line [\n  second line {{{{ ]]]\n  ${LONG_BRACKETS}\n  \\"escaped\\" end"\nnext: [1, 2]\n`,
    depth: 2,
  },
  {
    name: 'a multi-line plain scalar holding brackets and quotes',
    text: `summary: this text goes on\n  [and on] with {braces} and "quotes\n  and 'apostrophes ${LONG_BRACKETS}\nother: ok\n`,
    depth: 1,
  },
  { name: 'colons inside plain scalars', text: 'url: http://example.com:8080/a?b=[c]\ntime: 12:30:00\nratio: a:b\n', depth: 1 },
  {
    name: 'anchors, aliases and tags before collections',
    text: 'base: &base {a: [1, 2]}\ncopy: *base\ntyped: !!map {b: !!seq [x]}\nlist: &items\n  - one\n',
    depth: 3,
  },
  { name: 'a sequence at the indentation of its key', text: 'key:\n- a\n- b:\n  - c\nother: 1\n', depth: 4 },
  { name: 'explicit keys', text: '? complex key\n: value\n? [a, b]\n: [c]\n', depth: 2 },
  { name: 'several documents', text: 'a: 1\n---\n- [x]\n...\n---\nb: {c: d}\n', depth: 2 },
  { name: 'CRLF line endings', text: 'a:\r\n  b: [1, 2]\r\n  c: "x\r\n    y"\r\n', depth: 3 },
  { name: 'empty text', text: '', depth: 0 },
  { name: 'only comments', text: '# nothing\n   # [[[[\n', depth: 0 },
  { name: 'exactly 64 nested brackets', text: `${'['.repeat(64)}${']'.repeat(64)}`, depth: 64 },
  { name: 'exactly 64 levels of block maps', text: nestedMaps(64), depth: 64 },
];

describe('findExcessiveNesting on real-world YAML', () => {
  for (const { name, text, depth } of REAL_WORLD) {
    it(`S1 passes ${name} (depth ${depth}, as the parser builds it)`, () => {
      expect(findExcessiveNesting(text, 64)).toBeNull();
      expect(scannedDepth(text)).toBe(depth);
      expect(parserDepth(text)).toBe(depth);
    });
  }

  it('S1 measures exactly what the parser builds for generated well-formed YAML', () => {
    const text = fc.constantFrom('a', 'x y', '"q"', "it's", '[b]', '{c}', '# h', '- d', '? e', ': f', 'g:', 'h #', '|', '>', '&a', '*b', '!t', 'multi\nline', ' lead', '---');
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('list'), tie('map')),
      leaf: fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.string()),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      map: fc.dictionary(text, tie('tree'), { maxKeys: 4 }),
    }));
    const style = fc.record({
      indent: fc.integer({ min: 1, max: 4 }),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    });
    fc.assert(
      fc.property(tree, style, (value, options) => {
        const yaml = stringify(value, options);
        expect(scannedDepth(yaml)).toBe(parserDepth(yaml));
      }),
      { numRuns: 500 },
    );
  });
});

function nestedMapsWithSequences(lines: number): string {
  return ['a:', ...Array.from({ length: lines }, (_, index) => `${'  '.repeat(index)}- a:`)].join('\n');
}

const HOSTILE: readonly { name: string; text: string; refused: { depth: number; line: number; column: number } }[] = [
  { name: '65 nested flow brackets', text: `${'['.repeat(65)}${']'.repeat(65)}`, refused: { depth: 65, line: 1, column: 65 } },
  { name: '10,000 nested flow brackets', text: '['.repeat(10_000), refused: { depth: 65, line: 1, column: 65 } },
  { name: '65 nested flow maps', text: `${'{a: '.repeat(65)}x${'}'.repeat(65)}`, refused: { depth: 65, line: 1, column: 1 + 64 * 4 } },
  { name: '65 levels of block maps', text: nestedMaps(65), refused: { depth: 65, line: 65, column: 129 } },
  { name: '65 dashes on one line', text: `${'- '.repeat(65)}x`, refused: { depth: 65, line: 1, column: 129 } },
  { name: '65 explicit keys on one line', text: `${'? '.repeat(65)}x`, refused: { depth: 65, line: 1, column: 129 } },
  { name: '65 dashes separated by tabs', text: `${'-\t'.repeat(65)}x`, refused: { depth: 65, line: 1, column: 129 } },
  {
    name: 'block maps and sequences, then brackets',
    text: `root:\n  - items:\n      - ${'['.repeat(61)}`,
    refused: { depth: 65, line: 3, column: 9 + 60 },
  },
  { name: 'maps nested through sequences at their keys\u2019 indentation', text: nestedMapsWithSequences(40), refused: { depth: 65, line: 33, column: 65 } },
  { name: 'brackets after a tag', text: `k: !!seq ${'['.repeat(64)}`, refused: { depth: 65, line: 1, column: 10 + 63 } },
  { name: 'brackets after an anchor', text: `k: &a ${'['.repeat(64)}`, refused: { depth: 65, line: 1, column: 7 + 63 } },
  { name: 'brackets after a quoted string that an unindented line ends', text: `key: "abc\n${'['.repeat(65)}\nz: "`, refused: { depth: 65, line: 2, column: 64 } },
  { name: 'brackets after a plain scalar that looks like an opening quote', text: `a: foo - "x\nb: ${'['.repeat(64)}\nc: "`, refused: { depth: 65, line: 2, column: 4 + 63 } },
  { name: 'brackets after a | in a comment', text: `a: b # |\n ${'['.repeat(65)}`, refused: { depth: 65, line: 2, column: 2 + 63 } },
  { name: 'brackets below a block scalar, indented less than its text', text: `- key: |\n    text\n  ${'['.repeat(65)}`, refused: { depth: 65, line: 3, column: 3 + 62 } },
  { name: 'flow pairs chained with colons', text: `[${'a: '.repeat(70)}x]`, refused: { depth: 65, line: 1, column: 2 + 64 * 3 + 1 } },
];

describe('findExcessiveNesting on hostile text', () => {
  for (const { name, text, refused } of HOSTILE) {
    it(`S1 refuses ${name} where it first gets too deep`, () => {
      expect(findExcessiveNesting(text, 64)).toEqual(refused);
    });
  }

  it('S1 refuses nesting that the parser builds deeper than the limit', () => {
    for (const { text } of HOSTILE) expect(parserDepth(text)).toBeGreaterThan(64);
  });
});
