import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKeywordAutomaton, emptyOccurrences, findKeywords } from './keywords.js';

/** Every (keyword, start) pair, found the slow way on the lower-cased text. */
function naiveOccurrences(keywords: readonly string[], text: string): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const keyword of keywords) {
    for (let start = lower.indexOf(keyword); start !== -1; start = lower.indexOf(keyword, start + 1)) found.push(`${keyword}@${start}`);
  }
  return found.sort();
}

function automatonOccurrences(keywords: readonly string[], text: string): string[] {
  const automaton = buildKeywordAutomaton(keywords);
  const occurrences = emptyOccurrences();
  const count = findKeywords(automaton, text, occurrences);
  return Array.from({ length: count }, (_, index) => `${automaton.keywords[occurrences.keywordAt[index] ?? 0] ?? ''}@${occurrences.startAt[index] ?? 0}`).sort();
}

describe('keyword automaton', () => {
  it('finds every occurrence of every keyword, overlapping and nested ones included, in any ASCII case', () => {
    const keywords = ['ab', 'bcd', 'b', 'sk_', 'sk_live_', 'live', 'a.b', '-----begin', 'abab'];
    const alphabet = fc.constantFrom('a', 'b', 'c', 'd', 'A', 'B', 's', 'K', '_', 'l', 'i', 'V', 'e', '.', '-', 'g', 'n', ' ', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join('')), (text) => {
        expect(automatonOccurrences(keywords, text)).toEqual(naiveOccurrences(keywords, text));
      }),
      { numRuns: 1000 },
    );
    expect(automatonOccurrences(keywords, 'ABABAB')).toEqual(naiveOccurrences(keywords, 'ABABAB'));
  });

  it('reads the text as toLowerCase() shows it, even where a non-ASCII letter lower-cases to ASCII', () => {
    // U+0130 lower-cases to "i" and a combining dot; the Kelvin sign to "k".
    expect(automatonOccurrences(['si', 'sk_', 'ab'], 'S\u0130B')).toEqual(['si@0']);
    expect(automatonOccurrences(['sk_'], 's\u212a_')).toEqual(['sk_@0']);
    expect(automatonOccurrences(['ib'], '\u0130b')).toEqual([]);
  });

  it('knows every code point whose lower-case form holds an ASCII character', () => {
    const turnsAscii: number[] = [];
    for (let code = 128; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const lower = String.fromCodePoint(code).toLowerCase();
      if (Array.from(lower, (char) => char.charCodeAt(0)).some((unit) => unit < 128)) turnsAscii.push(code);
    }
    expect(turnsAscii).toEqual([0x130, 0x212a]);
  });

  it('grows its buffer for a text with very many occurrences', () => {
    const occurrences = emptyOccurrences();
    expect(findKeywords(buildKeywordAutomaton(['ab']), 'ab'.repeat(10_000), occurrences)).toBe(10_000);
    expect(occurrences.startAt[9_999]).toBe(19_998);
  });

  it('rejects a keyword that is not ASCII', () => {
    expect(() => buildKeywordAutomaton(['clé'])).toThrow(/not ASCII/);
  });
});
