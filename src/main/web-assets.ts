import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebAsset } from '../server/context.js';

/** dist/web from both dist/main (installed) and src/main (tests run from source). */
export const WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/**
 * The built web UI, read once into memory by URL path (`/index.html`, `/assets/index-….js`): a
 * few hundred KB that never change while the server runs. Undefined when the UI was not built.
 */
export function readWebAssets(folder: string = WEB_DIR): ReadonlyMap<string, WebAsset> | undefined {
  if (!existsSync(join(folder, 'index.html'))) return undefined;
  const assets = new Map<string, WebAsset>();
  for (const file of filesUnder(folder)) {
    const mediaType = MEDIA_TYPES[extname(file).toLowerCase()];
    if (mediaType === undefined) continue;
    assets.set(`/${relative(folder, file).split(sep).join('/')}`, { body: new Uint8Array(readFileSync(file)), mediaType });
  }
  return assets;
}
