import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';
import { DatabaseUrlError } from './database-url.js';
import { migrateToLatest } from './migrate.js';
import { testServerUrl } from './testing/index.js';

describe('createDb', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('rejects an unknown scheme with a message naming DATABASE_URL', async () => {
    const attempt = createDb('mysql://root@localhost/rolegate');
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUrlError);
    await expect(createDb('sqlite:./app.db')).rejects.toThrow(/DATABASE_URL.*postgres:\/\//);
  });

  it('rejects a pool size that is not a whole number', async () => {
    await expect(createDb('postgres://postgres@127.0.0.1/none', { poolSize: 0 })).rejects.toThrow(
      /poolSize/,
    );
  });

  it('pglite:<dir> creates the directory and keeps data across a reopen', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'rolegate-db-test-'));
    scratch.push(root);
    const dir = path.join(root, 'nested', 'pglite');
    const url = `pglite:${dir}`;

    const first = await createDb(url);
    expect(existsSync(dir)).toBe(true);
    await migrateToLatest(first);
    await first
      .insertInto('users')
      .values({ email: 'kept@x.com', name: 'Kept', passwordHash: 'h', role: 'editor' })
      .execute();
    await first.destroy();

    const reopened = await createDb(url);
    try {
      expect(await migrateToLatest(reopened)).toEqual([]);
      const users = await reopened.selectFrom('users').select(['email', 'role']).execute();
      expect(users).toEqual([{ email: 'kept@x.com', role: 'editor' }]);
    } finally {
      await reopened.destroy();
    }
  });

  it('pglite:memory: opens an empty database, and destroy() closes it', async () => {
    const db = await createDb('pglite:memory:');
    const { rows } = await sql<{ answer: number }>`select 42 as answer`.execute(db);
    expect(rows).toEqual([{ answer: 42 }]);
    await db.destroy();
    await expect(sql`select 1`.execute(db)).rejects.toThrow();
  });

  const serverUrl = testServerUrl();
  if (serverUrl !== undefined) {
    it('postgres:// connects through a pool, and destroy() ends it', async () => {
      const db = await createDb(serverUrl, { poolSize: 2 });
      const { rows } = await sql<{ answer: number }>`select 6 * 7 as answer`.execute(db);
      expect(rows).toEqual([{ answer: 42 }]);
      await db.destroy();
      await expect(sql`select 1`.execute(db)).rejects.toThrow();
    });

    it('a connection killed inside a transaction fails that transaction, not the process', async () => {
      const failures: Error[] = [];
      const db = await createDb(serverUrl, {
        poolSize: 2,
        onIdleConnectionError: (error) => failures.push(error),
      });
      const killer = await createDb(serverUrl, { poolSize: 1 });
      try {
        const transaction = db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await sql`select pg_terminate_backend(${rows[0]?.pid})`.execute(killer);
          // Between two queries of the transaction: the FATAL notice arrives with no query running.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await sql`select 1`.execute(trx);
        });
        await expect(transaction).rejects.toThrow();
        expect(failures.map((error) => error.message)).toContain(
          'terminating connection due to administrator command',
        );
        const { rows } = await sql<{ answer: number }>`select 42 as answer`.execute(db);
        expect(rows).toEqual([{ answer: 42 }]);
      } finally {
        await killer.destroy();
        await db.destroy();
      }
    });
  }
});
