import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../core/workspace/schema.js';
import { formatEvidence, parseEvidence } from './evidence-lines.js';
import { formatRaters, formatRatings, formatSelfRatings, parseRaters, parseRatings, parseSelfRatings, parseStatus } from './rating-lines.js';

const sample: Evidence[] = [
  { type: 'note', text: 'Checked the deploy pipeline with the team', date: '2026-10-02', by: 'alice' },
  { type: 'link', url: 'https://wiki.example/secrets', title: 'Secrets wiki', date: '2026-10-02' },
  { type: 'finding', detector: 'has-secret-scan-in-ci', file: '.github/workflows/ci.yml', line: 14, message: 'runs on push', date: '2026-10-01' },
];

describe('evidence cell', () => {
  it('writes one readable line per entry', () => {
    expect(formatEvidence(sample).split('\n')).toEqual([
      'note "Checked the deploy pipeline with the team" date=2026-10-02 by=alice',
      'link https://wiki.example/secrets title="Secrets wiki" date=2026-10-02',
      'finding has-secret-scan-in-ci file=.github/workflows/ci.yml line=14 message="runs on push" date=2026-10-01',
    ]);
  });

  it('reads the written lines back exactly, with their line numbers', () => {
    const parsed = parseEvidence(formatEvidence(sample));
    expect(parsed).toEqual({ ok: true, value: sample.map((entry, index) => ({ entry, line: index + 1 })) });
  });

  it('quotes text with quotes, backslashes, newlines and control characters', () => {
    const note: Evidence = { type: 'note', text: 'a "b" \\ c\nd\te\u0001' };
    expect(formatEvidence([note])).toBe('note "a \\"b\\" \\\\ c\\nd\\te\\u0001"');
    expect(parseEvidence(formatEvidence([note]))).toEqual({ ok: true, value: [{ entry: note, line: 1 }] });
  });

  it('accepts what a person types: any attribute order, upper-case words, blank lines, CRLF', () => {
    const typed = 'Note seen BY=bob\r\n\r\n  link https://x.example/a date=2026-01-02 title=""';
    expect(parseEvidence(typed)).toEqual({
      ok: true,
      value: [
        { entry: { type: 'note', text: 'seen', by: 'bob' }, line: 1 },
        { entry: { type: 'link', url: 'https://x.example/a', title: '', date: '2026-01-02' }, line: 3 },
      ],
    });
  });

  it.each([
    ['memo "x"', 'evidence line 1: "memo" is not an evidence type (note, link, finding)'],
    ['note', 'evidence line 1: note needs its text after the word "note"'],
    ['note "open', 'evidence line 1: quoted text starting at character 6 has no closing "'],
    ['note "bad \\q"', 'evidence line 1: "\\"bad \\\\q\\"" is not valid quoted text (use \\" for a quote and \\\\ for a backslash)'],
    ['note x\nnote y colour=red', 'evidence line 2: note has no "colour" (it takes date, by)'],
    ['note x by=a by=b', 'evidence line 1: by= is given twice'],
    ['note x date=', 'evidence line 1: date= has no value'],
    ['note "x"y', 'evidence line 1: put a space before "y"'],
    ['note x stray', 'evidence line 1: expected key=value (date, by) but found "stray"'],
    ['finding det line=3', 'evidence line 1: finding needs file=…'],
    ['finding det file=a line=three', 'evidence line 1: line="three" must be a whole number'],
  ])('refuses %j', (text, error) => {
    expect(parseEvidence(text)).toEqual({ ok: false, error });
  });

  it('round-trips arbitrary entries exactly', () => {
    const text = fc.string({ unit: 'binary', maxLength: 16 });
    const common = { date: fc.option(fc.constant('2026-01-02'), { nil: undefined }), by: fc.option(text, { nil: undefined }) };
    const entry: fc.Arbitrary<Evidence> = fc.oneof(
      fc.record({ type: fc.constant('note' as const), text: text.filter((value) => value !== ''), ...common }, { requiredKeys: ['type', 'text'] }),
      fc.record({ type: fc.constant('link' as const), url: fc.constant('https://x.example/a?b=c'), title: fc.option(text, { nil: undefined }), ...common }, { requiredKeys: ['type', 'url'] }),
      fc.record(
        { type: fc.constant('finding' as const), detector: text.filter((value) => value !== ''), file: text.filter((value) => value !== ''), line: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: undefined }), message: fc.option(text, { nil: undefined }), ...common },
        { requiredKeys: ['type', 'detector', 'file'] },
      ),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), (entries) => {
        const clean = entries.map((item) => Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as Evidence);
        const parsed = parseEvidence(formatEvidence(clean));
        expect(parsed.ok && parsed.value.map((read) => read.entry)).toEqual(clean);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ratings, raters and self-ratings cells', () => {
  it('writes ratings as "name: status" lines and quotes names that would not read back', () => {
    const ratings = { alice: 'implemented', 'bob: the builder': 'partial', 'two\nlines': 'not-implemented', 'x"y': 'unknown' } as const;
    const text = formatRatings(ratings);
    expect(text).toBe('alice: implemented\nbob: the builder: partial\n"two\\nlines": not-implemented\n"x\\"y": unknown');
    expect(parseRatings(text)).toEqual({ ok: true, value: ratings });
  });

  it('reads typed ratings leniently in spacing and case', () => {
    expect(parseRatings('  alice :Implemented \r\n\nbob:partial')).toEqual({ ok: true, value: { alice: 'implemented', bob: 'partial' } });
  });

  it.each([
    ['alice implemented', 'ratings line 1: write each rating as "name: status", not "alice implemented"'],
    ['alice: done', 'ratings line 1: "done" is not a status (implemented, partial, not-implemented, not-applicable, unknown; empty means unknown)'],
    ['alice: partial\nalice: implemented', 'ratings line 2: "alice" is rated twice'],
    ['alice:', 'ratings line 1: "alice" has no status after ":"'],
    [': partial', 'ratings line 1: write each rating as "name: status"'],
    ['__proto__: partial', 'ratings line 1: "__proto__" cannot be used as a rater name'],
  ])('refuses ratings %j', (text, error) => {
    expect(parseRatings(text)).toEqual({ ok: false, error });
  });

  it('round-trips raters in order, duplicates included', () => {
    const raters = ['alice', ' lead', 'trail ', 'bob', 'bob', '"quoted"', '=x'];
    expect(parseRaters(formatRaters(raters))).toEqual({ ok: true, value: raters });
  });

  it('round-trips self-ratings and refuses anything else', () => {
    const scores = { secrets: 2, 'incident-response': 0 };
    expect(formatSelfRatings(scores)).toBe('secrets: 2\nincident-response: 0');
    expect(parseSelfRatings(formatSelfRatings(scores))).toEqual({ ok: true, value: scores });
    expect(parseSelfRatings('secrets two')).toEqual({ ok: false, error: 'line 1: write each self-rating as "domain-id: level", not "secrets two"' });
    expect(parseSelfRatings('__proto__: 1')).toEqual({ ok: false, error: 'line 1: "__proto__" is not a domain id (see the README sheet)' });
    expect(parseSelfRatings('iac: 1\niac: 2')).toEqual({ ok: false, error: 'line 2: "iac" is rated twice' });
  });

  it('reads statuses: empty is unknown, case and spaces are forgiven', () => {
    expect(parseStatus('')).toEqual({ ok: true, value: undefined });
    expect(parseStatus(' Not-Applicable ')).toEqual({ ok: true, value: 'not-applicable' });
    expect(parseStatus('unknown')).toEqual({ ok: true, value: 'unknown' });
    expect(parseStatus('done').ok).toBe(false);
  });
});
