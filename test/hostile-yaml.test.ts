import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Parser } from 'yaml';
import type { CST } from 'yaml';
import { formatDomainError } from '../src/core/errors.js';
import type { DomainError, DomainErrorCode } from '../src/core/errors.js';
import { DEFAULT_YAML_LIMITS } from '../src/core/yaml/limits.js';
import type { YamlLimits } from '../src/core/yaml/limits.js';
import { parseYaml } from '../src/core/yaml/safe-yaml.js';

// SECURITY.md S1: every hostile input is generated here, at test time; nothing is committed.

const FILE = 'hostile.yaml';

interface Refusal {
  readonly code: DomainErrorCode;
  readonly message: string;
  /** Where the refusal points, when the problem has a place in the file. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * Parses hostile text and checks it is refused with one clear line. The time bound is generous
 * on purpose: it only proves that the refusal comes before the expensive work, not after it.
 */
function expectRefused(text: string, expected: Refusal, limits: YamlLimits = DEFAULT_YAML_LIMITS): DomainError {
  const started = performance.now();
  const result = parseYaml(text, FILE, { limits });
  const elapsed = performance.now() - started;
  if (result.ok) throw new Error('expected the hostile input to be refused');
  const { error } = result;
  const at = expected.line === undefined ? { file: FILE } : { file: FILE, line: expected.line, column: expected.column };
  expect(error).toEqual({ code: expected.code, message: expected.message, at });
  expect(formatDomainError(error)).not.toMatch(/\n/);
  expect(elapsed).toBeLessThan(1000);
  return error;
}

function billionLaughs(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array.from({ length: width }, () => 'lol').join(', ')}]`];
  for (let level = 1; level < levels; level += 1) {
    lines.push(`l${level}: &l${level} [${Array.from({ length: width }, () => `*l${level - 1}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Maps nested by indentation, one space a level, with a dedent at the end that closes them all at once. */
function indentedMaps(levels: number): string {
  return `${Array.from({ length: levels }, (_, level) => `${' '.repeat(level)}a:`).join('\n')}\nz: 1\n`;
}

const NESTING = (line: number, column: number): Refusal => ({ code: 'invalid-input', message: 'nesting deeper than 64 levels', line, column });

describe('hostile YAML (S1)', () => {
  it('S1 refuses an alias bomb of 9 levels of 9 aliases by its expanded size', () => {
    // 9 × 8 = 72 aliases, under the alias limit: the refusal comes from counting what they expand to.
    expectRefused(billionLaughs(10, 9), { code: 'too-large', message: 'aliases expand to more than 1,000,000 YAML nodes', line: 7, column: 10 });
  });

  it('S1 refuses an alias bomb with more than 100 aliases by counting them', () => {
    // Lines 2 to 12 hold 99 aliases; the 101st is the second one on line 13.
    expectRefused(billionLaughs(13, 9), { code: 'invalid-input', message: 'more than 100 aliases', line: 13, column: 18 });
  });

  it('S1 refuses 10,000 nested [ twice in the same process, and keeps parsing afterwards', () => {
    // yaml 2.9 on Node 20 throws on the first deep parse and aborts the process on the second
    // unless the text is refused before the parser recurses: reaching the last line proves it was.
    expectRefused('['.repeat(10_000), NESTING(1, 65));
    expectRefused('['.repeat(10_000), NESTING(1, 65));
    expectRefused(`${'['.repeat(10_000)}${']'.repeat(10_000)}`, NESTING(1, 65));
    expect(parseYaml('still: [alive]', FILE)).toMatchObject({ ok: true, value: { value: { still: ['alive'] } } });
  });

  for (const { name, text, refused } of [
    { name: '10,000-deep block sequences (- - - …)', text: `${'- '.repeat(10_000)}x\n`, refused: NESTING(1, 129) },
    { name: '10,000-deep explicit keys (? ? ? …)', text: `${'? '.repeat(10_000)}x\n`, refused: NESTING(1, 129) },
    { name: '10,000-deep sequences separated by tabs', text: `${'-\t'.repeat(10_000)}x\n`, refused: NESTING(1, 129) },
    { name: '3,000 maps nested by indentation (4.5 MB) closed by one dedent', text: indentedMaps(3000), refused: NESTING(65, 65) },
    { name: '10,000 flow pairs chained with colons, which nest block maps', text: `[${'a: '.repeat(10_000)}x]`, refused: NESTING(1, 195) },
  ]) {
    it(`S1 refuses ${name}, twice`, () => {
      expectRefused(text, refused);
      expectRefused(text, refused);
    });
  }

  for (const { name, text, refused } of [
    { name: 'a tag', text: `k: !!seq ${'['.repeat(10_000)}`, refused: NESTING(1, 73) },
    { name: 'an anchor', text: `k: &a ${'['.repeat(10_000)}`, refused: NESTING(1, 70) },
    { name: 'a quoted string that the next, unindented line ends', text: `key: "abc\n${'['.repeat(10_000)}\nz: "`, refused: NESTING(2, 64) },
    { name: 'a plain scalar holding " - "', text: `a: foo - "x\nb: ${'['.repeat(10_000)}\nc: "`, refused: NESTING(2, 67) },
    { name: 'a | inside a comment', text: `a: b # |\n ${'['.repeat(10_000)}`, refused: NESTING(2, 65) },
    { name: 'a block scalar, indented less than its text', text: `- key: |\n    text\n  ${'['.repeat(10_000)}`, refused: NESTING(3, 65) },
  ]) {
    it(`S1 refuses 10,000 nested [ after ${name}, twice`, () => {
      expectRefused(text, refused);
      expectRefused(text, refused);
    });
  }

  it('S1 refuses a 50 MB file by its size, before reading it', () => {
    expectRefused('key: value\n'.repeat(5_000_000), { code: 'too-large', message: 'file is larger than 5,000,000 characters' });
  });

  it('S1 refuses prototype keys, and Object.prototype stays clean', () => {
    expectRefused('__proto__:\n  polluted: true\n', { code: 'invalid-input', message: 'key "__proto__" is not allowed', line: 1, column: 1 });
    expectRefused('a: {constructor: {prototype: {polluted: true}}}\n', { code: 'invalid-input', message: 'key "constructor" is not allowed', line: 1, column: 5 });
    expectRefused('- {"__proto__": {"polluted": true}}\n', { code: 'invalid-input', message: 'key "__proto__" is not allowed', line: 1, column: 4 });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('S1 refuses custom tags', () => {
    expectRefused('cmd: !!python/object/apply:os.system ["rm -rf /"]\n', { code: 'invalid-input', message: 'tag !!python/object/apply:os.system is not allowed', line: 1, column: 38 });
    expectRefused('run: !js/function "function () { return 1 }"\n', { code: 'invalid-input', message: 'tag !js/function is not allowed', line: 1, column: 19 });
    expectRefused('when: !!timestamp 2001-12-14\n', { code: 'invalid-input', message: 'tag !!timestamp is not allowed', line: 1, column: 19 });
  });

  it('S1 refuses duplicate keys', () => {
    expectRefused('team: a\nlevel: 1\nteam: b\n', { code: 'invalid-input', message: 'duplicate key "team"', line: 3, column: 1 });
  });

  it('S1 refuses 2 MB of errors at the first one instead of recording a million of them', () => {
    // The library records every problem as an Error with a stack trace and goes on: 5 MB of `[]`
    // ran out of heap, and 2 MB took seconds and gigabytes.
    expectRefused('[]'.repeat(1_000_000), { code: 'invalid-input', message: 'Unexpected flow-seq-start at node end', line: 1, column: 3 });
    expectRefused(`"'"'\n`.repeat(400_000), { code: 'invalid-input', message: 'Unexpected single-quoted-scalar at node end', line: 1, column: 4 });
  });

  it('S1 accepts a single-line flow sequence of 200,000 items, within the limits', () => {
    const text = `[${Array.from({ length: 200_000 }, (_, index) => index).join(', ')}]`;
    const result = parseYaml(text, FILE);
    expect(result.ok && (result.value.value as number[]).length).toBe(200_000);
    expect(result.ok && (result.value.value as number[])[199_999]).toBe(199_999);
  });

  it('S1 accepts a flat map of 100,000 keys (duplicate keys are found in linear time)', () => {
    const text = Array.from({ length: 100_000 }, (_, index) => `key${index}: ${index}`).join('\n');
    const result = parseYaml(text, FILE);
    expect(result.ok && Object.keys(result.value.value as object)).toHaveLength(100_000);
  });
});

/** The nesting of the parser's syntax tree: what composing the document would recurse through. */
function parserDepth(text: string): number {
  let deepest = 0;
  for (const root of new Parser().parse(text)) {
    const pending: { token: CST.Token; depth: number }[] = [{ token: root, depth: 0 }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const { token } = next;
      const isCollection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
      const depth = isCollection ? next.depth + 1 : next.depth;
      deepest = Math.max(deepest, depth);
      if (token.type === 'document' && token.value !== undefined) pending.push({ token: token.value, depth });
      if (token.type === 'block-scalar') for (const prop of token.props) pending.push({ token: prop, depth });
      if (isCollection) {
        for (const item of token.items as CST.CollectionItem[]) {
          if (item.key) pending.push({ token: item.key, depth });
          if (item.value) pending.push({ token: item.value, depth });
        }
      }
    }
  }
  return deepest;
}

describe('the checks behind the pre-scan (S1)', () => {
  it('S1 never throws and never composes deeper than the limit, whatever the text', () => {
    // Malformed text can nest differently from what the pre-scan models; the parser's stack and
    // the syntax tree are checked before composing, so the limit holds anyway.
    const limits = { ...DEFAULT_YAML_LIMITS, maxDepth: 4 };
    const piece = fc.constantFrom('[', ']', '{', '}', '"', "'", '\\', ':', ': ', ' ', '  ', '- ', '? ', '-', '?', '#', ' #', '|', '>', '|2', '!t ', '&a ', '*a', '\n', '\n  ', '\n    ', 'a', 'b ', ',', '---\n', '...\n', '\t', 'k: ', '\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join('')), (text) => {
        const result = parseYaml(text, FILE, { limits });
        if (parserDepth(text) > limits.maxDepth) expect(result.ok).toBe(false);
        if (!result.ok) expect(formatDomainError(result.error)).not.toMatch(/\n/);
      }),
      { numRuns: 3000 },
    );
  });
});
