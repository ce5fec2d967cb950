/**
 * Whether a rule's matches always start on one of its keywords. For such a rule the engine tries
 * the pattern only where a keyword starts (a sticky match at each place) and gets exactly the
 * matches a scan of the whole text would give: a position where no keyword starts can never start
 * a match. The proof reads the start of the pattern source and lists the literal text every match
 * must begin with; anything it does not understand answers "no", and the rule then runs over the
 * whole text as before.
 */

/** Beyond this many alternative prefixes the proof gives up (the answer is then "no"). */
const MAX_PREFIXES = 256;
/** A character class with more members than this is treated as "anything". */
const MAX_CLASS_SIZE = 32;

class GiveUp extends Error {}

/**
 * What a piece of pattern can begin with, read from its start: `open` texts may be followed by more
 * literal text, `closed` ones reached something that is not a literal.
 */
interface Expansion {
  readonly open: readonly string[];
  readonly closed: readonly string[];
}

/** A place a match may start: `offset` characters before where `keyword` (an index into the rule's keywords) starts. */
export interface KeywordAnchor {
  readonly keyword: number;
  readonly offset: number;
}

/**
 * Where the matches of `pattern` can start, relative to its keywords (ASCII case folded): every
 * match begins `offset` characters before an occurrence of `keyword` for one of the anchors. Null
 * when that cannot be shown, and the rule must run over the whole text.
 */
export function keywordAnchors(pattern: RegExp, keywords: readonly string[]): KeywordAnchor[] | null {
  // Unicode case folding maps characters such as the long s onto ASCII letters: out of scope.
  if (pattern.flags.includes('u') || pattern.flags.includes('v')) return null;
  let prefixes: readonly string[];
  try {
    prefixes = leadingLiterals(pattern.source);
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
  const anchors = new Map<string, KeywordAnchor>();
  for (const prefix of prefixes) {
    const anchor = anchorIn(prefix.toLowerCase(), keywords);
    if (anchor === null) return null;
    anchors.set(`${anchor.keyword}@${anchor.offset}`, anchor);
  }
  return [...anchors.values()];
}

/** The first keyword found in a prefix every such match begins with, and where. */
function anchorIn(prefix: string, keywords: readonly string[]): KeywordAnchor | null {
  for (let offset = 0; offset < prefix.length; offset += 1) {
    const keyword = keywords.findIndex((candidate) => candidate !== '' && prefix.startsWith(candidate, offset));
    if (keyword !== -1) return { keyword, offset };
  }
  return null;
}

/** The literal prefixes, one of which every match begins with (the empty string when nothing is certain). */
export function leadingLiterals(source: string): string[] {
  const reader = new SourceReader(source);
  const result = alternation(reader);
  if (!reader.atEnd()) throw new GiveUp('unbalanced pattern');
  return [...new Set([...result.open, ...result.closed])];
}

class SourceReader {
  position = 0;
  constructor(readonly source: string) {}
  atEnd(): boolean {
    return this.position >= this.source.length;
  }
  peek(offset = 0): string {
    return this.source[this.position + offset] ?? '';
  }
  take(): string {
    const char = this.peek();
    this.position += 1;
    return char;
  }
  startsWith(text: string): boolean {
    return this.source.startsWith(text, this.position);
  }
}

const EMPTY: Expansion = { open: [''], closed: [] };
const OPAQUE: Expansion = { open: [], closed: [''] };

/** Branches separated by `|`, up to the `)` of the current group (not consumed) or the end. */
function alternation(reader: SourceReader): Expansion {
  const open: string[] = [];
  const closed: string[] = [];
  for (;;) {
    const branch = sequence(reader);
    open.push(...branch.open);
    closed.push(...branch.closed);
    if (reader.peek() !== '|') break;
    reader.take();
  }
  return bounded({ open, closed });
}

function sequence(reader: SourceReader): Expansion {
  let current = EMPTY;
  while (!reader.atEnd() && reader.peek() !== '|' && reader.peek() !== ')') {
    if (current.open.length === 0) skipAtom(reader);
    else current = followedBy(current, quantified(reader, atom(reader)));
  }
  return current;
}

/** `before` then `after`: the open texts of `before` grow by what `after` begins with. */
function followedBy(before: Expansion, after: Expansion): Expansion {
  const grow = (suffixes: readonly string[]) => before.open.flatMap((prefix) => suffixes.map((suffix) => prefix + suffix));
  return bounded({ open: grow(after.open), closed: [...before.closed, ...grow(after.closed)] });
}

function quantified(reader: SourceReader, once: Expansion): Expansion {
  const quantifier = readQuantifier(reader);
  if (quantifier === null) return once;
  if (reader.peek() === '?') reader.take(); // lazy or greedy: the same prefixes
  if (quantifier === 'optional') return { open: ['', ...once.open], closed: once.closed };
  // A repeat ends what is certain: reading its rounds would only multiply the prefixes.
  return OPAQUE;
}

function readQuantifier(reader: SourceReader): 'optional' | 'repeat' | null {
  const char = reader.peek();
  if (char === '?') {
    reader.take();
    return 'optional';
  }
  if (char === '*' || char === '+') {
    reader.take();
    return 'repeat';
  }
  if (char !== '{') return null;
  const braces = /^\{(\d+)(,\d*)?\}/.exec(reader.source.slice(reader.position));
  if (braces === null) return null;
  reader.position += braces[0].length;
  return braces[1] === '0' && braces[2] === ',1' ? 'optional' : 'repeat';
}

function atom(reader: SourceReader): Expansion {
  const char = reader.take();
  if (char === '\\') return escape(reader);
  if (char === '[') return characterClass(reader);
  if (char === '(') return group(reader);
  if (char === '^' || char === '$') return EMPTY;
  if (char === '.') return OPAQUE;
  if ('*+?{'.includes(char)) throw new GiveUp('quantifier without an atom');
  return { open: [char], closed: [] };
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

function escape(reader: SourceReader): Expansion {
  const char = reader.take();
  if (char === 'b' || char === 'B') return EMPTY;
  if ('dDwWsS'.includes(char)) return OPAQUE;
  if (/[1-9]/.test(char)) {
    while (/\d/.test(reader.peek())) reader.take();
    return OPAQUE;
  }
  if (char === 'k' && reader.peek() === '<') {
    while (!reader.atEnd() && reader.take() !== '>');
    return OPAQUE;
  }
  return { open: [escapedLiteral(reader, char)], closed: [] };
}

/** The character an escape such as `\.`, `\n` or `\x60` stands for. */
function escapedLiteral(reader: SourceReader, char: string): string {
  const control = CONTROL_ESCAPES[char];
  if (control !== undefined) return control;
  const digits = char === 'x' ? 2 : char === 'u' ? 4 : 0;
  if (digits > 0) {
    const hex = reader.source.slice(reader.position, reader.position + digits);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw new GiveUp('malformed hex escape');
    reader.position += digits;
    return String.fromCharCode(Number.parseInt(hex, 16));
  }
  if (/[A-Za-z0-9]/.test(char) || char === '') throw new GiveUp(`escape \\${char}`);
  return char;
}

/** `[…]`: a small set of literal characters, or opaque for negated, shorthand or wide classes. */
function characterClass(reader: SourceReader): Expansion {
  const members = new Set<string>();
  let opaque = false;
  if (reader.peek() === '^') {
    reader.take();
    opaque = true;
  }
  let first = true;
  while (!reader.atEnd() && (reader.peek() !== ']' || first)) {
    first = false;
    const member = classMember(reader);
    if (member !== null && reader.peek() === '-' && reader.peek(1) !== ']' && reader.peek(1) !== '') {
      reader.take();
      const last = classMember(reader);
      if (last === null || last < member) throw new GiveUp('odd range');
      const size = last.charCodeAt(0) - member.charCodeAt(0) + 1;
      if (size > MAX_CLASS_SIZE) opaque = true;
      else for (let code = member.charCodeAt(0); code <= last.charCodeAt(0); code += 1) members.add(String.fromCharCode(code));
    } else if (member === null) {
      opaque = true;
    } else {
      members.add(member);
    }
  }
  if (reader.take() !== ']') throw new GiveUp('unterminated class');
  return opaque || members.size === 0 || members.size > MAX_CLASS_SIZE ? OPAQUE : { open: [...members], closed: [] };
}

/** One class member; null for a shorthand such as `\w`. */
function classMember(reader: SourceReader): string | null {
  const char = reader.take();
  if (char !== '\\') return char;
  const escaped = reader.take();
  if ('dDwWsS'.includes(escaped)) return null;
  if (escaped === 'b') return '\b';
  return escapedLiteral(reader, escaped);
}

function group(reader: SourceReader): Expansion {
  if (reader.startsWith('?=') || reader.startsWith('?!') || reader.startsWith('?<=') || reader.startsWith('?<!')) {
    // A look-around consumes nothing, so it cannot move where a match starts.
    skipGroupBody(reader);
    return EMPTY;
  }
  if (reader.startsWith('?:')) reader.position += 2;
  else if (reader.startsWith('?<')) {
    while (!reader.atEnd() && reader.take() !== '>');
  } else if (reader.peek() === '?') throw new GiveUp('unknown group');
  const inner = alternation(reader);
  if (reader.take() !== ')') throw new GiveUp('unterminated group');
  return inner;
}

/** Skips from inside a group to just after its `)`. */
function skipGroupBody(reader: SourceReader): void {
  while (!reader.atEnd() && reader.peek() !== ')') skipAtom(reader);
  if (reader.take() !== ')') throw new GiveUp('unterminated group');
}

/** Moves past one atom (or a `|`) and its quantifier without working out what it matches. */
function skipAtom(reader: SourceReader): void {
  const char = reader.take();
  if (char === '\\') reader.take();
  else if (char === '[') characterClass(reader);
  else if (char === '(') skipGroupBody(reader);
  if (readQuantifier(reader) !== null && reader.peek() === '?') reader.take();
}

function bounded(expansion: Expansion): Expansion {
  if (expansion.open.length + expansion.closed.length > MAX_PREFIXES) throw new GiveUp('too many prefixes');
  return expansion;
}
