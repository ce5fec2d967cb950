import { input, select } from '@inquirer/prompts';
import { ANSWER_STATUSES } from '../core/workspace/schema.js';
import type { AnswerStatus } from '../core/workspace/schema.js';
import type { Questioner } from '../services/assess.js';
import type { Output } from './context.js';

const STATUS_LABELS: Readonly<Record<AnswerStatus, string>> = {
  implemented: 'implemented — in place, with evidence',
  partial: 'partial — started or only in some places',
  'not-implemented': 'not implemented',
  'not-applicable': 'not applicable — needs a justification',
  unknown: 'skip — leave unknown for now',
};

const HTTP_URL = /^https?:\/\/[A-Za-z0-9.\-[\]:]+(?:[/?#]\S*)?$/i;

/** The terminal questionnaire: one prompt per practice, guidance shown above it. */
export function terminalQuestioner(output: Output, paint: (text: string) => string): Questioner {
  return {
    startDomain(domain, index, total) {
      output.write(`\n── ${index + 1}/${total} ${domain.name} ──\n${domain.description}\n`);
    },
    async status(question) {
      output.write(`\n${question.practice.id} · level ${question.practice.level} (${question.levelName}) · ${question.index + 1}/${question.total}\n`);
      output.write(`${paint(question.practice.guidance || question.practice.description)}\n`);
      if (question.proposal !== undefined) {
        const where = question.proposal.evidence.slice(0, 3).map((entry) => `${entry.file}${entry.line === undefined ? '' : `:${entry.line}`}`).join(', ');
        output.write(`The scan proposes: ${question.proposal.status}${where === '' ? '' : ` (${where})`}\n`);
      }
      return select<AnswerStatus | 'stop'>({
        message: question.practice.title,
        default: question.previous === 'unknown' && question.proposal !== undefined ? question.proposal.status : question.previous,
        choices: [...ANSWER_STATUSES.map((status) => ({ value: status, name: STATUS_LABELS[status] })), { value: 'stop' as const, name: 'stop here — save the answers given so far' }],
      });
    },
    justification: (question) => input({ message: `Why is "${question.practice.title}" not applicable?`, required: true, validate: (text) => text.trim() !== '' || 'A justification is required' }),
    note: () => input({ message: 'Evidence note (Enter to skip):' }),
    link: () => input({ message: 'Evidence link (https://…, Enter to skip):', validate: (text) => text.trim() === '' || HTTP_URL.test(text.trim()) || 'An absolute http(s) URL without credentials' }),
    async domainScore(domain, levels, previous) {
      const choices = [...levels.map((level) => ({ value: String(level.level), name: `${level.level} ${level.name}` })), { value: 'skip', name: 'skip' }];
      const chosen = await select({ message: `${domain.name}: which level describes the team today?`, choices, default: previous === null ? 'skip' : String(previous) });
      return chosen === 'skip' ? null : Number(chosen);
    },
  };
}
