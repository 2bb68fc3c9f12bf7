import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';
import { migrateToLatest } from './migrate.js';
import { readSavedDataDir, savedDataDirFile } from './pglite-datadir.js';
import { saveDataDir } from './pglite-datadir-save.js';

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'rolegate-datadir-test-'));
  scratch.push(root);
  return root;
}

describe('the saved PGlite cluster', () => {
  it('is saved once per PGlite version, beside the build', { timeout: 120_000 }, async () => {
    const file = await saveDataDir();
    expect(file).toBe(savedDataDirFile());
    expect(path.basename(file)).toMatch(/^pglite-datadir-\d+\.\d+\.\d+-[0-9a-f]{12}\.tar\.gz$/);
    expect(existsSync(file)).toBe(true);
    expect(await readSavedDataDir()).toBeInstanceOf(Blob);
  });

  it('removes the files saved for other migrations, which nothing reads', async () => {
    const file = await saveDataDir();
    const stale = path.join(path.dirname(file), 'pglite-datadir-0.0.0-000000000000.tar.gz');
    await writeFile(stale, 'an older save');
    expect(await saveDataDir()).toBe(file);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(file)).toBe(true);
  });

  it('gives a new data directory a migrated database that keeps its data', async () => {
    await saveDataDir();
    const url = `pglite:${path.join(await scratchDir(), 'new')}`;
    const first = await createDb(url);
    // Unpacked from the saved cluster: every migration is already there.
    expect(await migrateToLatest(first)).toEqual([]);
    await first
      .insertInto('users')
      .values({ email: 'first@x.com', name: 'First', passwordHash: 'h', role: 'reader' })
      .execute();
    await first.destroy();

    const reopened = await createDb(url);
    try {
      const rows = await reopened.selectFrom('users').select('email').execute();
      expect(rows).toEqual([{ email: 'first@x.com' }]);
    } finally {
      await reopened.destroy();
    }
  }, 60_000);
});
