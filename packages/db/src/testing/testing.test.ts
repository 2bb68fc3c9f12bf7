import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDb, testDialects, testServerUrl } from './index.js';

describe('testDialects', () => {
  it('always includes PGlite, and Postgres exactly when a server URL is set', () => {
    expect(testDialects()).toEqual(
      testServerUrl() === undefined ? ['pglite'] : ['pglite', 'postgres'],
    );
  });
});

describe.each(testDialects())('createTestDb on %s', (dialect) => {
  it('gives each caller its own migrated database', async () => {
    const [one, two] = await Promise.all([createTestDb({ dialect }), createTestDb({ dialect })]);
    try {
      expect(one.dialect).toBe(dialect);
      await one.db
        .insertInto('users')
        .values({ email: 'only-in-one@x.com', name: 'One', passwordHash: 'h', role: 'reader' })
        .execute();
      expect(await two.db.selectFrom('users').select('email').execute()).toEqual([]);
      expect(await one.db.selectFrom('users').select('email').execute()).toHaveLength(1);
    } finally {
      await Promise.all([one.destroy(), two.destroy()]);
    }
  });

  if (dialect === 'postgres') {
    it('drops its database on destroy, even with a transaction left open', async () => {
      const testDb = await createTestDb({ dialect });
      const name = new URL(testDb.url).pathname.slice(1);
      expect(name).toMatch(/^rolegate_t_[0-9a-f]{12}$/);
      // A second pool that nobody closes, as a crashed test would leave behind.
      const straggler = new pg.Client({ connectionString: testDb.url });
      await straggler.connect();
      straggler.on('error', () => {});
      await straggler.query('begin');
      await testDb.destroy();

      const server = new pg.Client({ connectionString: testServerUrl() });
      await server.connect();
      try {
        const { rowCount } = await server.query('select 1 from pg_database where datname = $1', [
          name,
        ]);
        expect(rowCount).toBe(0);
      } finally {
        await server.end();
        await straggler.end().catch(() => {});
      }
    });
  }

  it('answers queries through the CamelCase plugin', async () => {
    const testDb = await createTestDb({ dialect });
    try {
      const { rows } = await sql<{ tableName: string }>`
        select table_name from information_schema.tables where table_name = 'mail_outbox'`.execute(
        testDb.db,
      );
      expect(rows).toEqual([{ tableName: 'mail_outbox' }]);
    } finally {
      await testDb.destroy();
    }
  });
});
