import { describe, expect, it } from 'vitest';
import { lineOf, readLooseJson } from './config-values.js';

/** Milliseconds of the fastest of three runs: the first pays for the JIT, and other test files share the CPU. */
function fastestOfThree(run: () => unknown): number {
  const times = [0, 1, 2].map(() => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
  return Math.min(...times);
}

describe('readLooseJson', () => {
  it.each([
    ['strict JSON', '{"a": [1, true, null], "b": "x"}', { a: [1, true, null], b: 'x' }],
    ['line and block comments', '{\n  // why\n  "a": 1, /* more */ "b": 2\n}', { a: 1, b: 2 }],
    ['trailing commas', '{"a": [1, 2,], "b": {"c": 3,},}', { a: [1, 2], b: { c: 3 } }],
    ['unquoted keys and single quotes', "{extends: ['config:base'], $schema: 'x', packageRules: [{matchUpdateTypes: ['minor']}]}", { extends: ['config:base'], $schema: 'x', packageRules: [{ matchUpdateTypes: ['minor'] }] }],
    ['quotes inside strings', `{'it\\'s': "say \\"hi\\"", 'a"b': 'c'}`, { "it's": 'say "hi"', 'a"b': 'c' }],
    ['comment markers inside strings', '{"url": "https://example.com/*x*/"}', { url: 'https://example.com/*x*/' }],
  ])('reads %s', (_name, text, expected) => {
    expect(readLooseJson(text)).toEqual(expected);
  });

  it('keeps bare values in arrays as values', () => {
    expect(readLooseJson('[true, false, null, 12]')).toEqual([true, false, null, 12]);
  });

  it('returns undefined for text that is not JSON', () => {
    expect(readLooseJson('{"a": [')).toBeUndefined();
    expect(readLooseJson('a = 1')).toBeUndefined();
  });

  it('keeps __proto__ as plain data', () => {
    const value = readLooseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  it('S10 reads 100 KB of adversarial input in linear time', () => {
    const inputs = [`[${'1,'.repeat(50_000)}]`, `{${'a:1,'.repeat(25_000)}}`, `{"a": "${'/*'.repeat(50_000)}`, `[${', '.repeat(50_000)}`];
    for (const text of inputs) expect(fastestOfThree(() => readLooseJson(text))).toBeLessThan(100);
  });
});

describe('lineOf', () => {
  it('gives the 1-based line of the first occurrence, or 1', () => {
    expect(lineOf('a\nb\nc', 'c')).toBe(3);
    expect(lineOf('a\nb', 'z')).toBe(1);
  });
});
