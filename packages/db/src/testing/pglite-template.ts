/**
 * A migrated PGlite, made once per process and cloned for each test database: a fresh PGlite plus
 * migrations costs 1–3 s, a clone from its dumped data directory about 0.3 s.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { createDbFromPGlite } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';

let template: Promise<Blob> | undefined;

function migratedDataDir(): Promise<Blob> {
  template ??= (async () => {
    const pglite = await PGlite.create();
    const db = createDbFromPGlite(pglite);
    try {
      await migrateToLatest(db);
      // Uncompressed: the dump stays in memory, and gzip would cost every clone a decompression.
      return await pglite.dumpDataDir('none');
    } finally {
      await db.destroy();
    }
  })();
  // A failed attempt must not poison every later test in this process.
  template.catch(() => {
    template = undefined;
  });
  return template;
}

/** A fresh in-memory PGlite with every migration applied. */
export async function clonePGliteDb(): Promise<Kysely<Database>> {
  const pglite = await PGlite.create({ loadDataDir: await migratedDataDir() });
  return createDbFromPGlite(pglite);
}
