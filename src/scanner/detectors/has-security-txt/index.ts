import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

const SECURITY_TXT = /(?:^|\/)\.well-known\/security\.txt$/;
const CONTACT = /^Contact:[ \t]*\S/im;
const EXPIRES = /^Expires:[ \t]*\S/im;

export const detector: Detector = {
  id: 'has-security-txt',
  title: 'A security.txt with contact and expiry is published',
  domain: 'incident-response',
  kind: 'positive',
  evidenceFor: ['incident-response.disclosure-handling'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => SECURITY_TXT.test(path) && !path.includes('node_modules/'),
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return files.filter((candidate) => !isFixture(candidate.path)).map(judgeFile);
  },
};

/** RFC 9116 requires Contact and Expires; whether Expires lies in the past cannot be known without a clock. */
function judgeFile(file: ScanFile): DetectorFinding {
  const contact = CONTACT.exec(file.text);
  if (contact === null) return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${file.path} has no Contact: field, so it tells reporters nothing` };
  const place = { file: file.path, line: file.text.slice(0, contact.index).split('\n').length, level: 2, confidence: 'high' as const };
  if (!EXPIRES.test(file.text)) return { outcome: 'positive', ...place, status: 'partial', message: `${file.path} names a security contact but has no Expires: field (required by RFC 9116)` };
  return { outcome: 'positive', ...place, message: `${file.path} names a security contact and an expiry date; keep the date in the future` };
}
