import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Executor } from './create-db.js';
import {
  MigrationError,
  migrateDown,
  migrateToLatest,
  migrateToNothing,
  migrationNames,
} from './migrate.js';
import { useTestDb } from './test-support/use-test-db.js';
import { testDialects } from './testing/index.js';

const TABLES = [
  'audit_log',
  'entries',
  'entry_proposals',
  'level_requests',
  'mail_outbox',
  'rate_limits',
  'sessions',
  'users',
];

async function publicTables(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  return rows.map((row) => row.tableName);
}

describe.each(testDialects())('migrations on %s', (dialect) => {
  const testDb = useTestDb(dialect);

  it('up, down to nothing and up again leaves every table', async () => {
    const { db } = testDb();
    expect(await publicTables(db)).toEqual(TABLES);

    const down = await migrateToNothing(db);
    expect(down.map((result) => result.migrationName)).toEqual([...migrationNames()].reverse());
    expect(await publicTables(db)).toEqual([]);

    const up = await migrateToLatest(db);
    expect(up.map((result) => result.migrationName)).toEqual(migrationNames());
    expect(up.every((result) => result.status === 'Success')).toBe(true);
    expect(await publicTables(db)).toEqual(TABLES);
  });

  it('has nothing to do when already at the latest', async () => {
    expect(await migrateToLatest(testDb().db)).toEqual([]);
  });

  it('migrateDown undoes only the last migration', async () => {
    const { db } = testDb();
    const [last] = await migrateDown(db);
    expect(last?.migrationName).toBe(migrationNames().at(-1));
    expect(await publicTables(db)).toEqual(TABLES.filter((table) => table !== 'entry_proposals'));
    await migrateToLatest(db);
    expect(await publicTables(db)).toEqual(TABLES);
  });

  it('a failing migration throws naming it, and leaves the earlier ones applied', async () => {
    const { db } = testDb();
    await migrateDown(db);
    // Someone made the table by hand: the migration that creates it must fail, by name.
    await sql`create table entry_proposals (id int)`.execute(db);
    const failure = await migrateToLatest(db).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect(failure).toMatchObject({
      migrationName: '2026_11_26_0008_entry_proposals',
      message: expect.stringContaining('migration "2026_11_26_0008_entry_proposals" failed'),
    });

    await sql`drop table entry_proposals`.execute(db);
    await migrateToLatest(db);
    expect(await publicTables(db)).toEqual(TABLES);
  });
});
