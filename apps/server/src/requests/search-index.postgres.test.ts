import { createTestDb, type TestDb } from '@rolegate/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../accounts/person.js';
import { nameOrEmailContains } from './search.js';

// PGlite has no pg_trgm (decision 034): the index, and so this file, are Postgres's only.
describe('the admin search on Postgres', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb({ dialect: 'postgres' });
  });
  afterAll(() => testDb.destroy());

  it('is served by the trigram index (its expression is the index’s)', async () => {
    const { db } = testDb;
    const query = db
      .selectFrom(people(db).as('u'))
      .select('u.id')
      .where(nameOrEmailContains('u', 'Lovelace'))
      .orderBy('u.createdAt', 'desc')
      .limit(51)
      .compile();
    // An empty table is read whole whatever the indexes: forbid that to see whether one fits.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const explained = await trx.executeQuery<{ 'QUERY PLAN': string }>({
        ...query,
        sql: `explain ${query.sql}`,
      });
      return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('users_search_trgm_idx');
  });
});
