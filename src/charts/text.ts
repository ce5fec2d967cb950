/**
 * Text fitting without a DOM: widths are estimated from character classes, calibrated a little
 * on the wide side (DejaVu Sans, the widest common fallback) so estimated text never overflows.
 */

const ELLIPSIS = '…';

const NARROW = 'ijl.,:;!|\'`';
const SEMI_NARROW = 'frtI()[]{}/\\- "';
const WIDE = 'mwMW@%';
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

function charWidth(char: string): number {
  if (NARROW.includes(char)) return 0.3;
  if (SEMI_NARROW.includes(char)) return 0.4;
  if (WIDE.includes(char)) return 0.9;
  if (char >= '0' && char <= '9') return 0.64;
  if (char >= 'A' && char <= 'Z') return 0.7;
  if (char >= 'a' && char <= 'z') return 0.6;
  return 0.7;
}

/** Estimated rendered width in px of `text` at `fontSize` (3 % margin; bold text 10 % wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em * fontSize * (bold ? 1.1 : 1.03);
}

/** Printable ASCII splits by character; anything else by grapheme (slower), so accents and emoji stay whole. */
function characters(text: string): Iterable<string> {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return Array.from(GRAPHEMES.segment(text), (part) => part.segment);
}

/** The text cut to fit `maxWidth`, ending in an ellipsis when cut. */
export function truncate(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const budget = maxWidth - textWidth(ELLIPSIS, fontSize, bold);
  let width = 0;
  let kept = '';
  for (const segment of characters(text)) {
    width += textWidth(segment, fontSize, bold);
    if (width > budget) break;
    kept += segment;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}

/** Wraps at spaces into at most `maxLines` lines of `maxWidth`; the last line gets an ellipsis when text is left over. */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): string[] {
  const words = text.trim().split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  let index = 0;
  while (index < words.length && lines.length < maxLines) {
    const word = words[index] ?? '';
    const candidate = current === '' ? word : `${current} ${word}`;
    if (textWidth(candidate, fontSize, bold) <= maxWidth || current === '') {
      current = candidate;
      index += 1;
      if (textWidth(current, fontSize, bold) > maxWidth) {
        lines.push(truncate(current, maxWidth, fontSize, bold));
        current = '';
      }
    } else {
      lines.push(current);
      current = '';
    }
  }
  if (current !== '') lines.push(current);
  const leftOver = index < words.length;
  if (!leftOver || lines.length === 0) return lines;
  const last = lines.length - 1;
  lines[last] = truncate(`${lines[last] ?? ''}${ELLIPSIS}`, maxWidth, fontSize, bold).replace(/…+$/, ELLIPSIS);
  return lines;
}

/** True when the text would be cut at this width. */
export function overflows(text: string, maxWidth: number, fontSize: number, bold = false): boolean {
  return textWidth(text, fontSize, bold) > maxWidth;
}
