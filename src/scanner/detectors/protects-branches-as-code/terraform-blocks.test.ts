import { describe, expect, it } from 'vitest';
import { attribute, blankComments, nestedBlock, resourceBlocks } from './terraform-blocks.js';

describe('terraform-blocks', () => {
  it('blanks comments but keeps strings and line numbers', () => {
    expect(blankComments('a = "# not a comment" # comment\n// line\n/* block\n */ b = 1')).toBe('a = "# not a comment"          \n       \n        \n    b = 1');
  });

  it('finds resources and nested blocks by brace matching', () => {
    const text = 'resource "a" "one" {\n  x = "}"\n  inner {\n    y = 2\n  }\n}\nresource "b" "two" {}\n';
    const blocks = resourceBlocks(text, ['a', 'b']);
    expect(blocks.map(({ type, name, line }) => [type, name, line])).toEqual([
      ['a', 'one', 1],
      ['b', 'two', 7],
    ]);
    expect(nestedBlock(blocks[0]?.body ?? '', 'inner')).toBe('\n    y = 2\n  ');
    expect(attribute(blocks[0]?.body ?? '', 'x')).toBe('}');
    expect(attribute('dynamic "inner" {\n  count = var.n\n}', 'count')).toBe('var.n');
    expect(nestedBlock('dynamic "inner" { content { z = 1 } }', 'inner')).toBe(' content { z = 1 } ');
  });

  it('stays linear on hostile input', () => {
    const started = performance.now();
    const text = blankComments(`${'resource "a" "b" {'.repeat(5_000)}${'"'.repeat(50_000)}#${'/*'.repeat(10_000)}`);
    resourceBlocks(text, ['a']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
