import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../core/yaml/safe-yaml.js';
import { asRecord, asString, field, lineFinder, shellNeutralises, stringifyValue, stringifyValues, stringsOf, yamlProblem } from './yaml-values.js';

describe('asRecord', () => {
  it('returns maps only', () => {
    expect([null, undefined, 1, 'a', [1]].map(asRecord)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
  });

  it('applies merge keys: own keys first, then earlier sources', () => {
    expect(asRecord({ '<<': [{ a: 1, b: 1 }, { b: 2, c: 2 }], c: 3 })).toEqual({ a: 1, b: 1, c: 3 });
    expect(asRecord({ '<<': { '<<': { deep: true }, x: 1 } })).toEqual({ deep: true, x: 1 });
    expect(asRecord({ '<<': 'not a map', y: 1 })).toEqual({ y: 1 });
  });
});

describe('value readers', () => {
  it('reads own keys only', () => {
    expect(field({ a: 1 }, 'a')).toBe(1);
    expect(field({ a: 1 }, 'toString')).toBeUndefined();
    expect(field(undefined, 'a')).toBeUndefined();
  });

  it.each([
    ['text', 'text'],
    [12, '12'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
    [[1, 'a'], '[1,"a"]'],
    [{ a: 1 }, '{"a":1}'],
  ])('stringifies %j as %j', (value, text) => {
    expect(stringifyValue(value)).toBe(text);
  });

  it('stringifies the values of a map and reads strings of one or many', () => {
    expect(stringifyValues({ a: 1, b: null })).toEqual({ a: '1', b: '' });
    expect(stringifyValues('x')).toEqual({});
    expect(asString({})).toBeUndefined();
    expect(stringsOf('a')).toEqual(['a']);
    expect(stringsOf(['a', 1, 'b'])).toEqual(['a', 'b']);
  });
});

describe('shellNeutralises', () => {
  it.each([
    ['npm audit || true', true],
    ['npm audit ||true', true],
    ['trivy fs . || :', true],
    ['trivy fs . || exit 0', true],
    ['grype . || echo "grype found issues"', true],
    ['snyk test\nnpm test || true\n', true],
    ['npm audit', false],
    ['npm audit || exit 1', false],
    ['test -f x || exit 10', false],
    ['a || trueish', false],
    ['echo "||"', false],
    [undefined, false],
  ])('%j → %s', (run, expected) => {
    expect(shellNeutralises(run)).toBe(expected);
  });

  it('S10 is linear on adversarial text', () => {
    const started = performance.now();
    shellNeutralises(`||${' '.repeat(100_000)}`);
    shellNeutralises('|| '.repeat(33_000));
    shellNeutralises(`|| exit${' '.repeat(100_000)}1`);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('lineFinder', () => {
  const text = ['jobs:', '  build:', '    # a comment', '', '    runs-on: x', '    steps:', '    - run: a', '  inline: {steps: []}', '  "quoted":', '    x: 1'].join('\n');
  const parsed = parseYaml(text, 'f.yml');
  if (!parsed.ok) throw new Error('test YAML does not parse');
  const lines = lineFinder(parsed.value, text);

  it('finds the key above a block value, over comments and blank lines', () => {
    expect(lines.ofKey(['jobs', 'build'])).toBe(2);
    expect(lines.ofKey(['jobs', 'build', 'steps'])).toBe(6);
    expect(lines.ofKey(['jobs', 'quoted'])).toBe(9);
  });

  it('finds the key on the line of a flow value, and list items where they are', () => {
    expect(lines.ofKey(['jobs', 'inline'])).toBe(8);
    expect(lines.at(['jobs', 'build', 'steps', 0])).toBe(7);
    expect(lines.ofKey(['jobs', 'build', 'steps', 0])).toBe(7);
  });
});

describe('yamlProblem', () => {
  it('puts the reason and its place on one line', () => {
    expect(yamlProblem({ code: 'invalid-input', message: 'bad', at: { file: 'f', line: 3, column: 4 } })).toBe('bad (line 3, column 4)');
    expect(yamlProblem({ code: 'too-large', message: 'too big', at: { file: 'f' } })).toBe('too big');
  });
});
