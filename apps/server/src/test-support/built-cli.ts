/**
 * The CLI tests run the real `node dist/cli/main.js`. Rebuilds dist first when any source file is
 * newer than it (tsc emits even when another folder has a type error, so only the output counts).
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_PATH = path.join(packageDir, 'dist', 'cli', 'main.js');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function builtMtime(): number {
  try {
    return statSync(CLI_PATH).mtimeMs;
  } catch {
    return 0;
  }
}

export async function ensureCliBuilt(): Promise<string> {
  if (builtMtime() >= newestSourceMtime(path.join(packageDir, 'src'))) return CLI_PATH;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: packageDir,
  }).catch(() => undefined);
  if (builtMtime() === 0) throw new Error(`building the CLI produced no ${CLI_PATH}`);
  return CLI_PATH;
}
