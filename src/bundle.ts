/**
 * Compiles the app into one JavaScript file for `npm start`. Running the TypeScript sources
 * through tsx costs about 48 MB of RSS for its loader thread; the bundle runs on plain Node.
 * Packages stay outside the bundle and load from node_modules as usual.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const APP_ENTRY = 'src/main.ts';
/** The folder of the bundle; `npm start` runs `main.js` in it. */
export const APP_BUNDLE_FOLDER = 'dist';

/**
 * Bundles `entry` and the project files it imports into `folder` as ES modules for Node 20, the
 * entry under its own name. Modules the app imports only when needed (the Redis and PostgreSQL
 * stores, the in-process sandbox) go into chunks of their own, so their packages load only when
 * used. In one file, their imports would be hoisted and would load at start-up.
 */
export async function bundle(entry: string, folder: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outdir: folder,
    entryNames: '[name]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

const runAsScript =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runAsScript) await bundle(APP_ENTRY, APP_BUNDLE_FOLDER);
