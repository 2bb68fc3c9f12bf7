/**
 * A new PGlite data directory starts from a cluster saved at build time, already migrated, instead
 * of running initdb and every migration: on a two-core machine initdb in WebAssembly takes ~5 s and
 * the migrations ~2 s against a data directory on disk, unpacking the saved cluster about a second,
 * so a fresh checkout's first start answers within the 3 s `pnpm bench` holds it to (row 6).
 * `pnpm build` saves it (scripts/save-pglite-datadir.mjs). The file is named after the PGlite
 * version and the migrations that made it, so a stale one is never picked up; without it, PGlite
 * runs initdb as before (and migrations run at start as always).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations } from './migrations/index.js';

const require = createRequire(import.meta.url);

function pgliteVersion(): string {
  // The package's exports hide package.json: find it beside the entry point.
  const manifest = path.join(
    path.dirname(require.resolve('@electric-sql/pglite')),
    '..',
    'package.json',
  );
  const { version } = require(manifest) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}

function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(migrations).sort()) {
    const migration = migrations[name];
    hash.update(`${name}\n${String(migration?.up)}\n${String(migration?.down)}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}

/** packages/db/dist/pglite-datadir-<version>-<migrations>.tar.gz, from src/ (tests) and dist/ alike. */
export function savedDataDirFile(): string {
  const dist = fileURLToPath(new URL('../dist/', import.meta.url));
  return path.join(dist, `pglite-datadir-${pgliteVersion()}-${migrationsKey()}.tar.gz`);
}

/** The saved cluster for the installed PGlite and these migrations, or undefined. */
export async function readSavedDataDir(): Promise<Blob | undefined> {
  const file = savedDataDirFile();
  if (!existsSync(file)) return undefined;
  return new Blob([await readFile(file)]);
}
