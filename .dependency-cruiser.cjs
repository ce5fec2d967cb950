/** Layer rules of DESIGN.md §1, enforced in `npm run lint`. */
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core imports nothing but core and pure libraries: no node:* modules, no other layer.',
      severity: 'error',
      from: { path: layer('core') },
      to: { pathNot: [layer('core'), '^node_modules/(zod|yaml|js-yaml)/'] },
    },
    {
      name: 'scanner-charts-pure',
      comment: 'scanner and charts depend on core only (and pure libraries), never on node:* or I/O layers.',
      severity: 'error',
      from: { path: [layer('scanner'), layer('charts')] },
      to: { path: ['^node:', '^(fs|path|os|child_process|net|http|https|crypto|worker_threads)$', layer('services'), layer('adapters'), layer('server'), layer('cli'), layer('main')] },
    },
    {
      name: 'services-use-ports',
      comment: 'services work over core ports; only main picks adapters.',
      severity: 'error',
      from: { path: layer('services') },
      to: { path: [layer('adapters'), layer('server'), layer('cli'), layer('main')] },
    },
    {
      name: 'adapters-only-core',
      comment: 'adapters implement core ports and may not reach services, server, cli or main.',
      severity: 'error',
      from: { path: layer('adapters') },
      to: { path: [layer('services'), layer('server'), layer('cli'), layer('main'), layer('scanner'), layer('charts')] },
    },
    {
      name: 'interfaces-not-adapters',
      comment: 'cli and server call services; they never reach adapters directly (main wires them).',
      severity: 'error',
      from: { path: [layer('cli'), layer('server')] },
      to: { path: [layer('adapters'), layer('main')] },
    },
    {
      name: 'cli-server-apart',
      severity: 'error',
      from: { path: layer('cli') },
      to: { path: layer('server') },
    },
    {
      name: 'web-only-charts-and-core-types',
      comment: 'The browser UI talks to the server over HTTP: it imports its own files, the pure charts, core (types only, see below) and preact, nothing with I/O.',
      severity: 'error',
      from: { path: '^web/' },
      to: { pathNot: ['^web/', layer('core'), layer('charts'), '^node_modules/preact/'] },
    },
    {
      name: 'web-core-types-only',
      comment: 'From core the UI takes types only: scoring and the other rules run on the server, so the UI shows what the API answers.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: layer('core'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
