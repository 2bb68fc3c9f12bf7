/**
 * The CLI tests run the real `node dist/cli/main.js`. Rebuilds dist first when any source file is
 * newer than it (tsc emits even when another folder has a type error, so only the output counts).
 * Test files run in parallel processes: a lock directory lets one build while the others wait,
 * so nobody spawns a half-written dist.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withDirectoryLock } from '@rolegate/testkit';

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

const isFresh = () => builtMtime() >= newestSourceMtime(path.join(packageDir, 'src'));

const LOCK_DIR = path.join(
  tmpdir(),
  `rolegate-cli-build-${createHash('sha256').update(packageDir).digest('hex').slice(0, 12)}.lock`,
);
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 120_000;

function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  return withDirectoryLock(LOCK_DIR, { staleMs: STALE_LOCK_MS }, work);
}

export async function ensureCliBuilt(): Promise<string> {
  // Always through the lock: another process may be half-way through writing a fresh dist.
  return withBuildLock(async () => {
    if (!isFresh()) await build();
    if (builtMtime() === 0) throw new Error(`building the CLI produced no ${CLI_PATH}`);
    return CLI_PATH;
  });
}

async function build(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: packageDir,
  }).catch(() => undefined);
}
