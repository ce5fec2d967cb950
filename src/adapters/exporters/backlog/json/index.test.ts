import { describe, expect, it } from 'vitest';
import { findingItem, gapItem, testContext, testItems } from '../test-items.js';
import { jsonBacklogExporter } from './index.js';

function parsed(items = testItems): Record<string, unknown>[] {
  return JSON.parse(jsonBacklogExporter.render(items, testContext)) as Record<string, unknown>[];
}

const DOCUMENTED_KEYS = ['key', 'team', 'practice', 'domain', 'level', 'title', 'priority', 'score', 'effort', 'dependsOn', 'source', 'acceptance'];

describe('json backlog exporter', () => {
  it('writes the items in priority order with the documented keys first, then the extras', () => {
    const items = parsed();
    expect(items.map((item) => item.key)).toEqual(testItems.map((item) => item.key));
    expect(Object.keys(items[0]!)).toEqual([...DOCUMENTED_KEYS, 'status', 'reason', 'description', 'mappings']);
  });

  it.each([
    {
      item: gapItem,
      expected: {
        key: 'payments:secrets.central-vault', team: 'payments', practice: 'secrets.central-vault', domain: 'secrets', level: 2,
        title: 'Move application secrets into a central vault', priority: 'P2', score: 3.75, effort: 'M',
        dependsOn: ['payments:secrets.inventory', 'payments:access-control.sso'], source: 'gap',
        acceptance: ['Every service reads its secrets from the vault.', 'No secret is stored in CI variables or config files.'],
        status: 'open', reason: 'missing', description: 'Applications read secrets from a managed vault at run time. Not in place yet.',
        mappings: { dsomm: ['a3d1c8f0-5c41-4e3e-9a3b-2b1f4c7d9e10'], samm: ['I-SD-A'], iso27001: ['8.24', '5.17'], ssdf: ['PS.1.1'] },
      },
    },
    {
      item: { ...findingItem, practice: null },
      expected: {
        key: findingItem.key, team: 'payments', practice: null, domain: 'secrets', level: 1, title: findingItem.title,
        priority: 'P1', score: 10, effort: 'S', dependsOn: [], source: 'finding', acceptance: [...findingItem.acceptance],
        status: 'open', reason: 'finding', description: findingItem.description, mappings: { dsomm: [], samm: [], iso27001: [], ssdf: [] },
      },
    },
  ])('writes $item.key with its real values', ({ item, expected }) => {
    expect(parsed([item])).toEqual([expected]);
  });

  it('pretty-prints with two spaces and ends with a newline', () => {
    const text = jsonBacklogExporter.render([gapItem], testContext);
    expect(text.startsWith('[\n  {\n    "key": "payments:secrets.central-vault",\n')).toBe(true);
    expect(text.endsWith('}\n]\n')).toBe(true);
    expect(jsonBacklogExporter.render([], testContext)).toBe('[]\n');
  });
});
