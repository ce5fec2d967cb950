import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatDomainError } from '../errors.js';
import type { DomainError, Result } from '../errors.js';
import { DEFAULT_YAML_LIMITS } from './limits.js';
import { decodeYaml, parseYaml, parseYamlDocuments } from './safe-yaml.js';

function refusal<T>(result: Result<T>): DomainError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

function valueOf(text: string, keepNumbersAsTextUnder: readonly string[] = []): unknown {
  const result = parseYaml(text, 'test.yaml', { keepNumbersAsTextUnder });
  if (!result.ok) throw new Error(formatDomainError(result.error));
  return result.value.value;
}

describe('parseYaml values', () => {
  for (const { name, text, value } of [
    { name: 'a map of scalars and collections', text: 'name: Ada\nage: 36\nratio: 0.5\ntags: [a, b]\nnested: {x: 1.5, y: null, z: true}\n', value: { name: 'Ada', age: 36, ratio: 0.5, tags: ['a', 'b'], nested: { x: 1.5, y: null, z: true } } },
    { name: 'a sequence', text: '- 1\n- two\n- "3"\n- [4]\n', value: [1, 'two', '3', [4]] },
    { name: 'a block scalar', text: 'run: |\n  echo [a]\n  {b}\n', value: { run: 'echo [a]\n{b}\n' } },
    { name: '!!str 12 as text', text: 'version: !!str 12\n', value: { version: '12' } },
    { name: '!!int on a quoted number', text: 'count: !!int "7"\n', value: { count: 7 } },
    { name: 'the other core tags', text: 'on: !!bool true\noff: !!null ~\nmap: !!map {a: 1}\nlist: !!seq [1]\nlong: !<tag:yaml.org,2002:str> 5\n', value: { on: true, off: null, map: { a: 1 }, list: [1], long: '5' } },
    { name: 'an empty document as null', text: '', value: null },
    { name: 'a document of comments as null', text: '# nothing here\n', value: null },
    { name: 'a bare document marker as null', text: '---\n', value: null },
    { name: 'an alias as the value of its anchor', text: 'base: &base {a: 1}\ncopy: *base\n', value: { base: { a: 1 }, copy: { a: 1 } } },
  ]) {
    it(`reads ${name}`, () => {
      expect(valueOf(text)).toEqual(value);
    });
  }

  it('keeps numbers as written under keepNumbersAsTextUnder, and only there', () => {
    const text = 'id: 8.10\nlevel: 8.10\nids: [1.10, 2.0, 3]\nnested:\n  id: 4.20\n';
    expect(valueOf(text, ['id', 'ids'])).toEqual({ id: '8.10', level: 8.1, ids: ['1.10', '2.0', '3'], nested: { id: '4.20' } });
    expect(valueOf(text)).toEqual({ id: 8.1, level: 8.1, ids: [1.1, 2, 3], nested: { id: 4.2 } });
  });

  it('reads every document of a stream with parseYamlDocuments', () => {
    const result = parseYamlDocuments('a: 1\n---\nb: [2]\n--- 3\n...\n', 'stream.yaml');
    expect(result.ok && result.value.map((document) => document.value)).toEqual([{ a: 1 }, { b: [2] }, 3]);
    const empty = parseYamlDocuments('# no documents\n', 'empty.yaml');
    expect(empty.ok && empty.value).toEqual([]);
  });

  it('S7 refuses several documents in parseYaml, pointing at the second', () => {
    const error = refusal(parseYaml('a: 1\n---\nb: 2\n', 'one.yaml'));
    expect(error).toEqual({ code: 'invalid-input', message: 'expected one YAML document, found several', at: { file: 'one.yaml', line: 2, column: 1 } });
  });
});

const teamSchema = z.object({
  team: z.object({
    name: z.string(),
    members: z.array(z.object({ name: z.string(), age: z.number() })),
  }),
});

const TEAM = ['team:', '  name: Platform', '  members:', '    - name: Ada', '      age: 36', '    - name: Linus', '      age: 54', ''].join('\n');

describe('decodeYaml positions (S7)', () => {
  it('decodes a valid document', () => {
    const result = decodeYaml(TEAM, 'team.yaml', teamSchema);
    expect(result.ok && result.value.team.members.map((member) => member.age)).toEqual([36, 54]);
  });

  it('S7 points at the offending value when a type is wrong 4 levels deep', () => {
    const error = refusal(decodeYaml(TEAM.replace('age: 54', 'age: fifty'), 'team.yaml', teamSchema));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe('team.members.1.age: Invalid input: expected number, received string');
    expect(error.at).toEqual({ file: 'team.yaml', line: 7, column: 12 });
    expect(formatDomainError(error)).toBe('team.yaml:7:12: team.members.1.age: Invalid input: expected number, received string');
  });

  it('S7 points at the parent map when a key is missing', () => {
    const error = refusal(decodeYaml(TEAM.replace('    - name: Linus\n      age: 54', '    - age: 54'), 'team.yaml', teamSchema));
    expect(error.message).toBe('team.members.1.name: Invalid input: expected string, received undefined');
    expect(error.at).toEqual({ file: 'team.yaml', line: 6, column: 7 });
  });

  it('S7 counts the other problems in the same line', () => {
    const error = refusal(decodeYaml('team:\n  name: 1\n  members: no\n', 'team.yaml', teamSchema));
    expect(error.message).toBe('team.name: Invalid input: expected string, received number (and 1 more problem)');
    expect(error.at).toEqual({ file: 'team.yaml', line: 2, column: 9 });
  });
});

describe('syntax errors (S7)', () => {
  for (const { text, message, line, column } of [
    { text: 'a: [1, 2\nb: 3\n', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]', line: 2, column: 1 },
    { text: 'a: "unclosed\n', message: 'Missing closing "quote', line: 2, column: 1 },
    { text: 'a: b: c\n', message: 'Nested mappings are not allowed in compact mappings', line: 1, column: 4 },
    { text: '[a, b', message: 'Flow sequence must end with a ]', line: 1, column: 6 },
    { text: 'a:\n  - b\n c: d\n', message: 'All mapping items must start at the same column', line: 3, column: 1 },
    { text: 'x: ]', message: 'Unexpected flow-seq-end token in YAML stream: "]"', line: 1, column: 4 },
  ]) {
    it(`S7 reports "${message}" at ${line}:${column} on one line, without a stack`, () => {
      const error = refusal(parseYaml(text, 'broken.yaml'));
      expect(error).toEqual({ code: 'invalid-input', message, at: { file: 'broken.yaml', line, column } });
      expect(formatDomainError(error)).toBe(`broken.yaml:${line}:${column}: ${message}`);
      expect(JSON.stringify(error)).not.toMatch(/\\n|stack|\bat \S+:\d+:\d+/);
    });
  }

  for (const { name, text } of [
    { name: 'an unexpected token', text: `key: | ${'z'.repeat(10_000)}\n  text\n` },
    { name: 'a tag', text: `!${'t'.repeat(10_000)} x` },
    { name: 'an alias', text: `a: *${'n'.repeat(10_000)}` },
  ]) {
    it(`S7 keeps the message short when ${name} is 10,000 characters long`, () => {
      const error = refusal(parseYaml(text, 'long.yaml'));
      expect(error.message.length).toBeLessThanOrEqual(200);
      expect(error.message).toMatch(/…/);
      expect(error.at?.line).toBe(1);
    });
  }
});

describe('refusals (S1)', () => {
  it('S1 refuses a duplicate key, naming its line', () => {
    expect(refusal(parseYaml('a: 1\nb: 2\na: 3\n', 'dup.yaml'))).toEqual({ code: 'invalid-input', message: 'duplicate key "a"', at: { file: 'dup.yaml', line: 3, column: 1 } });
  });

  for (const { name, text, line, column } of [
    { name: 'in a flow map', text: '{x: 1, x: 2}', line: 1, column: 8 },
    { name: 'that become the same property', text: '1: a\n"1": b\n', line: 2, column: 1 },
    { name: 'deep in a sequence', text: 'list:\n  - k: 1\n    j: 2\n    k: 3\n', line: 4, column: 5 },
  ]) {
    it(`S1 refuses duplicate keys ${name}`, () => {
      const error = refusal(parseYaml(text, 'dup.yaml'));
      expect(error.message).toMatch(/^duplicate key "/);
      expect(error.at).toEqual({ file: 'dup.yaml', line, column });
    });
  }

  for (const { text, tag } of [
    { text: 'a: !foo x\n', tag: '!foo' },
    { text: 'a: !!python/object:os.system x\n', tag: '!!python/object:os.system' },
    { text: '!!python/object/apply:os.system ["id"]\n', tag: '!!python/object/apply:os.system' },
    { text: 'a: !!binary aGVsbG8=\n', tag: '!!binary' },
    { text: 'a: !!timestamp 2020-01-01\n', tag: '!!timestamp' },
    { text: 'a: !!set {x}\n', tag: '!!set' },
    { text: '!!omap [a: 1]\n', tag: '!!omap' },
    { text: '%TAG !py! tag:yaml.org,2002:python/\n---\na: !py!object x\n', tag: '!!python/object' },
    { text: 'a: !js/function "() => 1"\n', tag: '!js/function' },
  ]) {
    it(`S1 refuses the tag ${tag}`, () => {
      const error = refusal(parseYaml(text, 'tags.yaml'));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toBe(`tag ${tag} is not allowed`);
      expect(error.at?.line).toBeGreaterThan(0);
    });
  }

  for (const { text, line, column } of [
    { text: '__proto__: {polluted: yes}\n', line: 1, column: 1 },
    { text: 'a:\n  constructor: {prototype: {polluted: yes}}\n', line: 2, column: 3 },
    { text: '{"__proto__": {"polluted": true}}\n', line: 1, column: 2 },
    { text: '- prototype: x\n', line: 1, column: 3 },
    { text: '? __proto__\n: {polluted: yes}\n', line: 1, column: 3 },
    { text: "list: [{'__proto__': {polluted: yes}}]\n", line: 1, column: 9 },
  ]) {
    it(`S1 refuses the prototype key in ${JSON.stringify(text)} and leaves Object.prototype alone`, () => {
      const error = refusal(parseYaml(text, 'proto.yaml'));
      expect(error.message).toMatch(/^key "(__proto__|constructor|prototype)" is not allowed$/);
      expect(error.at).toEqual({ file: 'proto.yaml', line, column });
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  }

  it('S1 accepts 100 aliases and refuses the 101st where it is', () => {
    const aliases = (count: number): string => `anchor: &a x\nuses:\n${'  - *a\n'.repeat(count)}`;
    expect(valueOf(aliases(100))).toEqual({ anchor: 'x', uses: Array.from({ length: 100 }, () => 'x') });
    expect(refusal(parseYaml(aliases(101), 'aliases.yaml'))).toEqual({ code: 'invalid-input', message: 'more than 100 aliases', at: { file: 'aliases.yaml', line: 103, column: 5 } });
  });

  it('S1 accepts an anchor reused 11 times that itself holds 10 aliases (the library refused it)', () => {
    const text = `a: &a [x]\nb: &b [${Array.from({ length: 10 }, () => '*a').join(', ')}]\nc: [${Array.from({ length: 11 }, () => '*b').join(', ')}]\n`;
    const value = valueOf(text) as { c: string[][][] };
    expect(value.c).toHaveLength(11);
    expect(value.c[10]).toEqual(Array.from({ length: 10 }, () => ['x']));
  });

  for (const { name, text, message, line, column } of [
    { name: 'contains it', text: 'a: &a [*a]\n', message: 'alias *a refers to a node that contains it', line: 1, column: 8 },
    { name: 'has no anchor', text: '- *a\n', message: 'alias *a has no anchor before it', line: 1, column: 3 },
    { name: 'has its anchor in another document', text: 'a: &a x\n---\nb: *a\n', message: 'alias *a has no anchor before it', line: 3, column: 4 },
  ]) {
    it(`S1 refuses an alias that ${name}`, () => {
      expect(refusal(parseYaml(text, 'alias.yaml'))).toEqual({ code: 'invalid-input', message, at: { file: 'alias.yaml', line, column } });
    });
  }

  it('S1 refuses nesting that only aliases make too deep', () => {
    const limits = { ...DEFAULT_YAML_LIMITS, maxDepth: 6 };
    const text = 'a: &a [[[[x]]]]\nb: [[*a]]\n';
    expect(parseYaml('a: &a [[[[x]]]]\nb: [*a]\n', 'deep.yaml', { limits }).ok).toBe(true);
    expect(refusal(parseYaml(text, 'deep.yaml', { limits }))).toEqual({ code: 'invalid-input', message: 'nesting deeper than 6 levels through aliases', at: { file: 'deep.yaml', line: 2, column: 6 } });
  });

  it('S1 refuses nesting deeper than the limit where it starts', () => {
    expect(refusal(parseYaml(`k: ${'['.repeat(64)}`, 'deep.yaml'))).toEqual({ code: 'invalid-input', message: 'nesting deeper than 64 levels', at: { file: 'deep.yaml', line: 1, column: 67 } });
  });

  it('S1 refuses more nodes than the limit', () => {
    // Nodes are counted as the library's visitor sees them: collections, pairs, keys and values.
    const limits = { ...DEFAULT_YAML_LIMITS, maxNodes: 14 };
    expect(parseYaml('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]', 'nodes.yaml', { limits }).ok).toBe(true);
    expect(refusal(parseYaml('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]', 'nodes.yaml', { limits }))).toMatchObject({ code: 'too-large', message: 'more than 14 YAML nodes' });
    // 12 nodes as written, 18 once both aliases are replaced by the 4 nodes of their anchor.
    expect(refusal(parseYaml('a: &a [1, 2, 3]\nb: [*a, *a]\n', 'nodes.yaml', { limits }))).toEqual({
      code: 'too-large',
      message: 'aliases expand to more than 14 YAML nodes',
      at: { file: 'nodes.yaml', line: 2, column: 9 },
    });
  });

  it('S1 refuses text longer than the limit before reading it', () => {
    const limits = { ...DEFAULT_YAML_LIMITS, maxChars: 10 };
    expect(refusal(parseYaml('key: 0123456789', 'big.yaml', { limits }))).toEqual({ code: 'too-large', message: 'file is larger than 10 characters', at: { file: 'big.yaml' } });
  });
});
