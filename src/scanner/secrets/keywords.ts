/**
 * The keyword prefilter of the secrets engine: an Aho–Corasick automaton over the lower-case
 * keywords of a rule set, run once over a file's text. It folds ASCII case as it reads, so no
 * lower-cased copy of the file is made, and it reports where every keyword starts, so a rule that
 * begins on its keyword runs only there (see anchoring.ts).
 */

/**
 * A deterministic automaton over ASCII: `next[state << 7 | code]` is the state after reading the
 * code unit `code` (upper case already folded onto lower case).
 */
export interface KeywordAutomaton {
  readonly keywords: readonly string[];
  readonly next: Uint32Array;
  /** 1 for a state in which at least one keyword ends. */
  readonly final: Uint8Array;
  /** Keywords that end in a state: `outputs[outputStart[state] … outputStart[state + 1])`. */
  readonly outputStart: Uint32Array;
  readonly outputs: Uint16Array;
}

/** Where the keywords of one text start: `keywordAt[i]` begins at `startAt[i]`, in the order their last character was read. */
export interface KeywordOccurrences {
  count: number;
  keywordAt: Uint16Array;
  startAt: Uint32Array;
}

/** Builds the automaton; keywords are lower-case ASCII (the rule tests check this). */
export function buildKeywordAutomaton(keywords: readonly string[]): KeywordAutomaton {
  const unique = [...new Set(keywords)].filter((keyword) => keyword !== '');
  const classes = classTable(unique);
  const classCount = Math.max(...classes, 0) + 1;
  const shift = Math.max(1, Math.ceil(Math.log2(classCount)));
  const trie = buildTrie(unique, classes);
  const { delta, outputStart, outputs } = completeTransitions(trie, shift, classCount);
  // Spread over all 128 ASCII code units, so reading a character is one table look-up.
  const states = outputStart.length - 1;
  const next = new Uint32Array(states << 7);
  const final = new Uint8Array(states);
  for (let state = 0; state < states; state += 1) {
    for (let code = 0; code < 128; code += 1) next[(state << 7) | code] = delta[(state << shift) | (classes[code] ?? 0)] ?? 0;
    final[state] = outputStart[state] === outputStart[state + 1] ? 0 : 1;
  }
  return { keywords: unique, next, final, outputStart, outputs };
}

function classTable(keywords: readonly string[]): Uint8Array {
  const classes = new Uint8Array(128);
  let next = 1;
  for (const keyword of keywords) {
    for (let index = 0; index < keyword.length; index += 1) {
      const code = keyword.charCodeAt(index);
      if (code >= 128) throw new Error(`keyword "${keyword}" is not ASCII`);
      if (classes[code] === 0) classes[code] = next++;
    }
  }
  // Upper-case letters read as their lower-case class, the way the text's lower-case form would.
  for (let code = 65; code <= 90; code += 1) classes[code] = classes[code + 32] ?? 0;
  return classes;
}

interface Trie {
  /** children[state] maps a class to the child state. */
  readonly children: Map<number, number>[];
  /** The keyword index that ends in each state, or -1. */
  readonly ends: number[];
}

function buildTrie(keywords: readonly string[], classes: Uint8Array): Trie {
  const children: Map<number, number>[] = [new Map<number, number>()];
  const ends = [-1];
  keywords.forEach((keyword, keywordIndex) => {
    let state = 0;
    for (let index = 0; index < keyword.length; index += 1) {
      const symbol = classes[keyword.charCodeAt(index)] ?? 0;
      let child = children[state]?.get(symbol);
      if (child === undefined) {
        child = children.length;
        children.push(new Map<number, number>());
        ends.push(-1);
        children[state]?.set(symbol, child);
      }
      state = child;
    }
    ends[state] = keywordIndex;
  });
  return { children, ends };
}

/** Breadth-first over the trie: failure links folded into a full transition table, outputs merged along them. */
function completeTransitions(trie: Trie, shift: number, classCount: number): { delta: Uint32Array; outputStart: Uint32Array; outputs: Uint16Array } {
  const states = trie.children.length;
  const delta = new Uint32Array(states << shift);
  const failure = new Uint32Array(states);
  const output: number[][] = trie.ends.map((end) => (end === -1 ? [] : [end]));
  const queue: number[] = [];
  for (const [symbol, child] of trie.children[0] ?? []) {
    delta[symbol] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head] ?? 0;
    const fallback = failure[state] ?? 0;
    output[state]?.push(...(output[fallback] ?? []));
    for (let symbol = 1; symbol < classCount; symbol += 1) {
      const child = trie.children[state]?.get(symbol);
      const viaFailure = delta[(fallback << shift) | symbol] ?? 0;
      if (child === undefined) {
        delta[(state << shift) | symbol] = viaFailure;
      } else {
        delta[(state << shift) | symbol] = child;
        failure[child] = viaFailure;
        queue.push(child);
      }
    }
  }
  const outputStart = new Uint32Array(states + 1);
  output.forEach((list, state) => (outputStart[state + 1] = (outputStart[state] ?? 0) + list.length));
  return { delta, outputStart, outputs: Uint16Array.from(output.flat()) };
}

/** A reusable buffer for the occurrences of one text; it grows as needed. */
export function emptyOccurrences(): KeywordOccurrences {
  return { count: 0, keywordAt: new Uint16Array(256), startAt: new Uint32Array(256) };
}

// The only code units whose lower-case form holds an ASCII letter (checked in keywords.test.ts).
const CAPITAL_I_WITH_DOT = 0x130;
const KELVIN_SIGN = 0x212a;

/**
 * Every occurrence of a keyword in the text as `text.toLowerCase()` would show it, written into
 * `into` (reset first). Returns `into.count`. One table look-up per code unit: this loop is where
 * the secrets engine spends most of its time.
 */
export function findKeywords(automaton: KeywordAutomaton, text: string, into: KeywordOccurrences): number {
  const { next, final } = automaton;
  const length = text.length;
  into.count = 0;
  let state = 0;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 128) {
      state = next[(state << 7) | code] ?? 0;
      if (final[state] === 1) record(automaton, state, index, into);
    } else {
      state = nonAscii(automaton, state, code, index, into);
    }
  }
  return into.count;
}

/** Beyond ASCII only two code units lower-case to an ASCII letter; any other one is in no keyword. */
function nonAscii(automaton: KeywordAutomaton, state: number, code: number, index: number, into: KeywordOccurrences): number {
  if (code === KELVIN_SIGN) {
    const after = automaton.next[(state << 7) | 107] ?? 0;
    if (automaton.final[after] === 1) record(automaton, after, index, into);
    return after;
  }
  if (code === CAPITAL_I_WITH_DOT) {
    // "i" and a combining dot, which is in no keyword: report what ends on the "i", then start over.
    const after = automaton.next[(state << 7) | 105] ?? 0;
    if (automaton.final[after] === 1) record(automaton, after, index, into);
  }
  return 0;
}

function record(automaton: KeywordAutomaton, state: number, endIndex: number, into: KeywordOccurrences): void {
  const { outputStart, outputs, keywords } = automaton;
  const last = outputStart[state + 1] ?? 0;
  for (let slot = outputStart[state] ?? 0; slot < last; slot += 1) {
    const keyword = outputs[slot] ?? 0;
    if (into.count === into.keywordAt.length) grow(into);
    into.keywordAt[into.count] = keyword;
    into.startAt[into.count] = Math.max(0, endIndex + 1 - (keywords[keyword]?.length ?? 0));
    into.count += 1;
  }
}

function grow(into: KeywordOccurrences): void {
  const keywordAt = new Uint16Array(into.keywordAt.length * 2);
  keywordAt.set(into.keywordAt);
  const startAt = new Uint32Array(into.startAt.length * 2);
  startAt.set(into.startAt);
  into.keywordAt = keywordAt;
  into.startAt = startAt;
}
