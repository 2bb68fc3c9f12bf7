/**
 * A migrated PGlite, made once and cloned for each test database: a fresh PGlite plus migrations
 * costs 1–3 s (far more on a busy machine), a clone from its dumped data directory about 0.3 s.
 * Vitest runs each test file in its own process, so the dump is also kept on disk, keyed by the
 * PGlite build and the migrations' code: the first file pays, the others clone.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { createDbFromPGlite } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import type { Database } from '../schema.js';

let template: Promise<Blob> | undefined;

/** A different PGlite or any edited migration gives a different file, never a stale schema. */
function templateFile(): string {
  const hash = createHash('sha256');
  hash.update(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (const name of Object.keys(migrations).sort()) {
    const migration = migrations[name];
    hash.update(`${name}\n${String(migration?.up)}\n${String(migration?.down)}\n`);
  }
  return path.join(os.tmpdir(), `rolegate-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function buildTemplate(): Promise<Blob> {
  const pglite = await PGlite.create();
  const db = createDbFromPGlite(pglite);
  try {
    await migrateToLatest(db);
    // Uncompressed: gzip would cost every clone a decompression.
    return await pglite.dumpDataDir('none');
  } finally {
    await db.destroy();
  }
}

async function loadOrBuildTemplate(): Promise<Blob> {
  const file = templateFile();
  const cached = await readFile(file).catch(() => undefined);
  if (cached !== undefined) return new Blob([cached]);
  const built = await buildTemplate();
  // Write then rename, so a file running at the same time never reads half a dump.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await built.arrayBuffer()));
  await rename(partial, file);
  return built;
}

function migratedDataDir(): Promise<Blob> {
  template ??= loadOrBuildTemplate();
  // A failed attempt must not poison every later test in this process.
  template.catch(() => {
    template = undefined;
  });
  return template;
}

/** A fresh in-memory PGlite with every migration applied. */
export async function clonePGliteDb(): Promise<Kysely<Database>> {
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ loadDataDir: await migratedDataDir() });
  } catch (error) {
    // An unreadable cached dump (e.g. cut short by a full disk): forget it and build afresh once.
    await rm(templateFile(), { force: true });
    template = undefined;
    pglite = await PGlite.create({ loadDataDir: await migratedDataDir() }).catch(() => {
      throw error;
    });
  }
  return createDbFromPGlite(pglite);
}
