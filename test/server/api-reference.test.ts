import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/program.js';
import { apiReferenceMarkdown } from '../../src/server/api-reference.js';
import { API_ROUTES } from '../../src/server/routes/index.js';

describe('docs/api/reference.md', () => {
  it('is what the route definitions generate (run "npm run docs:api" after changing a route)', () => {
    const written = readFileSync(new URL('../../docs/api/reference.md', import.meta.url), 'utf8');
    expect(written).toBe(apiReferenceMarkdown(API_ROUTES, VERSION));
  });

  it('documents every route with its policy', () => {
    const markdown = apiReferenceMarkdown(API_ROUTES, VERSION);
    for (const route of API_ROUTES) {
      const heading = `### \`${route.method} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}\``;
      expect(markdown, heading).toContain(heading);
    }
    expect(markdown).toContain('- Policy: team:lead (team from `teamId`)');
  });
});
