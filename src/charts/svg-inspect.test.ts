import { describe, expect, it } from 'vitest';
import { byClass, parseSvg, textOf, titleOf, unsafeParts } from './svg-inspect.js';

describe('svg-inspect', () => {
  it('reads elements, decoded attributes, text and titles', () => {
    const root = parseSvg('<?xml version="1.0"?>\n<svg a="1"><g class="x y" data-v="&lt;&amp;&quot;>"><title>T &amp; U</title><text>1 &lt; 2</text></g><path d="M0,0"/></svg>');
    expect(root.name).toBe('svg');
    const group = byClass(root, 'y')[0]!;
    expect(group.attributes['data-v']).toBe('<&">');
    expect(titleOf(group)).toBe('T & U');
    expect(textOf(group)).toBe('1 < 2');
    expect(textOf(group, true)).toBe('T & U1 < 2');
  });

  it('rejects malformed markup', () => {
    expect(() => parseSvg('<svg><g></svg>')).toThrow(/closes/);
    expect(() => parseSvg('<svg><g data-x></g></svg>')).toThrow(/malformed/);
    expect(() => parseSvg('<svg a="1" a="2"></svg>')).toThrow(/duplicate/);
    expect(() => parseSvg('<svg></svg><svg></svg>')).toThrow(/one root/);
    expect(() => parseSvg('<svg>')).toThrow(/unclosed/);
  });

  it('reports script-capable elements, handlers and javascript: links', () => {
    const root = parseSvg('<svg><script></script><g onclick="x"></g><a href="javascript:alert(1)"></a><foreignObject></foreignObject></svg>');
    expect(unsafeParts(root)).toEqual(['<script>', 'onclick= on <g>', '<a>', 'javascript: link on <a>', '<foreignObject>']);
    expect(unsafeParts(parseSvg('<svg><text>&lt;script&gt; onerror=x</text></svg>'))).toEqual([]);
  });
});
