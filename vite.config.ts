import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * The web UI (web/) builds to dist/web, which `stepwise serve` reads at start. The served CSP
 * forbids inline script and style, so the build must emit none: no modulepreload polyfill (it is
 * an inline script), no assets inlined as data: URLs, hashed file names for long caching.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [preact({ devToolsEnabled: false, reactAliasesEnabled: false })],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  // `npx vite` serves the UI with hot reload and forwards the API to a `stepwise serve` on its default port.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
