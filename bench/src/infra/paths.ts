import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** bench/ itself: children run from here so `--import tsx` resolves. */
export const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS_FILE = path.join(BENCH_DIR, 'results.json');

/** The web app's build output (row 5): apps/web/dist. */
export const WEB_DIST = path.resolve(BENCH_DIR, '..', 'apps', 'web', 'dist');

export function childScript(name: string): string {
  return fileURLToPath(new URL(`../children/${name}.ts`, import.meta.url));
}

/** `--import` this to run the bench's TypeScript helpers in a child process from any directory. */
export const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
