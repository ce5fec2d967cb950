/**
 * Worksheet names for teams. Excel allows at most 31 characters, none of `[]:*?/\`, no `'` at
 * either end, and compares names without regard to case; "History" is reserved by Excel itself.
 * The name is only a label: the team id in the sheet's header is what import relies on.
 */

export const SHEET_NAME_MAX = 31;
/** Brackets become parentheses and the rest a hyphen, so "Payments: [core]" reads "Payments- (core)". */
const FORBIDDEN = /[[\]:*?/\\]/g;
const REPLACEMENT: Readonly<Record<string, string>> = { '[': '(', ']': ')' };
// eslint-disable-next-line no-control-regex -- control characters and lone surrogates cannot be stored in a sheet name
const UNSTORABLE = /[\u0000-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const RESERVED = ['History'];

/** One unique, valid sheet name per team, in order; `taken` are names already used in the workbook. */
export function teamSheetNames(teams: readonly { readonly id: string; readonly name: string }[], taken: readonly string[]): string[] {
  const used = new Set([...taken, ...RESERVED].map(foldName));
  return teams.map((team) => {
    const name = uniqueName(baseSheetName(team.name, team.id), used);
    used.add(foldName(name));
    return name;
  });
}

/** A team name made acceptable as a sheet name (the id when nothing usable is left). */
export function baseSheetName(name: string, fallback: string): string {
  const cleaned = name.replace(FORBIDDEN, (character) => REPLACEMENT[character] ?? '-').replace(UNSTORABLE, '_').replace(/^[\s']+|[\s']+$/g, '');
  return cleanText(cleaned === '' ? fallback : cleaned, SHEET_NAME_MAX);
}

function uniqueName(base: string, used: ReadonlySet<string>): string {
  if (!used.has(foldName(base))) return base;
  for (let counter = 2; ; counter += 1) {
    const suffix = ` (${counter})`;
    const candidate = cleanText(base, SHEET_NAME_MAX - suffix.length) + suffix;
    if (!used.has(foldName(candidate))) return candidate;
  }
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair, then drops spaces and quotes left at the end. */
function cleanText(text: string, max: number): string {
  let cut = '';
  for (const character of text) {
    if (cut.length + character.length > max) break;
    cut += character;
  }
  return cut.replace(/[\s']+$/, '');
}

function foldName(name: string): string {
  return name.toLowerCase();
}
