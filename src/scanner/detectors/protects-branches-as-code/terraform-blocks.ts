/**
 * Just enough HCL for branch protection resources: comments blanked out, `resource "type" "name" { … }`
 * blocks and nested blocks found by brace matching, attributes read with anchored regexes. Values that
 * come from variables stay unknown.
 */

export interface HclBlock {
  readonly type: string;
  readonly name: string;
  /** The text between the block's braces, comments blanked out. */
  readonly body: string;
  /** 1-based line of the `resource` keyword. */
  readonly line: number;
}

/** Replaces `#`, `//` and `/* … *\/` comments with spaces (newlines kept), leaving strings alone. */
export function blankComments(text: string): string {
  const pieces: string[] = [];
  let copied = 0;
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    const next = text.charAt(index + 1);
    if (char === '"') {
      index = closingQuote(text, index + 1);
      continue;
    }
    const isLineComment = char === '#' || (char === '/' && next === '/');
    if (!isLineComment && !(char === '/' && next === '*')) {
      index += 1;
      continue;
    }
    const end = isLineComment ? text.indexOf('\n', index) : text.indexOf('*/', index + 2);
    const stop = end === -1 ? text.length : isLineComment ? end : end + 2;
    pieces.push(text.slice(copied, index), text.slice(index, stop).replace(/[^\n]/g, ' '));
    copied = stop;
    index = stop;
  }
  pieces.push(text.slice(copied));
  return pieces.join('');
}

function closingQuote(text: string, from: number): number {
  let index = from;
  while (index < text.length && text.charAt(index) !== '"' && text.charAt(index) !== '\n') index += text.charAt(index) === '\\' ? 2 : 1;
  return Math.min(index + 1, text.length);
}

/** The `resource` blocks of the given types, in file order. Expects text from `blankComments`. */
export function resourceBlocks(text: string, types: readonly string[]): HclBlock[] {
  const blocks: HclBlock[] = [];
  for (const match of text.matchAll(/^[ \t]*resource[ \t]+"([\w-]+)"[ \t]+"([^"\n]*)"[ \t]*\{/gm)) {
    const type = match[1] ?? '';
    if (!types.includes(type)) continue;
    const open = match.index + match[0].length - 1;
    blocks.push({ type, name: match[2] ?? '', body: braceBody(text, open), line: text.slice(0, match.index).split('\n').length });
  }
  return blocks;
}

/** The body of the first nested block called `name` (plain or `dynamic "name"`), if there is one. */
export function nestedBlock(body: string, name: string): string | undefined {
  const match = new RegExp(String.raw`(?:^|[\s{])"?${name}"?[ \t]*\{`).exec(body);
  if (match === null) return undefined;
  return braceBody(body, match.index + match[0].length - 1);
}

/** A literal attribute value (`name = 2`, `name = true`, `name = "x"`), unquoted; undefined when absent or not literal. */
export function attribute(body: string, name: string): string | undefined {
  const match = new RegExp(String.raw`(?:^|[\s{,])${name}[ \t]*=[ \t]*("[^"\n]*"|[\w.-]+)`, 'm').exec(body);
  return match?.[1]?.replace(/^"|"$/g, '');
}

/** The text between the brace at `open` and its partner, skipping braces inside strings. */
function braceBody(text: string, open: number): string {
  let depth = 0;
  let index = open;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '"') {
      index = closingQuote(text, index + 1);
      continue;
    }
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    if (depth === 0) return text.slice(open + 1, index);
    index += 1;
  }
  return text.slice(open + 1);
}
