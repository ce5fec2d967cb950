import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, isLiteralSecret } from './index.js';

describe('has-secret-in-image-config', () => {
  it.each([
    ['ENV DB_PASSWORD=s3cr3t-Value', 'ENV DB_PASSWORD=***', 'ENV sets DB_PASSWORD to a literal value, which ships in the image; pass it at run time or use a BuildKit secret mount'],
    ['ENV NPM_TOKEN npm_AbCdEf0123456789', 'ENV NPM_TOKEN=***', 'ENV sets NPM_TOKEN to a literal value, which ships in the image; pass it at run time or use a BuildKit secret mount'],
    ['ARG STRIPE_API_KEY=sk_live_0123456789abcdef', 'ARG STRIPE_API_KEY=***', 'ARG sets STRIPE_API_KEY to a literal value, which ships in the image; pass it at run time or use a BuildKit secret mount'],
    ['ENV APP_ENV=prod \\\n    JWT_SECRET="correct horse battery"', 'ENV JWT_SECRET=***', 'ENV sets JWT_SECRET to a literal value, which ships in the image; pass it at run time or use a BuildKit secret mount'],
    ['ENV MYSQL_ROOT_PASSWORD=123456', 'ENV MYSQL_ROOT_PASSWORD=***', 'ENV sets MYSQL_ROOT_PASSWORD to a literal value, which ships in the image; pass it at run time or use a BuildKit secret mount'],
  ])('flags %j without printing the value', (instruction, snippet, message) => {
    const findings = runDetector(detector, { files: [file('Dockerfile', 'FROM node:20', instruction)] });
    expect(findings).toEqual([{ outcome: 'negative', level: 0, file: 'Dockerfile', line: 2, confidence: 'medium', snippet, message }]);
    expect(JSON.stringify(findings)).not.toMatch(/s3cr3t|npm_AbCdEf|sk_live|horse|123456/);
  });

  it.each([
    ['a variable reference', 'ENV DB_PASSWORD=$DB_PASSWORD'],
    ['a braced reference', 'ENV GITHUB_TOKEN=${GITHUB_TOKEN}'],
    ['an empty value', 'ENV API_KEY=""'],
    ['a placeholder', 'ENV ADMIN_PASSWORD=changeme'],
    ['an angle-bracket placeholder', 'ENV API_KEY=<your-api-key>'],
    ['a path to a secret file', 'ENV POSTGRES_PASSWORD_FILE=/run/secrets/db'],
    ['a flag under a secret-sounding name', 'ENV TOKENIZERS_PARALLELISM=false'],
    ['a setting about a token', 'ENV TOKEN_TTL=3600'],
    ['an unrelated name', 'ENV NODE_ENV=production'],
  ])('does not flag %s', (_name, instruction) => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM node:20', instruction)] })).toEqual([]);
  });

  it('is inconclusive for a credential passed as a build argument without a value', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM node:20', 'ARG NPM_TOKEN')] })).toEqual([
      { outcome: 'not-applicable', file: 'Dockerfile', line: 2, confidence: 'medium', message: 'ARG NPM_TOKEN has no value here; if a credential is passed with --build-arg it is recorded in the image history: use a secret mount instead' },
    ]);
  });

  it('judges values', () => {
    expect([isLiteralSecret('A_TOKEN', 'xxxxxxxx'), isLiteralSecret('A_TOKEN', 'ghp_realLookingValue'), isLiteralSecret('TOKEN_RETRIES', '3'), isLiteralSecret('PIN_PASSWORD', '4711')]).toEqual([false, true, false, true]);
  });

  it('stays linear on a hostile name', () => {
    const started = performance.now();
    runDetector(detector, { files: [file('Dockerfile', 'FROM x', `ENV ${'PASSWORD'.repeat(12_500)}=value`, `ENV A${'_'.repeat(100_000)}=1`)] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
