import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

const POLICY = 'incident-response.security-policy';
const DISCLOSURE = 'incident-response.disclosure-handling';
/** Scorecard's security-policy locations, in the order it looks (case-insensitive). */
export const POLICY_PATHS: readonly string[] = [
  ...['', '.github/', 'docs/'].flatMap((folder) => ['md', 'markdown', 'adoc', 'rst'].map((extension) => `${folder}security.${extension}`)),
  'doc/security.rst',
];
const LINK = /https?:\/\/\S|mailto:|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/i;
const DISCLOSURE_HINT = /vulnerabilit|disclos|report|embargo|\bcve\b|bounty/i;
/** Markdown and AsciiDoc headings, reStructuredText underlines, HTML comments, horizontal rules. */
const NOT_PROSE = /^(?:#{1,6}[ \t]|=+[ \t]|[=\-~^*#+`_]{3,}$|<!--|-->)/;
const WORD = /[A-Za-z]{2,}/g;

export const detector: Detector = {
  id: 'has-security-policy',
  title: 'A security policy tells reporters how to disclose a vulnerability',
  domain: 'incident-response',
  kind: 'positive',
  evidenceFor: [POLICY, DISCLOSURE],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => POLICY_PATHS.includes(path.toLowerCase()),
  analyze({ files }) {
    const policy = POLICY_PATHS.map((path) => files.find((candidate) => candidate.path.toLowerCase() === path)).find((candidate) => candidate !== undefined);
    return policy === undefined ? [] : [judgePolicy(policy)];
  },
};

/** Scorecard's content score: a link or e-mail address +6, prose +3, disclosure wording +1. */
export function scorePolicy(text: string): { score: number; link: boolean; prose: boolean; hint: boolean } {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const link = lines.some((line) => LINK.test(line));
  const prose = lines.some((line) => line !== '' && !NOT_PROSE.test(line) && (line.match(WORD) ?? []).length >= 2);
  const hint = DISCLOSURE_HINT.test(text);
  return { score: (link ? 6 : 0) + (prose ? 3 : 0) + (hint ? 1 : 0), link, prose, hint };
}

function judgePolicy(file: ScanFile): DetectorFinding {
  const place = { file: file.path, line: 1, confidence: 'high' as const };
  if (file.text.trim() === '') return { outcome: 'not-applicable', ...place, message: `${file.path} is empty: say how to report a vulnerability and what reporters can expect` };
  const { score, link, prose } = scorePolicy(file.text);
  if (score >= 7) return { outcome: 'positive', ...place, level: 2, practices: [POLICY, DISCLOSURE], message: `${file.path} tells reporters where and how to disclose a vulnerability (score ${score}/10)` };
  const missing = link ? 'a few sentences on the process' : prose ? 'a contact: an e-mail address or a link to a private reporting form' : 'a contact and a description of the process';
  return { outcome: 'positive', ...place, level: 1, practices: [POLICY], message: `${file.path} exists but scores ${score}/10: add ${missing}` };
}
