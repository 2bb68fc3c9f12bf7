/** Saves the migrated PGlite cluster that new data directories start from (see pglite-datadir.ts). */
import { existsSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createDbFromPGlite } from './create-db.js';
import { migrateToLatest } from './migrate.js';
import { savedDataDirFile } from './pglite-datadir.js';

/**
 * Initialises and migrates a cluster in memory and saves it, gzipped; skips if already saved. The
 * files saved for other migrations or PGlite versions are removed: nothing reads them, and `pnpm
 * release` copied each into the release folder (4.5 MB a migration added).
 */
export async function saveDataDir(): Promise<string> {
  const file = savedDataDirFile();
  await removeOtherSaves(file);
  if (existsSync(file)) return file;
  const pglite = await PGlite.create();
  const db = createDbFromPGlite(pglite);
  try {
    await migrateToLatest(db);
    // gzip: ~4.5 MB instead of ~40, for about half a second more to unpack.
    const dump = await pglite.dumpDataDir('gzip');
    // Write then rename: a start running meanwhile never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return file;
  } finally {
    await db.destroy();
  }
}

async function removeOtherSaves(keep: string): Promise<void> {
  const dir = path.dirname(keep);
  const names = existsSync(dir) ? await readdir(dir) : [];
  const stale = names.filter(
    (name) =>
      name.startsWith('pglite-datadir-') &&
      name.endsWith('.tar.gz') &&
      name !== path.basename(keep),
  );
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
}
