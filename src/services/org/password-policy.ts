/**
 * What makes a password acceptable (SECURITY.md S16): 12 to 128 characters, not one of the
 * passwords people pick first, not built from the username, not a keyboard run or one repeated
 * character. Length is counted in code points so a passphrase in any script is measured fairly.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Words that, padded with digits or symbols, make up most leaked passwords of this length. */
const COMMON_WORDS = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'azerty',
  'welcome', 'letmein', 'admin', 'administrator', 'changeme', 'iloveyou', 'monkey', 'dragon', 'football', 'baseball',
  'sunshine', 'princess', 'trustno', 'secret', 'master', 'login', 'abc', 'abcdef', 'abcdefghijkl', 'superman',
  'batman', 'starwars', 'whatever', 'shadow', 'michael', 'jennifer', 'hunter', 'freedom', 'computer', 'internet',
  'stepwise', 'default', 'test', 'testing', 'guest', 'root', 'access', 'summer', 'winter', 'spring', 'autumn',
  'passwordpassword', 'qwertyqwerty', 'helloworld', 'hello', 'loveme', 'mustang', 'liverpool', 'chelsea', 'arsenal',
]);

const KEYBOARD_RUNS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz', '1q2w3e4r5t6y7u8i9o0p', 'qazwsxedcrfvtgbyhnujm'];

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) return `the password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `the password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return 'the password repeats too few different characters';
  if (isCommon(lower)) return 'the password is one of the most common passwords; choose another';
  if (isKeyboardRun(lower)) return 'the password is a keyboard or alphabet sequence';
  if (isPredictable(lower)) return 'the password is built from common words, sequences and years; choose something less guessable';
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return 'the password may not contain the username';
  return undefined;
}

function isCommon(lower: string): boolean {
  const core = lower.replace(/^[^\p{L}@]+|[^\p{L}\p{N}@]+$/gu, '').replace(/\d+$/, '').replace(/[^\p{L}\p{N}@]+$/u, '');
  // Only digits and keyboard symbols; letters of any script, or emoji, are not "nothing".
  if ((core === '' && ASCII_SYMBOLS_AND_DIGITS.test(lower)) || /^\d+$/.test(lower)) return true;
  if (COMMON_WORDS.has(core)) return true;
  const halves = core.length % 2 === 0 && core.slice(0, core.length / 2) === core.slice(core.length / 2);
  return halves && COMMON_WORDS.has(core.slice(0, core.length / 2));
}

function isKeyboardRun(lower: string): boolean {
  const letters = lower.replace(/[^a-z0-9]/g, '');
  if (letters.length < 8) return false;
  return KEYBOARD_RUNS.some((run) => run.includes(letters) || Array.from(letters).reverse().join('') === run.slice(0, letters.length));
}

/** Columns of a keyboard read top to bottom ("1qaz2wsx…"), the other pattern people type. */
const KEYBOARD_COLUMNS = '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/';
const RUNS = [...KEYBOARD_RUNS, KEYBOARD_COLUMNS, '0123456789'].flatMap((run) => [run, Array.from(run).reverse().join('')]);
const WORDS_LONGEST_FIRST = [...COMMON_WORDS].sort((left, right) => right.length - left.length);
const LEET: Readonly<Record<string, string>> = { '@': 'a', $: 's', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const MIN_RESIDUE = 4;
/** Spaces and the symbols of a keyboard: they add little to a password made of guessable parts. */
const ASCII_SYMBOLS = /[\s!-/:-@[-`{-~]/g;
const ASCII_SYMBOLS_AND_DIGITS = /^[\s!-@[-`{-~]*$/;

/**
 * True when little is left once common words, keyboard and alphabet runs, years and symbols are
 * taken out ("Password@123", "1qaz2wsx3edc", "Welcome@2024", "a1b2c3d4e5f6"), read as typed, with
 * look-alike characters undone, and with letters and digits apart (for interleaved runs).
 */
function isPredictable(lower: string): boolean {
  const letters = lower.replace(/\P{L}/gu, '');
  const digits = lower.replace(/\D/g, '');
  const others = lower.replace(/[\p{L}\p{N}]/gu, '').replace(ASCII_SYMBOLS, '');
  const readings = [residue(lower), residue(Array.from(lower, (char) => LEET[char] ?? char).join('')), residue(letters) + residue(digits) + others];
  return readings.some((rest) => Array.from(rest).length < MIN_RESIDUE);
}

function residue(text: string): string {
  let rest = text;
  for (const word of WORDS_LONGEST_FIRST) rest = rest.split(word).join(' ');
  return withoutRuns(rest)
    .replace(/(?:19|20)\d\d/g, ' ')
    .replace(ASCII_SYMBOLS, '');
}

/** The text without every stretch of 3 or more characters that follows a keyboard or alphabet run. */
function withoutRuns(text: string): string {
  let kept = '';
  let index = 0;
  while (index < text.length) {
    const length = runLengthAt(text, index);
    if (length >= 3) index += length;
    else kept += text[index++] ?? '';
  }
  return kept;
}

function runLengthAt(text: string, start: number): number {
  let best = 0;
  for (let end = start + 3; end <= text.length; end += 1) {
    const piece = text.slice(start, end);
    if (!RUNS.some((run) => run.includes(piece))) break;
    best = end - start;
  }
  return best;
}
