import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

type DocumentKind = 'process' | 'review';

const DOCUMENT = /\.(?:md|mdx|markdown|adoc|asciidoc|rst)$/i;
const PROCESS_PATH = /(?:^|[/_.-])(?:incident[-_ ]?response|run-?books?|play-?books?)(?:[/_.-]|$)/i;
/** Documents inside source folders describe code (a module called incident-response), not the team's process. */
const CODE_FOLDER = /(?:^|\/)(?:src|lib|node_modules|vendor)\//;
const REVIEW_PATH = /(?:^|[/_.-])(?:post-?mortems?|retro(?:spective)?s?)(?:[/_.-]|$)/i;

export const detector: Detector = {
  id: 'documents-incident-response',
  title: 'Incident runbooks, playbooks or post-mortems are kept in the repository',
  domain: 'incident-response',
  kind: 'positive',
  evidenceFor: ['incident-response.process', 'incident-response.runbooks', 'incident-response.post-incident-review'],
  version: 1,
  lifecycle: 'experimental',
  matches: (path) => kindOf(path) !== undefined,
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const documents = files.filter((file) => !isFixture(file.path) && !file.path.includes('node_modules/'));
    const written = documents.filter((file) => file.text.trim() !== '');
    const findings = [summarise(written, 'process'), summarise(written, 'review')].flat();
    if (findings.length > 0 || documents.length === 0) return findings;
    return [{ outcome: 'not-applicable', file: documents[0]?.path ?? '', line: 1, confidence: 'medium', message: 'Incident-response documents exist but are empty' }];
  },
};

/** Process and runbooks by a path naming incident response, runbooks or playbooks; reviews by post-mortem or retrospective paths. */
export function kindOf(path: string): DocumentKind | undefined {
  if (!DOCUMENT.test(path)) return undefined;
  if (CODE_FOLDER.test(path)) return undefined;
  if (REVIEW_PATH.test(path)) return 'review';
  return PROCESS_PATH.test(path) ? 'process' : undefined;
}

/** One finding per kind, at the first document, counting the rest. */
function summarise(files: readonly ScanFile[], kind: DocumentKind): DetectorFinding[] {
  const matching = files.filter((file) => kindOf(file.path) === kind);
  const first = matching[0];
  if (first === undefined) return [];
  const others = matching.length > 1 ? ` and ${matching.length - 1} more` : '';
  const place = { outcome: 'positive' as const, file: first.path, line: 1, confidence: 'medium' as const };
  if (kind === 'review') return [{ ...place, level: 3, practices: ['incident-response.post-incident-review'], message: `Post-incident reviews are written down (${first.path}${others})` }];
  return [{ ...place, level: 2, practices: ['incident-response.process', 'incident-response.runbooks'], message: `Incident-response process or runbooks are written down (${first.path}${others})` }];
}
