import { writeFileSync } from 'node:fs';
import { VERSION } from '../src/cli/program.js';
import { apiReferenceMarkdown } from '../src/server/api-reference.js';
import { API_ROUTES } from '../src/server/routes/index.js';

/** Writes docs/api/reference.md from the route definitions (`npm run docs:api`). */
writeFileSync(new URL('../docs/api/reference.md', import.meta.url), apiReferenceMarkdown(API_ROUTES, VERSION));
console.log('wrote docs/api/reference.md');
