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
      expect(name).toMatch(/^rolegate_t_[0-9a-z]+_[0-9a-f]{8}$/);
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
    it('sweeps test databases abandoned hours ago, and keeps recent ones', async () => {
      const stamp = (ageMs: number) => (Date.now() - ageMs).toString(36);
      const abandoned = `rolegate_t_${stamp(3 * 3_600_000)}_0badc0de`;
      const recent = `rolegate_t_${stamp(60_000)}_0badc0de`;
      const server = new pg.Client({ connectionString: testServerUrl() });
      await server.connect();
      try {
        await server.query(`create database ${abandoned}`);
        await server.query(`create database ${recent}`);
        const testDb = await createTestDb({ dialect });
        await testDb.destroy();
        const { rows } = await server.query<{ datname: string }>(
          'select datname from pg_database where datname = any($1) order by datname',
          [[abandoned, recent]],
        );
        expect(rows.map((row) => row.datname)).toEqual([recent]);
      } finally {
        await server.query(`drop database if exists ${abandoned}`);
        await server.query(`drop database if exists ${recent}`);
        await server.end();
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
